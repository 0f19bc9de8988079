/**
 * First-fire time of the burn-rate alerts per scenario, under promtool, against times worked out
 * by hand from the burn-rate arithmetic (docs/burn-rate.md has the table and Sloth's times).
 *
 * One 99.9% / 30d SLO (budget 0.001) on 1000 requests a minute. Thresholds: page 14.4x over 1h/5m
 * (ratio > 0.0144) or 6x over 6h/30m (> 0.006); ticket 3x over 1d/2h (> 0.003) or 1x over 3d/6h
 * (> 0.001). Every scenario starts after 3 days of healthy traffic, so each window is full and the
 * ratio over a window W after k bad minutes at error ratio r is exactly r*k/W: Prometheus 2 ranges
 * include their left edge, so a W-minute window holds W one-minute increments, and both series are
 * sampled together, so rate()'s extrapolation cancels in the ratio. An alert fires at the first
 * whole minute k where that exceeds the threshold on both windows of some pair.
 */
import { burnRateAlerts, defaultWindows } from "../../slos/burnRate";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule } from "../../rules/rule";
import { renderRuleFile } from "../../rules/ruleFile";
import type { Model, Slo } from "../../specification/model";
import { dur, makeModel, makeService, makeSlo } from "../support/model";
import { promtoolTestRules, type PromtoolTest } from "./promtool";

const TRAFFIC = 1000;
const HISTORY = 3 * 1440; // minutes of healthy traffic before each incident

const slo: Slo = makeSlo({
  id: "checkout",
  objective: 99.9,
  errorBudget: 0.001,
  sli: {
    kind: "ratio",
    errors: { prometheus: 'sum(rate(checkout_requests_total{code=~"5.."}[{{window}}]))' },
    total: { prometheus: "sum(rate(checkout_requests_total[{{window}}]))" },
  },
  alerts: burnRateAlerts(defaultWindows(dur("30d")), true),
});
const model: Model = makeModel({ services: [makeService({ id: "api", name: "API", slos: [slo], checks: [], alerts: [] })] });
const file = renderRuleFile(model);

/** Series notation: after HISTORY healthy minutes, `errorsPerMinute` for `minutes`, then healthy again for `after`. */
function traffic(errorsPerMinute: number, minutes: number, after = 0) {
  const errors = [`0+0x${HISTORY}`, `${errorsPerMinute}+${errorsPerMinute}x${minutes - 1}`, ...(after > 0 ? [`${errorsPerMinute * minutes}+0x${after - 1}`] : [])];
  const goodRate = TRAFFIC - errorsPerMinute;
  const goodAtIncidentEnd = TRAFFIC * HISTORY + goodRate * minutes;
  const good = [`0+${TRAFFIC}x${HISTORY}`, `${TRAFFIC * HISTORY + goodRate}+${goodRate}x${minutes - 1}`, ...(after > 0 ? [`${goodAtIncidentEnd + TRAFFIC}+${TRAFFIC}x${after - 1}`] : [])];
  return [
    { series: 'checkout_requests_total{code="200"}', values: good.join(" ") },
    { series: 'checkout_requests_total{code="500"}', values: errors.join(" ") },
  ];
}

/** `HISTORY + minutes` as a promtool duration. */
const at = (minutes: number) => `${HISTORY + minutes}m`;

const labels = (severity: string) => ({ env: "prod", service: "api", severity, slo: "checkout" });

/** The rule's own (static) annotations, which promtool compares too. */
function annotations(alertname: string): Record<string, string> {
  const rule = prometheusRuleGroups(model).flatMap((g) => g.rules).find((r) => isAlertRule(r) && r.alert === alertname);
  if (!rule || !isAlertRule(rule)) throw new Error(`no alert ${alertname}`);
  return rule.annotations;
}

function firing(alertname: string, severity: string) {
  return { exp_labels: labels(severity), exp_annotations: annotations(alertname) };
}

/** The alert is not firing one minute before `minute` and is firing at it. */
function firstFires(alertname: string, severity: string, minute: number) {
  return [
    { eval_time: at(minute - 1), alertname, exp_alerts: [] },
    { eval_time: at(minute), alertname, exp_alerts: [firing(alertname, severity)] },
  ];
}

/** Nothing matches `expr` in the `minutes` before `evalMinute` (an absolute minute). */
function never(expr: string, minutes: number, evalMinute = HISTORY + minutes) {
  return { expr: `max_over_time(${expr}[${minutes}m])`, eval_time: `${evalMinute}m`, exp_samples: [] };
}

/**
 * Recording groups before the alerts reading them, as in the best case of a real Prometheus where
 * groups run on their own schedules: there, a ticket may fire up to one long-group interval (1m)
 * later than written here, as Sloth's may (its recordings and alerts are separate groups too).
 */
