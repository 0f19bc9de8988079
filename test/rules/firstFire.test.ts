/**
 * First-fire time of the burn-rate alerts per scenario, under promtool, against times worked out
 * by hand from the burn-rate arithmetic (docs/burn-rate.md has the table and Sloth's times).
 *
 * One 99.9% / 30d SLO (budget 0.001) on 1000 requests a minute. Thresholds: page 14.4x over 1h/5m
 * (ratio > 0.0144) or 6x over 6h/30m (> 0.006); ticket 2.3x over 1d/2h (> 0.0023) or 1x over 3d/6h
 * (> 0.001). Each pair also needs 1/threshold events in its short window (the low-traffic guard),
 * which 1000 requests a minute always has. Every scenario starts after 3 days' worth of healthy
 * traffic, so each window holds its full count of requests, and the ratio over a window W of up to
 * a day after k bad minutes at error ratio r is exactly r*k/W: Prometheus 2 ranges include their
 * left edge, so a W-minute window holds W one-minute increments, and both series are sampled
 * together, so rate()'s extrapolation cancels in the ratio. An alert fires at the first whole
 * minute k where that exceeds the threshold on both windows of some pair.
 *
 * The history is one day of steady traffic after a first minute in which the counters take two
 * days' worth at once (HISTORY): promtool evaluates every rule at every 1m step, so three real days
 * took three times the steps (about 13 s a scenario against 4). Windows of a day or less see only
 * the steady day. The 3d (and SLO-window) rates see everything from the counters' zero, where
 * rate() does not extrapolate, so they read r*k/(4320+k) instead of r*k/4320: lower by k/4320 at
 * most, which moves the 3d pair's crossing by no whole minute in the total outage (k=5 either way:
 * the 1d pair fires first, at 4) and only later in the others, where the 1d pair fires first too.
 */
import { burnRateAlerts, defaultWindows } from "../../slos/burnRate";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule } from "../../rules/rule";
import { renderRuleFile } from "../../rules/ruleFile";
import type { Model, Slo } from "../../specification/model";
import { dur, makeModel, makeService, makeSlo } from "../support/model";
import { parse, stringify } from "yaml";
import { promtoolTestRules, type PromtoolTest } from "../support/promtool";

const TRAFFIC = 1000;
/** Minutes of history before each incident: the counters' first minute, then a steady day. */
const HISTORY = 1 + 1440;
/** What the counters hold at the end of HISTORY: three days of requests at TRAFFIC a minute. */
const THREE_DAYS = 3 * 1440 * TRAFFIC;

const slo: Slo = makeSlo({
  id: "checkout",
  objective: 99.9,
  errorBudget: 0.001,
  sli: {
    kind: "ratio",
    errors: { prometheus: 'sum(rate(checkout_requests_total{code=~"5.."}[{{window}}]))' },
    total: { prometheus: "sum(rate(checkout_requests_total[{{window}}]))" },
  },
  alerts: burnRateAlerts(defaultWindows(dur("30d")), true, 0.001),
});
const model: Model = makeModel({ services: [makeService({ id: "api", name: "API", slos: [slo], checks: [], alerts: [] })] });
const file = renderRuleFile(model);

/** The same SLO over 28d on its own metric, Pyrra's default window, for the 5x scenario. */
const slo28d: Slo = makeSlo({
  id: "orders",
  objective: 99.9,
  errorBudget: 0.001,
  window: dur("28d"),
  sli: {
    kind: "ratio",
    errors: { prometheus: 'sum(rate(orders_total{code=~"5.."}[{{window}}]))' },
    total: { prometheus: "sum(rate(orders_total[{{window}}]))" },
  },
  alerts: burnRateAlerts(defaultWindows(dur("28d")), true, 0.001),
});
const model5x: Model = makeModel({ services: [makeService({ id: "api", name: "API", slos: [slo, slo28d], checks: [], alerts: [] })] });

/**
 * Series notation: the history (zero at minute 0, two days' requests at minute 1, then TRAFFIC a
 * minute to THREE_DAYS at HISTORY), `errorsPerMinute` for `minutes`, then healthy again for `after`.
 */
