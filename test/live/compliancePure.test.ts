/**
 * The compliance report's pure parts: which queries a period needs (the SLI's own queries over
 * exactly the period, never the rolling recordings), the figures from answers that make no sense,
 * and the Prometheus client refusing answers that are not query results.
 */
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import type { Model } from "../../specification/model";
import { compliancePlan, complianceReport, plannedQueries, queryKey, type QueryResults } from "../../live/compliance";
import { complianceMarkdown } from "../../live/complianceFormat";
import { PrometheusClient, PrometheusError } from "../../live/prometheusClient";
import { reportPeriod, type ReportPeriod } from "../../slos/period";
import type { RangeSeries } from "../../live/prometheusClient";

const SPEC = `apiVersion: readiness/v1
system: { name: s }
environments:
  prod: { backends: [prometheus], paging: false }
routing:
  page: { slack: "#a" }
  ticket: { slack: "#a" }
  info: { slack: "#a" }
oncall:
  timezone: Europe/Berlin
  people: []
  schedules: []
  escalations: []
services:
  - id: api
    name: API
    tier: critical
    runbook: https://runbooks.test/api
    slos:
      - id: availability
        objective: 99.9
        window: month
        sli:
          errors: { prometheus: 'sum(rate(http_requests_total{code=~"5.."}[{{window}}]))' }
          total: { prometheus: 'sum(rate(http_requests_total[{{window}}]))' }
`;

