/** `readiness compliance`: how each SLO of an environment did over a month, quarter, week or the last N days, read from Prometheus. */
import { basename, dirname } from "node:path";
import { Option, type Command } from "commander";
import { DEFAULT_SPEC, loadModelForCli } from "./load";
import { UserError } from "../files/userError";
import { writeOutputFile } from "../files/userFiles";
import { clientFromCli, withLiveErrors } from "./live";
import { compliancePlan, readCompliance } from "../live/compliance";
import { COMPLIANCE_FORMATS, formatCompliance, type ComplianceFormat } from "../live/complianceFormat";
import { hasPrometheusSli } from "../slos/sli";
import { PERIOD_FORMS, reportPeriod } from "../slos/period";

/** `--now` as seconds since the epoch: an RFC 3339 instant with its offset, or undefined for the clock. */
export function nowSeconds(text: string | undefined): number {
  if (text === undefined) return Math.floor(Date.now() / 1000);
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new UserError(1, `--now ${JSON.stringify(text)}: expected an instant with its offset, e.g. 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00`);
  return Math.floor(ms / 1000);
}

interface ComplianceOptions {
  env: string;
  prometheus: string;
  period: string;
  format: ComplianceFormat;
  out?: string;
  now?: string;
  timeout: string;
  file: string;
}

export function register(program: Command): void {
  program
    .command("compliance")
    .description(
      "Live: per SLO over a period, attainment against the objective (met or missed), error budget spent, the worst days and time in each burn-rate alert, from the SLI's own queries over exactly the period (reads Prometheus; credentials from the environment)",
    )
    .requiredOption("-e, --env <env>", "environment")
    .requiredOption("--prometheus <url>", "Prometheus base URL, e.g. http://localhost:9090 (auth: READINESS_PROMETHEUS_BEARER_TOKEN_FILE or READINESS_PROMETHEUS_USERNAME + READINESS_PROMETHEUS_PASSWORD_FILE)")
    .requiredOption("--period <period>", `${PERIOD_FORMS}; calendar periods start at local midnight in oncall.timezone`)
    .addOption(new Option("--format <format>", "output format").choices([...COMPLIANCE_FORMATS]).default("html"))
    .option("-o, --out <file>", "write the report to this file instead of stdout")
    .option("--now <instant>", "the instant that ends last-Nd and a period still running (default: now)")
    .option("--timeout <duration>", "per-request timeout", "30s")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action(async (opts: ComplianceOptions) => {
      const now = nowSeconds(opts.now);
      const model = loadModelForCli(opts.file, opts.env);
      const period = reportPeriod(opts.period, model.oncall.timezone, now);
      if (typeof period === "string") throw new UserError(1, `readiness compliance: --${period}`);
      if (period.start >= now) throw new UserError(1, `readiness compliance: --period ${opts.period} starts ${new Date(period.start * 1000).toISOString()} (${period.timezone}), after now; nothing to report yet`);
      if (!model.services.some((s) => s.slos.some(hasPrometheusSli))) throw new UserError(1, `readiness compliance: environment ${opts.env} has no SLO with a Prometheus query`);
      const client = clientFromCli(opts.prometheus, opts.timeout);
      const report = await withLiveErrors(() => readCompliance(client, compliancePlan(model, period, now)));
      const text = formatCompliance(report, opts.format);
      if (opts.out === undefined) process.stdout.write(text);
      else process.stdout.write(`wrote ${writeOutputFile(dirname(opts.out), basename(opts.out), text)}\n`);
    });
}
