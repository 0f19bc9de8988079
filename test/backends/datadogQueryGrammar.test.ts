/**
 * Every Datadog monitor query rendered from the example, the examples/ specs and the valid fixtures
 * follows the monitor grammar Datadog documents for metric monitors:
 * `time_aggr(time_window):space_aggr:metric{tags}[.function()...] [op term]... comparator threshold`,
 * where each metric term carries a space aggregator (docs.datadoghq.com, "Monitor API: query"). A
 * term without one (`billing.charge_run.last_success{env:prod}`) is refused by the API at `up`.
 */
import { renderPlan } from "../../backends/render";
import type { RenderSettings } from "../../plan/plan";
import { printable } from "../../plan/format/value";
import { datadogSpecModels, grammarProblems } from "../support/datadogQueryGrammar";

const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct", cloudflareZoneId: "zone" };

const queries: { spec: string; env: string; name: string; query: string }[] = [];
for (const { spec, env, model } of datadogSpecModels()) {
  for (const res of renderPlan(model, settings).resources) {
    if (res.type !== "datadog:index/monitor:Monitor" || res.inputs.type !== "query alert") continue;
    queries.push({ spec, env, name: res.name, query: String(printable(res.inputs.query)) });
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
