/**
 * No silent paths, under promtool: when what the alerts read goes missing (probe results,
 * recorded SLO series, a latency SLI's threshold bucket) an alert says so instead of the alerts
 * quietly reading "no data" as OK; and the watchdog always fires.
 */
import { burnRateAlerts, defaultWindows } from "../../slos/burnRate";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule, type PromRuleGroup } from "../../rules/rule";
import { renderRuleFile } from "../../rules/ruleFile";
import { ruleGroupsYaml } from "../../rules/ruleFile";
import type { Model, Slo } from "../../specification/model";
import { dur, makeCheck, makeModel, makeService, makeSlo } from "../support/model";
import { promtoolTestRules, type PromtoolTest } from "../support/promtool";

function annotationsOf(m: Model, alertname: string): Record<string, string> {
  const rule = prometheusRuleGroups(m).flatMap((g) => g.rules).find((r) => isAlertRule(r) && r.alert === alertname);
  if (!rule || !isAlertRule(rule)) throw new Error(`no alert ${alertname}`);
  return rule.annotations;
}

function run(file: string, tests: PromtoolTest[]) {
  const result = promtoolTestRules(file, tests);
  if (!result.ok) throw new Error(result.output);
  expect(result.ok).toBe(true);
}

const quiet = (expr: string, minutes: number) => ({ expr: `max_over_time(${expr}[${minutes}m])`, eval_time: `${minutes}m`, exp_samples: [] });

describe("check results missing", () => {
  const check = makeCheck({ id: "health", every: dur("1m"), alertAfter: 3 });
  const m = makeModel({ services: [makeService({ checks: [check], absenceSeverity: "ticket" })] });
  const labels = { check: "health", env: "prod", instance: "https://api.example.test/health", job: "api/health", service: "api", severity: "ticket" };

  it("fires once no probe_success arrived for 5m (two intervals, at least 5m), at the service's absence severity; the failing alert stays quiet", () => {
    // Last result at 30m; [t-5m, t] holds it up to 35m, so the alert fires at 36m.
    run(renderRuleFile(m), [
      {
        interval: "1m",
        input_series: [{ series: 'probe_success{job="api/health", instance="https://api.example.test/health"}', values: "1x30 _x30" }],
        alert_rule_test: [
          { eval_time: "35m", alertname: "ApiHealthCheckResultsAbsent", exp_alerts: [] },
          { eval_time: "36m", alertname: "ApiHealthCheckResultsAbsent", exp_alerts: [{ exp_labels: labels, exp_annotations: annotationsOf(m, "ApiHealthCheckResultsAbsent") }] },
        ],
        promql_expr_test: [quiet('ALERTS{alertname="ApiHealthCheckFailing"}', 60)],
      },
    ]);
  });
});

describe("SLO recordings missing while the raw metrics are there", () => {
  const slo = makeSlo({ alerts: burnRateAlerts(defaultWindows(dur("30d")), true, 0.001) });
  const m = makeModel({ services: [makeService({ slos: [slo] })] });
  // A total outage in the raw metrics: a burn alert would page if anything recorded it.
  const outage = [
    { series: 'http_requests_total{code="200"}', values: "0x60" },
    { series: 'http_requests_total{code="500"}', values: "0+1000x60" },
  ];
  const labels = { env: "prod", service: "api", severity: "page", slo: "availability" };

  it("fires after 2m when the recording rules stop (a Grafana write-back failing), routed like the SLO's pages", () => {
    const withoutRecordings: PromRuleGroup[] = prometheusRuleGroups(m).map((g) => ({ ...g, rules: g.rules.filter(isAlertRule) }));
    run(ruleGroupsYaml(withoutRecordings.filter((g) => g.rules.length > 0)), [
      {
        interval: "1m",
        input_series: outage,
        alert_rule_test: [
          { eval_time: "1m", alertname: "ApiAvailabilitySloRecordingBroken", exp_alerts: [] },
          { eval_time: "3m", alertname: "ApiAvailabilitySloRecordingBroken", exp_alerts: [{ exp_labels: labels, exp_annotations: annotationsOf(m, "ApiAvailabilitySloRecordingBroken") }] },
        ],
        promql_expr_test: [quiet('ALERTS{alertname=~".*BurnRate.*|.*MetricAbsent", alertstate="firing"}', 60)],
      },
    ]);
  });

  it("stays quiet while the recordings work, and the burn-rate page fires instead", () => {
    run(renderRuleFile(m), [
      {
        interval: "1m",
        input_series: outage,
        alert_rule_test: [{ eval_time: "10m", alertname: "ApiAvailabilityBurnRatePage", exp_alerts: [{ exp_labels: labels, exp_annotations: annotationsOf(m, "ApiAvailabilityBurnRatePage") }] }],
        promql_expr_test: [quiet('ALERTS{alertname="ApiAvailabilitySloRecordingBroken", alertstate="firing"}', 60)],
      },
    ]);
  });
});

