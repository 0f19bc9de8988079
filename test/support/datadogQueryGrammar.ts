/**
 * The monitor grammar Datadog documents for metric monitors, as a check the tests share:
 * `time_aggr(time_window):space_aggr:metric{tags}[.function()...] [op term]... comparator threshold`,
 * where each metric term carries a space aggregator (docs.datadoghq.com, "Monitor API: query"). A
 * term without one (`billing.charge_run.last_success{env:prod}`) is refused by the API at `up`.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import type { Model } from "../../specification/model";

const ROOT = path.join(__dirname, "..", "..");

const TIME_AGGR = /^(avg|sum|min|max|change|pct_change)\(last_\d+[mhdw]\)(,last_\d+[mhdw])?\)?:/;
const CHANGE = /^pct_change\(avg\(last_\d+[mhdw]\),last_\d+[mhdw]\):/;
const TERM = /^(avg|sum|min|max|count|p\d+(\.\d+)?):[A-Za-z][\w.]*\{[^{}]*\}(\.(as_count|as_rate|rollup|fill)\([^()]*\))*$/;

/** Problems with one metric monitor query, by the grammar above; none when it is well formed. */
export function grammarProblems(query: string): string[] {
  const head = CHANGE.exec(query) ?? TIME_AGGR.exec(query);
  if (!head) return [`no time aggregation: ${query}`];
  const cmp = /\s(>=|<=|>|<)\s(-?[\d.]+)$/.exec(query);
  if (!cmp) return [`no comparator and threshold: ${query}`];
  const expr = query.slice(head[0].length, cmp.index).trim();
  const unwrapped = expr.replace(/^default_zero\((.*)\)$/, "$1");
  return unwrapped
    .split(/\s[-+*/]\s/)
    .map((t) => t.trim().replace(/^\((.*)\)$/, "$1"))
    .filter((t) => !TERM.test(t) && !/^[\d.]+$/.test(t))
    .map((t) => `term without space_aggr:metric{tags}: ${t} in ${query}`);
}

/** The example, the examples/ specs and the valid fixtures: every spec whose Datadog output is checked. */
export const DATADOG_SPECS: string[] = [
  path.join(ROOT, "readiness.yaml"),
  ...readdirSync(path.join(ROOT, "examples")).map((d) => path.join(ROOT, "examples", d, "readiness.yaml")).filter((f) => existsSync(f)),
  ...readdirSync(path.join(ROOT, "fixtures", "valid")).filter((f) => f.endsWith(".yaml")).map((f) => path.join(ROOT, "fixtures", "valid", f)),
];

/** Every environment's model of every spec in DATADOG_SPECS, with the spec's path relative to the repository. */
export function datadogSpecModels(): { spec: string; env: string; model: Model }[] {
  return DATADOG_SPECS.flatMap((file) => {
    const r = loadModels(readFileSync(file, "utf8"), file);
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
    return r.environments.map((env) => ({ spec: path.relative(ROOT, file), env, model: r.models[env] }));
  });
}
