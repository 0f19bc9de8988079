/** `readiness report`: the launch sign-off page (gates, attestations, evidence) for one environment. */
import { Command, Option } from "commander";
import type { Model } from "../specification/model";
import { isIsoDate } from "../report/calendarDate";
import { computeReport, strictExitCode } from "../report/report";
import { renderHtml } from "../report/renderHtml";
import { renderJson } from "../report/renderJson";
import { renderMarkdown } from "../report/renderMarkdown";
import { summarySentence } from "../report/wording";
import { UserError } from "../files/userError";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment } from "./load";

/** Output formats of the report. */
export type ReportFormat = "html" | "markdown" | "json";

/** The environment a report is about when none is named: the first with paging on, else the first. */
export function defaultEnvironment(environments: string[], models: Record<string, Pick<Model, "paging">>): string | undefined {
  return environments.find((env) => models[env]?.paging) ?? environments[0];
}

/** Today's local calendar date, `YYYY-MM-DD`; the only place the report reads the clock. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface ReportOptions {
  env?: string;
  now?: string;
  format: ReportFormat;
  strict?: boolean;
  file: string;
}

export function register(program: Command): void {
  program
    .command("report")
    .description(
      "The launch sign-off page: every sign-off with its gate, attestation (signed off, expired, never, not yet valid) and evidence checked against the spec. " +
        "--strict exits 1 while any GA-blocking sign-off has not passed, for release pipelines.",
    )
    .option("-e, --env <env>", "environment whose evidence is checked (default: the first environment with paging on, else the first declared)")
    .option("--now <date>", "judge attestations as of this day, YYYY-MM-DD (default: today)")
    .addOption(new Option("--format <format>", "output format").choices(["html", "markdown", "json"]).default("html"))
    .option("--strict", "exit 1 while any GA-blocking sign-off is not signed off")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((opts: ReportOptions) => {
      const today = opts.now ?? localToday();
      if (!isIsoDate(today)) throw new UserError(1, `--now "${today}" is not a date (expected YYYY-MM-DD, e.g. 2026-11-23)`);
      const loaded = loadModelsForCli(opts.file);
      const env = opts.env ?? defaultEnvironment(loaded.environments, loaded.models);
      if (env === undefined) throw new UserError(1, `${loaded.file}: no environment is declared`);
      const report = computeReport(pickEnvironment(loaded, env), today);
      const render = { html: renderHtml, markdown: renderMarkdown, json: renderJson }[opts.format];
      process.stdout.write(render(report));
      if (opts.strict && strictExitCode(report) !== 0) throw new UserError(strictExitCode(report), `readiness report --strict: ${summarySentence(report)} in ${report.environment}`);
    });
}
