/**
 * The core promise, proved with Prometheus's own rule engine (`promtool test rules`): an SLO pages
 * for a fast burn, opens a ticket for a slow one and stays quiet inside its budget; heartbeats,
 * spec alerts, the paging policy and zero traffic behave as a user expects.
 */
import { burnRateAlerts, defaultWindows } from "../../slos/burnRate";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule, type PromAlertRule } from "../../rules/rule";
import { renderRuleFile } from "../../rules/ruleFile";
import type { Model, Slo } from "../../specification/model";
import { dur, makeAlert, makeHeartbeat, makeModel, makeService, makeSlo } from "../support/model";
import { promtoolTestRules, type PromtoolTest } from "../support/promtool";

const TRAFFIC = 1000; // requests per minute

function ratioSlo(id: string, objective: number, paging = true): Slo {
  const metric = `${id}_requests_total`;
  return makeSlo({
    id,
    serviceId: "api",
    objective,
    errorBudget: Number((1 - objective / 100).toPrecision(12)),
    sli: {
      kind: "ratio",
      errors: { prometheus: `sum(rate(${metric}{code=~"5.."}[{{window}}]))` },
      total: { prometheus: `sum(rate(${metric}[{{window}}]))` },
    },
    alerts: burnRateAlerts(defaultWindows(dur("30d")), paging, Number((1 - objective / 100).toPrecision(12))),
  });
}

function latencySlo(id: string, ms: number, metric: string): Slo {
  return makeSlo({
    id,
    serviceId: "api",
    objective: 99,
    errorBudget: 0.01,
    sli: { kind: "latency", threshold: { ...dur("1s"), ms }, prometheus: `${metric}{service="api"}` },
    alerts: burnRateAlerts(defaultWindows(dur("30d")), true, 0.01),
  });
}

function model(over: Partial<Model>, service: Parameters<typeof makeService>[0]): Model {
  return makeModel({ ...over, services: [makeService({ id: "api", name: "API", ...service })] });
}

/** A counter increasing by `perMinute` for `minutes`, segment after segment, in promtool notation. */
function counter(...segments: [perMinute: number, minutes: number][]): string {
  let value = 0;
  return segments
    .map(([rate, minutes], i) => {
      const start = i === 0 ? 0 : value + rate;
      const steps = i === 0 ? minutes : minutes - 1;
      value = start + rate * steps;
      return `${start}+${rate}x${steps}`;
    })
    .join(" ");
}

/** Good and failed request series of a ratio SLO; each phase is [burn factor, minutes]. */
function requests(slo: Slo, ...phases: [burn: number, minutes: number][]) {
  const errorsPerMinute = (burn: number) => Math.min(TRAFFIC, burn * slo.errorBudget * TRAFFIC);
  return [
    { series: `${slo.id}_requests_total{code="200"}`, values: counter(...phases.map(([b, m]): [number, number] => [TRAFFIC - errorsPerMinute(b), m])) },
    { series: `${slo.id}_requests_total{code="500"}`, values: counter(...phases.map(([b, m]): [number, number] => [errorsPerMinute(b), m])) },
  ];
}

function rule(m: Model, alertname: string): PromAlertRule {
  const found = prometheusRuleGroups(m).flatMap((g) => g.rules).find((r) => isAlertRule(r) && r.alert === alertname);
  if (!found || !isAlertRule(found)) throw new Error(`no alert ${alertname}`);
  return found;
}

/** One firing alert with the labels the test states; annotations are the rule's own (static) text. */
function firing(m: Model, alertname: string, labels: Record<string, string>) {
  return { exp_labels: labels, exp_annotations: rule(m, alertname).annotations };
}

function nothingMatches(expr: string, eval_time: string) {
  return { expr, eval_time, exp_samples: [] };
}

function expectPass(m: Model, tests: PromtoolTest[], evaluationInterval?: string) {
  const result = promtoolTestRules(renderRuleFile(m), tests, evaluationInterval);
  if (!result.ok) throw new Error(result.output);
  expect(result.ok).toBe(true);
}

const strict = ratioSlo("strict", 99.9);
const loose = ratioSlo("loose", 99.5);
const sloModel = model({}, { slos: [loose, strict] });
const burnLabels = (slo: Slo, severity: string) => ({ env: "prod", service: "api", slo: slo.id, severity });