function model(): Model {
  const r = loadModels(SPEC, "readiness.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.models.prod;
}

const at = (iso: string) => Date.parse(iso) / 1000;
const period = (text: string, now: number): ReportPeriod => reportPeriod(text, "Europe/Berlin", now) as ReportPeriod;

describe("the query plan", () => {
  const m = model();
  const oct = period("2026-10", at("2026-12-02T00:00:00Z"));
  const plan = compliancePlan(m, oct, at("2026-12-02T00:00:00Z"));

  test("reads the raw SLI over exactly the period at its end, not the slo:* recordings", () => {
    const slo = plan.slos[0];
    // October 2026 in Berlin: 30 Sep 22:00Z to 31 Oct 23:00Z, 31 days and the hour the clocks went back.
    expect(oct.end - oct.start).toBe(31 * 86400 + 3600);
    expect(slo.period?.ratio).toEqual({
      expr: '(sum(rate(http_requests_total{code=~"5.."}[2682000s])) or vector(0)) / (sum(rate(http_requests_total[2682000s])) > 0)',
      start: oct.end,
      end: oct.end,
      step: 60,
    });
    for (const q of plannedQueries(plan)) expect(q.expr).not.toMatch(/slo:/);
  });

  test("reads days of one length with one range query each: 24 h runs around the 25-hour 25 October", () => {
    const runs = plan.slos[0].runs.map((r) => [r.days[0].date, r.days.length, r.ratio.step, r.ratio.start, r.ratio.end]);
    expect(runs).toEqual([
      ["2026-10-01", 24, 86400, at("2026-10-01T22:00:00Z"), at("2026-10-24T22:00:00Z")],
      ["2026-10-25", 1, 90000, at("2026-10-25T23:00:00Z"), at("2026-10-25T23:00:00Z")],
      ["2026-10-26", 6, 86400, at("2026-10-26T23:00:00Z"), at("2026-10-31T23:00:00Z")],
    ]);
  });

  test("evaluates each burn-rate alert over the period with its recordings inlined, stopping short of the next period", () => {
    const alerts = plan.slos[0].alerts;
    // 31 days and an hour at 1m would be 44,700 points; Prometheus allows 11,000 a query, so 244 s.
    const step = Math.ceil((oct.end - oct.start) / 11000);
    expect(alerts.map((a) => [a.rule.alert, a.rule.labels.severity, a.query.start, a.query.end, a.query.step, a.notInlined])).toEqual([
      ["ApiAvailabilityBurnRatePage", "ticket", oct.start, oct.end - 1, step, []],
      ["ApiAvailabilityBurnRateTicket", "ticket", oct.start, oct.end - 1, step, []],
    ]);
    expect(alerts[0].query.expr).not.toContain("slo:");
    expect(alerts[1].query.expr).toContain("sum(rate(http_requests_total[1d21m]))");
  });

  test("names the window pairs of each rule, also where paging is off and both rules ticket", () => {
    const r = complianceReport(plan, "http://prometheus.test", new Map());
    expect(r.slos[0].alerts.map((a) => [a.alert, a.severity, a.windows])).toEqual([
      ["ApiAvailabilityBurnRatePage", "ticket", "14.4x over 1h1m/5m or 6x over 6h5m/30m"],
      ["ApiAvailabilityBurnRateTicket", "ticket", "2.3x over 1d21m/2h2m or 1x over 3d1h3m/6h5m"],
    ]);
  });

  test("a period still running is read up to now and says so", () => {
    const now = at("2026-12-02T10:00:00Z");
    const running = compliancePlan(m, period("2026-12", now), now);
    expect(running.complete).toBe(false);
    expect(running.days.map((d) => [d.date, (d.end - d.start) / 3600])).toEqual([
      ["2026-12-01", 24],
      ["2026-12-02", 11],
    ]);
  });
});

describe("figures from what Prometheus answered", () => {
  const m = model();
  const now = at("2026-12-02T00:00:00Z");
  const plan = compliancePlan(m, period("2026-11", now), now);
  const slo = plan.slos[0];
  const point = (t: number, v: number): RangeSeries => ({ metric: {}, values: [[t, v]] });

  test("an error ratio above 1 or two series where the SLI sums to one is a problem named on the SLO, not a figure", () => {
    const end = slo.period!.ratio.end;
    const results: QueryResults = new Map([
      [queryKey(slo.period!.ratio), [point(end, 1.5)]],
      [queryKey(slo.period!.total), [point(end, 10), point(end, 20)]],
    ]);
    const r = complianceReport(plan, "http://prometheus.test", results).slos[0];
    expect(r.status).toBe("no data");
    expect(r.attainment).toBeNull();
    expect(r.problems).toEqual([
      "the period total: the query returned 2 series where the SLI sums to one; its figures are left out",
      "the period error ratio: Prometheus answered 1.5, outside 0..1; check the SLI's queries (errors counted beyond the total?)",
    ]);
    expect(complianceMarkdown(complianceReport(plan, "http://prometheus.test", results))).toContain("- problem: the period error ratio: Prometheus answered 1.5");
  });

  test("no traffic is no data, never 100%", () => {
    const r = complianceReport(plan, "http://prometheus.test", new Map()).slos[0];
    expect(r).toMatchObject({ status: "no data", attainment: null, budgetConsumed: null, worstDays: [] });
    expect(r.days.every((d) => d.sli === null)).toBe(true);
  });

  test("exactly at the objective is met", () => {
    const end = slo.period!.ratio.end;
    const results: QueryResults = new Map([
      [queryKey(slo.period!.ratio), [point(end, 0.001)]],
      [queryKey(slo.period!.total), [point(end, 100)]],
    ]);
    const r = complianceReport(plan, "http://prometheus.test", results).slos[0];
    expect(r.status).toBe("met");
    expect(r.budgetConsumed).toBeCloseTo(1, 12);
  });
});

describe("the Prometheus client checks what it reads", () => {
  const answering = (body: unknown) => new PrometheusClient({ url: "http://prometheus.test", fetch: (async () => new Response(JSON.stringify(body), { status: 200 })) as typeof fetch });

  test.each([
    ["a result that is not a list", { resultType: "matrix", result: "oops" }, /data\.result: /],
    ["a value that is not a number", { resultType: "matrix", result: [{ metric: {}, values: [[1, "many"]] }] }, /data\.result\.0\.values\.0\.1: not a sample value/],
    ["a vector where a matrix belongs", { resultType: "vector", result: [] }, /data\.resultType: /],
    ["no data at all", undefined, /answered something that is not a Prometheus range query result \(data: /],
  ])("a range query answered with %s is a PrometheusError naming it", async (_what, data, message) => {
    const p = answering({ status: "success", data }).queryRange("up", 0, 60, 60);
    await expect(p).rejects.toBeInstanceOf(PrometheusError);
    await expect(p).rejects.toThrow(message);
  });

  test("Prometheus's +Inf, -Inf and NaN are read as numbers", async () => {
    const c = answering({ status: "success", data: { resultType: "vector", result: [{ metric: { a: "1" }, value: [5, "+Inf"] }, { metric: {}, value: [5, "NaN"] }, { metric: {}, value: [5, "-Inf"] }] } });
    expect((await c.query("x")).map((s) => s.value)).toEqual([Infinity, NaN, -Infinity]);
  });
});