function traffic(errorsPerMinute: number, minutes: number, after = 0, metric = "checkout_requests_total") {
  const history = (perMinute: number, end: number) => `0 ${end - perMinute * (HISTORY - 1)}+${perMinute}x${HISTORY - 1}`;
  const errors = [`0+0x${HISTORY}`, `${errorsPerMinute}+${errorsPerMinute}x${minutes - 1}`, ...(after > 0 ? [`${errorsPerMinute * minutes}+0x${after - 1}`] : [])];
  const goodRate = TRAFFIC - errorsPerMinute;
  const goodAtIncidentEnd = THREE_DAYS + goodRate * minutes;
  const good = [history(TRAFFIC, THREE_DAYS), `${THREE_DAYS + goodRate}+${goodRate}x${minutes - 1}`, ...(after > 0 ? [`${goodAtIncidentEnd + TRAFFIC}+${TRAFFIC}x${after - 1}`] : [])];
  return [
    { series: `${metric}{code="200"}`, values: good.join(" ") },
    { series: `${metric}{code="500"}`, values: errors.join(" ") },
  ];
}

/** `HISTORY + minutes` as a promtool duration. */
const at = (minutes: number) => `${HISTORY + minutes}m`;

const labels = (severity: string, sloId = "checkout") => ({ env: "prod", service: "api", severity, slo: sloId });

/** The rule's own (static) annotations, which promtool compares too. */
function annotations(alertname: string, m: Model = model): Record<string, string> {
  const rule = prometheusRuleGroups(m).flatMap((g) => g.rules).find((r) => isAlertRule(r) && r.alert === alertname);
  if (!rule || !isAlertRule(rule)) throw new Error(`no alert ${alertname}`);
  return rule.annotations;
}

function firing(alertname: string, severity: string, m: Model = model, sloId = "checkout") {
  return { exp_labels: labels(severity, sloId), exp_annotations: annotations(alertname, m) };
}

