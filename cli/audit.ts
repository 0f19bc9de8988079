/** `readiness audit`: the alert inventory and findings for one environment; exit 1 on any error. */
import { Option, type Command } from "commander";
import { AUDIT_RULES, audit, hasErrors, locateFindings, renderJson, renderMarkdown, renderSarif, renderText, type Finding, type LocatedReport } from "../audit";
import { UserError } from "../files/userError";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment, readSpecText, type LoadedSpec } from "./load";
import { planFor } from "./plan";
import { liveAuditFindings } from "./live";

/** Output formats of `readiness audit`. */
export const AUDIT_FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** Version written into SARIF, from the package, so code scanning can tell runs apart. */
const TOOL_VERSION: string = (require("../package.json") as { version: string }).version;

/** `YYYY-MM-DD` as UTC midnight, or undefined when it is not a real date. */
export function parseDay(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const d = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text ? undefined : d;
}

/** Runs the audit on spec text and renders it; returns the output and the exit code (reads no file; the caller does). */
export function auditCommand(text: string, file: string, env: string, format: AuditFormat, now: Date): { output: string; exitCode: number } {
  return auditLoaded(loadModelsForCli(file, text), env, format, now);
}

/** The audit of one environment of a spec that is already loaded, with `live` findings (from `--prometheus`) after the offline ones. */
export function auditLoaded(loaded: LoadedSpec, env: string, format: AuditFormat, now: Date, live: Finding[] = []): { output: string; exitCode: number } {
  const file = loaded.file;
  const model = pickEnvironment(loaded, env);
  const offline = audit(model, { now, spec: loaded.spec, plan: planFor(model, file) });
  const report = { ...offline, findings: [...offline.findings, ...live] };
  const positionOf = (segments: (string | number)[]) => loaded.locate(segments, "InvalidValue", "");
  const located: LocatedReport = { ...report, file, findings: locateFindings(report.findings, file, positionOf) };
  const output =
    format === "json" ? renderJson(located) : format === "markdown" ? renderMarkdown(located) : format === "sarif" ? renderSarif(located, TOOL_VERSION) : renderText(located);
  return { output, exitCode: hasErrors(report) ? 1 : 0 };
}

/** `readiness audit --rules`: every rule with its id, level, what it wants, why, and the fix. */
export function rulesListing(): string {
  return `${AUDIT_RULES.map((r) => `${r.id} [${r.level}] ${r.title}\n  why: ${r.help}\n  fix: ${r.fix}`).join("\n\n")}\n`;
}

export function register(program: Command): void {
  program
    .command("audit")
    .description("Every alert (severity after the paging policy, condition, route, who it can wake, runbook) and what is wrong with the alerting, with rule ids; exit 1 on any error-level finding")
    .option("-e, --env <env>", "environment to audit (required unless --rules)")
    .option("--rules", "list every audit rule with its id, rationale and fix, and exit")
    .addOption(new Option("--format <format>", "output format").choices([...AUDIT_FORMATS]).default("text"))
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .option("--now <date>", "start (YYYY-MM-DD, UTC) of the four weeks checked for on-call gaps; default today")
    .option("--prometheus <url>", "also audit the running system: missing series, unloaded or drifted rule groups, failing rules, pages firing, noise (credentials from the environment, see README)")
    .option("--since <duration>", "with --prometheus: the past range noise is measured over", "7d")
    .option("--timeout <duration>", "with --prometheus: per-request timeout", "10s")
    .action(async (opts: { env?: string; format: AuditFormat; file: string; now?: string; rules?: boolean; prometheus?: string; since: string; timeout: string }) => {
      if (opts.rules) {
        process.stdout.write(rulesListing());
        return;
      }
      if (opts.env === undefined) throw new UserError(1, "error: required option '-e, --env <env>' not specified (or use --rules)");
      let now = new Date();
      if (opts.now !== undefined) {
        const parsed = parseDay(opts.now);
        if (!parsed) throw new UserError(1, `--now ${JSON.stringify(opts.now)} is not a date; expected YYYY-MM-DD, e.g. 2026-03-02`);
        now = parsed;
      }
      const loaded = loadModelsForCli(opts.file, readSpecText(opts.file));
      const live = opts.prometheus === undefined ? [] : await liveAuditFindings(loaded, opts.env, opts.prometheus, opts.since, opts.timeout);
      const { output, exitCode } = auditLoaded(loaded, opts.env, opts.format, now, live);
      process.stdout.write(output);
      if (exitCode !== 0) throw new UserError(exitCode);
    });
}