describe("SLI metrics gone", () => {
  const ratio = (total: string): Slo =>
    makeSlo({ id: "avail", objective: 99.9, errorBudget: 0.001, sli: { kind: "ratio", errors: { prometheus: 'sum(rate(a_total{code="500"}[{{window}}]))' }, total: { prometheus: total } }, alerts: burnRateAlerts(defaultWindows(dur("30d")), true, 0.001) });
  const absentExpr = (s: Slo) => {
    const rule = prometheusRuleGroups(makeModel({ services: [makeService({ slos: [s] })] })).flatMap((g) => g.rules).find((r) => isAlertRule(r) && r.alert === "ApiAvailSloMetricAbsent");
    return rule && isAlertRule(rule) ? rule.expr : undefined;
  };

  it("reads the raw series as an instant when the total only rates one selector, and the whole total over 5m when it combines two", () => {
    expect(absentExpr(ratio('sum(rate(a_total{job="api"}[{{window}}]))'))).toBe('absent(a_total{job="api"})');
    expect(absentExpr(ratio("sum(rate(a_total[{{window}}])) + sum(rate(b_total[{{window}}]))"))).toBe("absent(sum(sum(rate(a_total[5m])) + sum(rate(b_total[5m]))))");
  });

  it("a combined total still fires once one of its series is gone, under promtool", () => {
    const m = makeModel({ services: [makeService({ slos: [ratio("sum(rate(a_total[{{window}}])) + sum(rate(b_total[{{window}}]))")] })] });
    const labels = { env: "prod", service: "api", severity: "page", slo: "avail" };
    // b stops at 30m: the sum is empty once b's 5m rate window holds one sample (35m), `for: 2m`.
    run(renderRuleFile(m), [
      {
        interval: "1m",
        input_series: [
          { series: 'a_total{code="200"}', values: "0+100x60" },
          { series: "b_total", values: "0+100x30 _x30" },
        ],
        alert_rule_test: [
          { eval_time: "36m", alertname: "ApiAvailSloMetricAbsent", exp_alerts: [] },
          { eval_time: "37m", alertname: "ApiAvailSloMetricAbsent", exp_alerts: [{ exp_labels: labels, exp_annotations: annotationsOf(m, "ApiAvailSloMetricAbsent") }] },
        ],
      },
    ]);
  });
});

describe("a latency SLO whose histogram has no bucket at the threshold", () => {
  const slo: Slo = makeSlo({
    id: "latency",
    objective: 99,
    errorBudget: 0.01,
    sli: { kind: "latency", threshold: { ...dur("1s"), ms: 800 }, prometheus: 'http_request_duration_seconds{service="api"}' },
    alerts: burnRateAlerts(defaultWindows(dur("30d")), true, 0.01),
  });
  const m = makeModel({ services: [makeService({ slos: [slo] })] });
  // Healthy traffic, every request under 0.5s, but the buckets are 0.5 and 1: none at 0.8.
  const histogram = [
    { series: 'http_request_duration_seconds_bucket{service="api", le="0.5"}', values: "0+1000x120" },
    { series: 'http_request_duration_seconds_bucket{service="api", le="1"}', values: "0+1000x120" },
    { series: 'http_request_duration_seconds_bucket{service="api", le="+Inf"}', values: "0+1000x120" },
    { series: 'http_request_duration_seconds_count{service="api"}', values: "0+1000x120" },
  ];

  it("raises the absence alert naming the bucket, and no burn-rate or recording alert", () => {
    const annotations = annotationsOf(m, "ApiLatencySloThresholdBucketAbsent");
    expect(annotations.description).toContain('http_request_duration_seconds_bucket{service="api", le="0.8"}');
    run(renderRuleFile(m), [
      {
        interval: "1m",
        input_series: histogram,
        alert_rule_test: [{ eval_time: "10m", alertname: "ApiLatencySloThresholdBucketAbsent", exp_alerts: [{ exp_labels: { env: "prod", service: "api", severity: "page", slo: "latency" }, exp_annotations: annotations }] }],
        promql_expr_test: [quiet('ALERTS{alertname=~".*BurnRate.*|.*RecordingBroken|.*MetricAbsent", alertstate="firing"}', 120)],
      },
    ]);
  });
});

describe("the watchdog", () => {
  const m = makeModel({ services: [makeService({ checks: [makeCheck()] })] });

  it("fires from the first evaluation on and never stops, with no severity a person's route matches", () => {
    const exp = [{ exp_labels: { env: "prod", severity: "none", watchdog: "true" }, exp_annotations: annotationsOf(m, "ReadinessWatchdog") }];
    run(renderRuleFile(m), [
      {
        interval: "1m",
        input_series: [],
        alert_rule_test: [
          { eval_time: "0m", alertname: "ReadinessWatchdog", exp_alerts: exp },
          { eval_time: "1d", alertname: "ReadinessWatchdog", exp_alerts: exp },
        ],
      },
    ]);
  });
});