/** The alert is not firing one minute before `minute` and is firing at it. */
function firstFires(alertname: string, severity: string, minute: number, m: Model = model, sloId = "checkout") {
  return [
    { eval_time: at(minute - 1), alertname, exp_alerts: [] },
    { eval_time: at(minute), alertname, exp_alerts: [firing(alertname, severity, m, sloId)] },
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

function run(tests: PromtoolTest[], rules = file) {
  const result = promtoolTestRules(rules, tests, "1m", ORDER);
  if (!result.ok) throw new Error(result.output);
  expect(result.ok).toBe(true);
}

const PAGE = "ApiCheckoutBurnRatePage";
const TICKET = "ApiCheckoutBurnRateTicket";

describe("burn-rate first-fire times under promtool (99.9% over 30d, 1000 req/min)", () => {
  it("total outage: page at 1m (1h: k/60 > 0.0144 at k=1), ticket at 4m (1d: k/1440 > 0.0023 at k=4)", () => {
    run([{ interval: "1m", input_series: traffic(TRAFFIC, 10), alert_rule_test: [...firstFires(PAGE, "page", 1), ...firstFires(TICKET, "ticket", 4)] }]);
  });

  it("20x (2% errors): page at 44m (1h: 0.02k/60 > 0.0144 at k=44), ticket at 2h46m (1d: 0.02k/1440 > 0.0023 at k=166)", () => {
    run([{ interval: "1m", input_series: traffic(20, 220), alert_rule_test: [...firstFires(PAGE, "page", 44), ...firstFires(TICKET, "ticket", 166)] }]);
  });

  it("5x (0.5% errors): never pages (below 6x); tickets at 11h3m on 30d (0.005k/1440 > 0.0023 at k=663) and at 10h19m on 28d (1d scaled to 1344m: k=619), before Pyrra's 10h37m", () => {
    // The 3d windows read 0.005k/(4320+k), which would cross 1x only at k=1081; the 28d SLO's
    // (4032m) the same, since they too see everything from the counters' zero.
    run(
      [
        {
          interval: "1m",
          input_series: [...traffic(5, 680, 0, "checkout_requests_total"), ...traffic(5, 680, 0, "orders_total")],
          alert_rule_test: [...firstFires(TICKET, "ticket", 663, model5x, "checkout"), ...firstFires("ApiOrdersBurnRateTicket", "ticket", 619, model5x, "orders")],
          promql_expr_test: [never(`ALERTS{alertname=~"${PAGE}|ApiOrdersBurnRatePage"}`, 680)],
        },
      ],
      renderRuleFile(model5x),
    );
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

  /**
   * Pyrra's absence alert for this SLO as its slo/rules.go writes it: `absent(<total>) == 1` for
   * AbsentDuration (its 14x window's long side, 1h scaled to 30d = 64m, at 14 x 0.001, plus the
   * 2m `for`: 173.76s, rounded to 3m).
   */
  const pyrra = parse(file) as { groups: { name: string; rules: unknown[] }[] };
  pyrra.groups.push({ name: "pyrra", rules: [{ alert: "PyrraErrorBudgetAbsent", expr: "absent(checkout_requests_total) == 1", for: "3m" }] });
  const withPyrra = stringify(pyrra);
  const peerOrder = [...ORDER, "pyrra"];
  /** After `afterLastSample` (staleness markers, or nothing), ours first fires at `ours`, Pyrra's at `theirs`; no burn or recording alert. */
  const absenceFires = (afterLastSample: string, ours: number, theirs: number) => {
    const gone = series.map((s, i) => ({ series: s, values: `0+${i === 0 ? TRAFFIC : 0}x60 ${afterLastSample}` }));
    const fires = (alertname: string, minute: number, alert: { exp_labels: Record<string, string> }) => [
      { eval_time: `${minute - 1}m`, alertname, exp_alerts: [] },
      { eval_time: `${minute}m`, alertname, exp_alerts: [alert] },
    ];
    const test = {
      interval: "1m",
      input_series: gone,
      alert_rule_test: [...fires("ApiCheckoutSloMetricAbsent", ours, firing("ApiCheckoutSloMetricAbsent", "page")), ...fires("PyrraErrorBudgetAbsent", theirs, { exp_labels: {} })],
      promql_expr_test: [never('ALERTS{alertname=~".*BurnRate.*|.*RecordingBroken", alertstate="firing"}', 120, 120)],
    };
    const result = promtoolTestRules(withPyrra, [test], "1m", peerOrder);
    if (!result.ok) throw new Error(result.output);
  };

  it("a target that disappears (staleness markers, as Prometheus writes them): the metric-absent alert fires at 3m after the last scrape, Pyrra's at 4m; no burn or recording alert", () => {
    // Last samples at minute 60, staleness markers at 61: absent() of the raw series holds from 61m,
    // `for: 2m` fires it at 63m. A rate over 5m would keep the pre-stale samples until 65m.
    absenceFires("stale _x59", 63, 64);
  });

  it("series that stop without staleness markers: the metric-absent alert fires at 8m, once the 5m lookback lets go, Pyrra's at 9m", () => {
    // Last samples at minute 60; an instant selector still sees them through 65m (the lookback
    // includes its left edge in Prometheus 2), so absent() holds from 66m and fires at 68m.
    absenceFires("_x60", 68, 69);
  });
});

describe("low traffic under promtool", () => {
  it("one failure among six requests an hour: the page pair's windows read 14.4x and more, yet nothing fires (the 5m window holds ~1 event of the 70 its guard needs)", () => {
    // 0.1 good requests a minute (six an hour) for 6h, one failure at minute 121.
    const lowTraffic = [
      { series: 'checkout_requests_total{code="200"}', values: "0+0.1x360" },
      { series: 'checkout_requests_total{code="500"}', values: "0x120 1x240" },
    ];
    const sel = '{service="api", slo="checkout", env="prod"}';
    run([
      {
        interval: "1m",
        input_series: lowTraffic,
        promql_expr_test: [
          // Without the guard the page would fire: one failure in ~7 requests is a 14% error ratio.
          { expr: `count(slo:sli_error:ratio_rate1h${sel} > 0.0144 and slo:sli_error:ratio_rate5m${sel} > 0.0144)`, eval_time: "123m", exp_samples: [{ labels: "{}", value: 1 }] },
          never('ALERTS{alertstate="firing", watchdog!="true"}', 360, 360),
        ],
      },
    ]);
  });
});
