/**
 * Every Datadog monitor query rendered from the example, the examples/ specs and the valid fixtures
 * follows the monitor grammar Datadog documents for metric monitors:
 * `time_aggr(time_window):space_aggr:metric{tags}[.function()...] [op term]... comparator threshold`,
 * where each metric term carries a space aggregator (docs.datadoghq.com, "Monitor API: query"). A
 * term without one (`billing.charge_run.last_success{env:prod}`) is refused by the API at `up`.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import { renderPlan } from "../../backends/render";
import type { RenderSettings } from "../../plan/plan";
import { printable } from "../../plan/format/value";

const ROOT = path.join(__dirname, "..", "..");
const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct", cloudflareZoneId: "zone" };

const SPECS = [
  path.join(ROOT, "readiness.yaml"),
  ...readdirSync(path.join(ROOT, "examples")).map((d) => path.join(ROOT, "examples", d, "readiness.yaml")).filter((f) => existsSync(f)),
  ...readdirSync(path.join(ROOT, "fixtures", "valid")).filter((f) => f.endsWith(".yaml")).map((f) => path.join(ROOT, "fixtures", "valid", f)),
];

const TIME_AGGR = /^(avg|sum|min|max|change|pct_change)\(last_\d+[mhdw]\)(,last_\d+[mhdw])?\)?:/;
const CHANGE = /^pct_change\(avg\(last_\d+[mhdw]\),last_\d+[mhdw]\):/;
const TERM = /^(avg|sum|min|max|count|p\d+(\.\d+)?):[A-Za-z][\w.]*\{[^{}]*\}(\.(as_count|as_rate|rollup|fill)\([^()]*\))*$/;

/** Problems with one metric monitor query, by the grammar above; none when it is well formed. */
function grammarProblems(query: string): string[] {
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

const queries: { spec: string; env: string; name: string; query: string }[] = [];
for (const file of SPECS) {
  const r = loadModels(readFileSync(file, "utf8"), file);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  for (const env of r.environments) {
    for (const res of renderPlan(r.models[env], settings).resources) {
      if (res.type !== "datadog:index/monitor:Monitor" || res.inputs.type !== "query alert") continue;
      queries.push({ spec: path.relative(ROOT, file), env, name: res.name, query: String(printable(res.inputs.query)) });
    }
  }
}

describe("Datadog monitor queries", () => {
  it("are rendered from the specs at all, heartbeats among them", () => {
    expect(queries.length).toBeGreaterThan(10);
    expect(queries.some((q) => q.name.includes("heartbeat") || q.name.endsWith("/nightly"))).toBe(true);
  });

  it("each put a space aggregator on every metric term", () => {
    expect(queries.flatMap((q) => grammarProblems(q.query).map((p) => `${q.spec} ${q.env} ${q.name}: ${p}`))).toEqual([]);
  });

  it("and the check refuses the heartbeat query as it was rendered before", () => {
    expect(grammarProblems("sum(last_25h):billing.charge_run.last_success{env:prod}.as_count() < 1")).toEqual([
      "term without space_aggr:metric{tags}: billing.charge_run.last_success{env:prod}.as_count() in sum(last_25h):billing.charge_run.last_success{env:prod}.as_count() < 1",
    ]);
    expect(grammarProblems("sum(last_25h):sum:billing.charge_run.last_success{env:prod}.as_count() < 1")).toEqual([]);
  });
});