describe("SLO burn-rate alerts under promtool", () => {
  it("a total outage pages within minutes, for a 99.9% and a 99.5% SLO", () => {
    expectPass(sloModel, [
      {
        interval: "1m",
        input_series: [...requests(strict, [0, 60], [1000, 30]), ...requests(loose, [0, 60], [200, 30])],
        alert_rule_test: [
          { eval_time: "59m", alertname: "ApiStrictBurnRatePage", exp_alerts: [] },
          { eval_time: "70m", alertname: "ApiStrictBurnRatePage", exp_alerts: [firing(sloModel, "ApiStrictBurnRatePage", burnLabels(strict, "page"))] },
          { eval_time: "70m", alertname: "ApiLooseBurnRatePage", exp_alerts: [firing(sloModel, "ApiLooseBurnRatePage", burnLabels(loose, "page"))] },
        ],
      },
    ]);
  });

  it("a burn of about 8x pages through the 6h/30m pair, never reaching the 1h/5m pair's 14.4x", () => {
    expectPass(sloModel, [
      {
        interval: "1m",
        input_series: [...requests(strict, [8, 70]), ...requests(loose, [8, 70])],
        alert_rule_test: [
          { eval_time: "1h", alertname: "ApiStrictBurnRatePage", exp_alerts: [firing(sloModel, "ApiStrictBurnRatePage", burnLabels(strict, "page"))] },
          { eval_time: "1h", alertname: "ApiLooseBurnRatePage", exp_alerts: [firing(sloModel, "ApiLooseBurnRatePage", burnLabels(loose, "page"))] },
        ],
        promql_expr_test: [nothingMatches('max_over_time(slo:sli_error:ratio_rate1h{slo="strict"}[70m]) > 0.0144', "70m")],
      },
    ]);
  });

  it("a burn of about 5x for two days opens a ticket and never pages", () => {
    expectPass(sloModel, [
      {
        interval: "1m",
        input_series: [...requests(strict, [5, 2 * 1440]), ...requests(loose, [5, 2 * 1440])],
        alert_rule_test: [
          { eval_time: "2h", alertname: "ApiStrictBurnRateTicket", exp_alerts: [firing(sloModel, "ApiStrictBurnRateTicket", burnLabels(strict, "ticket"))] },
          { eval_time: "2d", alertname: "ApiLooseBurnRateTicket", exp_alerts: [firing(sloModel, "ApiLooseBurnRateTicket", burnLabels(loose, "ticket"))] },
        ],
        promql_expr_test: [nothingMatches('max_over_time(ALERTS{alertstate="firing", severity="page"}[2d])', "2d")],
      },
    ], "5m");
  });

  it("a burn under 1x never alerts", () => {
    expectPass(sloModel, [
      {
        interval: "1m",
        input_series: [...requests(strict, [0.8, 1440]), ...requests(loose, [0.8, 1440])],
        promql_expr_test: [nothingMatches('max_over_time(ALERTS{alertstate="firing", watchdog!="true"}[1d])', "1d")],
      },
    ], "5m");
  });

  it("traffic without any error series records an error ratio of zero", () => {
    expectPass(sloModel, [
      {
        interval: "1m",
        input_series: [{ series: 'strict_requests_total{code="200"}', values: counter([TRAFFIC, 30]) }],
        promql_expr_test: [
          { expr: 'slo:sli_error:ratio_rate5m{slo="strict"}', eval_time: "30m", exp_samples: [{ labels: 'slo:sli_error:ratio_rate5m{env="prod", service="api", slo="strict"}', value: 0 }] },
        ],
      },
    ]);
  });

  it("zero traffic raises nothing, and once the series are gone only each SLO's absence alert fires", () => {
    const absent = (slo: Slo) => ({ labels: `ALERTS{alertname="Api${slo.id[0].toUpperCase()}${slo.id.slice(1)}SloMetricAbsent", alertstate="firing", env="prod", service="api", severity="page", slo="${slo.id}"}`, value: 1 });
    const flat = (slo: Slo) => [`${slo.id}_requests_total{code="200"}`, `${slo.id}_requests_total{code="500"}`].map((series) => ({ series, values: "0x180 _x60" }));
    expectPass(sloModel, [
      {
        interval: "1m",
        input_series: [...flat(strict), ...flat(loose)],
        promql_expr_test: [
          nothingMatches("slo:sli_error:ratio_rate5m", "2h"),
          nothingMatches('max_over_time(ALERTS{alertstate="firing", watchdog!="true"}[3h])', "3h"),
          { expr: 'ALERTS{alertstate="firing", watchdog!="true"}', eval_time: "3h30m", exp_samples: [absent(loose), absent(strict)] },
        ],
      },
    ]);
  });

  it("with paging off the same total outage raises only tickets", () => {
    const quiet = model({ paging: false, environment: "staging" }, { slos: [ratioSlo("strict", 99.9, false)] });
    expectPass(quiet, [
      {
        interval: "1m",
        input_series: requests(strict, [0, 60], [1000, 60]),
        alert_rule_test: [
          { eval_time: "70m", alertname: "ApiStrictBurnRatePage", exp_alerts: [firing(quiet, "ApiStrictBurnRatePage", { ...burnLabels(strict, "ticket"), env: "staging" })] },
        ],
        promql_expr_test: [nothingMatches('max_over_time(ALERTS{alertstate="firing", severity="page"}[2h])', "2h")],
      },
    ]);
  });
});