const ORDER = ["api-slos-long", "api-slos"];

function run(tests: PromtoolTest[]) {
  const result = promtoolTestRules(file, tests, "1m", ORDER);
  if (!result.ok) throw new Error(result.output);
  expect(result.ok).toBe(true);
}

const PAGE = "ApiCheckoutBurnRatePage";
const TICKET = "ApiCheckoutBurnRateTicket";

describe("burn-rate first-fire times under promtool (99.9% over 30d, 1000 req/min)", () => {
  it("total outage: page at 1m (1h: k/60 > 0.0144 at k=1), ticket at 5m (1d: k/1440 > 0.003 at k=5)", () => {
    run([{ interval: "1m", input_series: traffic(TRAFFIC, 10), alert_rule_test: [...firstFires(PAGE, "page", 1), ...firstFires(TICKET, "ticket", 5)] }]);
  });

  it("20x (2% errors): page at 44m (1h: 0.02k/60 > 0.0144 at k=44), ticket at 3h37m (1d: 0.02k/1440 > 0.003 at k=217)", () => {
    run([{ interval: "1m", input_series: traffic(20, 220), alert_rule_test: [...firstFires(PAGE, "page", 44), ...firstFires(TICKET, "ticket", 217)] }]);
  });

  it("5x (0.5% errors): never pages (below 6x), ticket at 14h25m (1d: 0.005k/1440 > 0.003 at k=865)", () => {
    run([{ interval: "1m", input_series: traffic(5, 870), alert_rule_test: firstFires(TICKET, "ticket", 865), promql_expr_test: [never(`ALERTS{alertname="${PAGE}"}`, 870)] }]);
  });

  it("0.05% errors (0.5x), from the first sample so no history is needed: nothing fires in a day", () => {
    const steady = [
      { series: 'checkout_requests_total{code="200"}', values: `0+${TRAFFIC - 0.5}x1440` },
      { series: 'checkout_requests_total{code="500"}', values: "0+0.5x1440" },
    ];
    run([{ interval: "1m", input_series: steady, promql_expr_test: [never('ALERTS{alertstate="firing", watchdog!="true"}', 1440, 1440)] }]);
  });

  it("a 3-minute total outage pages once: firing from 1m until the 30m window lets go at 33m, no gap, no ticket", () => {
    // Fast pair true at k=1..7 (the 5m window holds a bad minute until 3+4), slow pair at k=1..32
    // (6h: 3/360 > 0.006; 30m: a bad minute until 3+29). OR-ed, one alert from 1m to 32m: 32 samples.
    run([
      {
        interval: "1m",
        input_series: traffic(TRAFFIC, 3, 60),
        alert_rule_test: [...firstFires(PAGE, "page", 1), { eval_time: at(32), alertname: PAGE, exp_alerts: [firing(PAGE, "page")] }, { eval_time: at(33), alertname: PAGE, exp_alerts: [] }],
        promql_expr_test: [
          { expr: `count_over_time(ALERTS{alertname="${PAGE}", alertstate="firing"}[60m])`, eval_time: at(60), exp_samples: [{ labels: `{alertname="${PAGE}", alertstate="firing", env="prod", service="api", severity="page", slo="checkout"}`, value: 32 }] },
          never(`ALERTS{alertname="${TICKET}"}`, 60),
        ],
      },
    ]);
  });
});

describe("no traffic under promtool", () => {
  const series = ['checkout_requests_total{code="200"}', 'checkout_requests_total{code="500"}'];

  it("zero traffic (counters flat): no burn, absence or recording alert", () => {
    run([{ interval: "1m", input_series: series.map((s) => ({ series: s, values: "0x180" })), promql_expr_test: [never('ALERTS{alertstate="firing", watchdog!="true"}', 180, 180)] }]);
  });

  it("traffic stopping (series gone): no burn or recording alert; the metric-absent alert fires at 7m", () => {
    // Last samples at minute 60. rate() over 5m needs two samples in [t-5m, t]: at 64m it still has
    // 59m and 60m, from 65m one, so absent() holds from 65m and `for: 2m` fires it at 67m.
    const gone = series.map((s, i) => ({ series: s, values: `0+${i === 0 ? TRAFFIC : 0}x60 _x60` }));
    run([
      {
        interval: "1m",
        input_series: gone,
        alert_rule_test: [
          { eval_time: "66m", alertname: "ApiCheckoutSloMetricAbsent", exp_alerts: [] },
          { eval_time: "67m", alertname: "ApiCheckoutSloMetricAbsent", exp_alerts: [firing("ApiCheckoutSloMetricAbsent", "page")] },
        ],
        promql_expr_test: [never('ALERTS{alertname=~".*BurnRate.*|.*RecordingBroken", alertstate="firing"}', 120, 120)],
      },
    ]);
  });
});