describe("latency SLO alerts under promtool", () => {
  const fast = latencySlo("latency", 800, "http_request_duration_seconds");
  const rpc = latencySlo("rpc-latency", 2000, "rpc_duration_seconds");
  const m = model({}, { slos: [fast, rpc] });
  // The 2s histogram spells its bound `2.0` (Prometheus 3 style); the rule must still find it.
  const histogram = (metric: string, le: string) => [
    { series: `${metric}_bucket{service="api", le="${le}"}`, values: counter([TRAFFIC, 60], [0, 30]) },
    { series: `${metric}_count{service="api"}`, values: counter([TRAFFIC, 60], [TRAFFIC, 30]) },
  ];

  it("a latency SLO stays quiet while requests are fast and pages when they turn slow", () => {
    expectPass(m, [
      {
        interval: "1m",
        input_series: [...histogram("http_request_duration_seconds", "0.8"), ...histogram("rpc_duration_seconds", "2.0")],
        alert_rule_test: [
          { eval_time: "75m", alertname: "ApiLatencyBurnRatePage", exp_alerts: [firing(m, "ApiLatencyBurnRatePage", burnLabels(fast, "page"))] },
          { eval_time: "75m", alertname: "ApiRpcLatencyBurnRatePage", exp_alerts: [firing(m, "ApiRpcLatencyBurnRatePage", burnLabels(rpc, "page"))] },
        ],
        promql_expr_test: [nothingMatches('max_over_time(ALERTS{alertstate="firing", watchdog!="true"}[59m])', "59m")],
      },
    ]);
  });
});

describe("heartbeat and spec alerts under promtool", () => {
  const hb = (id: string) => makeHeartbeat({ id, serviceId: "api", every: dur("24h"), grace: dur("1h"), prometheus: `${id}_last_success_timestamp_seconds` });
  const m = model({}, { heartbeats: [hb("absent"), hb("fresh"), hb("stale")] });
  const labels = (heartbeat: string) => ({ env: "prod", heartbeat, service: "api", severity: "page" });

  it("a stale and an absent heartbeat page, a fresh one does not", () => {
    expectPass(m, [
      {
        interval: "1m",
        input_series: [
          { series: "stale_last_success_timestamp_seconds", values: "0x1520" },
          { series: "fresh_last_success_timestamp_seconds", values: "0x1439 86400x80" },
        ],
        alert_rule_test: [
          { eval_time: "1490m", alertname: "ApiStaleHeartbeatMissed", exp_alerts: [] },
          { eval_time: "1510m", alertname: "ApiStaleHeartbeatMissed", exp_alerts: [firing(m, "ApiStaleHeartbeatMissed", labels("stale"))] },
          { eval_time: "70m", alertname: "ApiAbsentHeartbeatAbsent", exp_alerts: [firing(m, "ApiAbsentHeartbeatAbsent", labels("absent"))] },
        ],
        promql_expr_test: [nothingMatches('max_over_time(ALERTS{heartbeat="fresh"}[1510m])', "1510m")],
      },
    ]);
  });

  const alerts = model({}, {
    alerts: [
      makeAlert({ id: "error-rate", serviceId: "api", for: dur("5m"), condition: { op: "above", threshold: 0.05 }, query: { prometheus: "api_error_ratio" } }),
      makeAlert({ id: "steady", serviceId: "api", for: dur("5m"), condition: { op: "above", threshold: 0.05 }, query: { prometheus: "api_steady_ratio" } }),
      makeAlert({ id: "silent", serviceId: "api", severity: "ticket", for: dur("5m"), condition: { op: "above", threshold: 0.05 }, query: { prometheus: "api_silent_ratio" }, noData: "alerting" }),
    ],
  });
  const alertLabels = (alert: string, severity = "page") => ({ alert, env: "prod", service: "api", severity });

  it("a spec alert fires above its threshold only after its `for`, not below it, and missing data alerts when asked to", () => {
    expectPass(alerts, [
      {
        interval: "1m",
        input_series: [
          { series: "api_error_ratio", values: "0.01x10 0.1x30" },
          { series: "api_steady_ratio", values: "0.04x40" },
        ],
        alert_rule_test: [
          { eval_time: "14m", alertname: "ApiErrorRate", exp_alerts: [] },
          { eval_time: "17m", alertname: "ApiErrorRate", exp_alerts: [firing(alerts, "ApiErrorRate", alertLabels("error-rate"))] },
          { eval_time: "10m", alertname: "ApiSilentNoData", exp_alerts: [firing(alerts, "ApiSilentNoData", alertLabels("silent", "ticket"))] },
        ],
        promql_expr_test: [nothingMatches('max_over_time(ALERTS{alert="steady"}[40m])', "40m")],
      },
    ]);
  });
});
