/**
 * Time-aware alerts proved with Prometheus's own engine and Alertmanager's own tools: the
 * business-hours guard follows the zone's daylight saving time, a business-hours alert fires only
 * inside the hours, a day-over-day increase fires past its percentage and not below it, and the
 * Alertmanager export delivers business-hours alerts through an active time interval.
 */
import { parse } from "yaml";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule } from "../../rules/rule";
import { renderRuleFile } from "../../rules/ruleFile";
import { alertmanagerConfig, renderAlertmanagerConfig } from "../../backends/prometheus/alertmanager";
import { businessHoursGuard, businessHoursText, offsetChanges, utcOffsetSeconds, weekdayRuns } from "../../rules/businessHoursGuard";
import type { BusinessHours, Model } from "../../specification/model";
import { dur, makeAlert, makeModel, makeService } from "../support/model";
import { promtool, promtoolTestRules, type PromtoolTest } from "../support/promtool";
import { amtoolCheck, amtoolRoute } from "../support/selfHostedTools";

const BERLIN: BusinessHours = { timezone: "Europe/Berlin", days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 18, minute: 0 } };

/** Seconds since the Unix epoch of a UTC date-time, as a promtool eval time. */
function at(iso: string): string {
  return `${Date.parse(`${iso}Z`) / 1000}s`;
}

/** The guard is present (1) or absent at each UTC instant, per promtool. */
function guardAt(hours: BusinessHours, instants: Record<string, boolean>) {
  const expr = `(${businessHoursGuard(hours)}) * 0 + 1`;
  const tests = [
    {
      interval: "1m",
      input_series: [],
      promql_expr_test: Object.entries(instants).map(([iso, inside]) => ({ expr, eval_time: at(iso), exp_samples: inside ? [{ labels: "{}", value: 1 }] : [] })),
    },
  ];
  // No rules, so nothing is evaluated between the instants: promtool still steps from the epoch to
  // the last one at the evaluation interval (29 million steps of 1m to 2026, ~2.5 s), so 1d.
  return promtoolTestRules("groups: []\n", tests as PromtoolTest[], "1d");
}

function modelWith(alert: Parameters<typeof makeAlert>[0], hours?: BusinessHours): Model {
  const base = makeModel();
  return makeModel({
    services: [makeService({ alerts: [makeAlert(alert)] })],
    oncall: { ...base.oncall, ...(hours ? { businessHours: hours } : {}) },
  });
}

describe("the business-hours guard", () => {
  it("knows Berlin's offsets, including the daylight saving changes", () => {
    expect(utcOffsetSeconds("Europe/Berlin", Date.parse("2026-01-12T12:00:00Z") / 1000)).toBe(3600);
    expect(utcOffsetSeconds("Europe/Berlin", Date.parse("2026-07-13T12:00:00Z") / 1000)).toBe(7200);
    const changes = offsetChanges("Europe/Berlin").changes.map((c) => new Date(c.at * 1000).toISOString());
    expect(changes).toContain("2026-03-29T01:00:00.000Z");
    expect(changes).toContain("2026-10-25T01:00:00.000Z");
    expect(offsetChanges("Asia/Tokyo").changes).toEqual([]);
  });

  it("is inside Berlin business hours in winter and in summer, by local time (promtool)", () => {
    const r = guardAt(BERLIN, {
      "2026-01-12T07:59:00": false, // Monday 08:59 CET
      "2026-01-12T08:00:00": true, // Monday 09:00 CET
      "2026-01-12T16:59:00": true, // Monday 17:59 CET
      "2026-01-12T17:00:00": false, // Monday 18:00 CET
      "2026-07-13T07:30:00": true, // Monday 09:30 CEST; 08:30 if daylight saving time were ignored
      "2026-07-13T16:30:00": false, // Monday 18:30 CEST; 17:30 if it were ignored
      "2026-01-16T16:30:00": true, // Friday 17:30 CET
      "2026-01-17T10:00:00": false, // Saturday
      "2026-01-18T10:00:00": false, // Sunday
      "2026-03-30T07:30:00": true, // the Monday after the spring change, 09:30 CEST
      "2026-10-26T07:30:00": false, // the Monday after the autumn change, 08:30 CET
    });
    expect(r.output).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  });

  it("handles weekday runs across the weekend and a zone west of UTC (promtool)", () => {
    const weekend: BusinessHours = { timezone: "America/New_York", days: [6, 0, 1], from: { hour: 22, minute: 0 }, to: { hour: 24, minute: 0 } };
    expect(weekdayRuns(weekend.days)).toEqual([{ first: 6, length: 3 }]);
    const r = guardAt(weekend, {
      "2026-01-18T03:30:00": true, // Saturday 22:30 EST
      "2026-01-19T04:59:00": true, // Sunday 23:59 EST
      "2026-01-20T03:30:00": true, // Monday 22:30 EST
      "2026-01-21T03:30:00": false, // Tuesday 22:30 EST
      "2026-01-17T03:30:00": false, // Friday 22:30 EST
      "2026-07-19T02:30:00": true, // Saturday 22:30 EDT
      "2026-07-19T01:30:00": false, // Saturday 21:30 EDT
    });
    expect(r.output).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  });

  it("reads as the hours in words", () => {
    expect(businessHoursText(BERLIN)).toBe("monday-friday 09:00-18:00 Europe/Berlin");
  });
});

describe("a business-hours alert", () => {
  // Tokyo keeps +9 all year; 1970-01-01 00:00 UTC (promtool's t=0) is Thursday 09:00 there.
  const tokyo: BusinessHours = { timezone: "Asia/Tokyo", days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 18, minute: 0 } };
  const model = modelWith(
    { id: "no-messages", summary: "No messages sent in the past hour", severity: "page", declaredSeverity: "page", for: dur("10m"), condition: { op: "below", threshold: 1 }, query: { prometheus: "sum(increase(messages_sent_total[1h]))" }, businessHoursOnly: true },
    tokyo,
  );
  const rules = renderRuleFile(model);
  const labels = { alert: "no-messages", env: "prod", service: "api", severity: "page", active_during: "business-hours" };
  const annotations = prometheusRuleGroups(model).flatMap((g) => g.rules).filter(isAlertRule).find((r) => r.labels.alert === "no-messages")!.annotations;

  it("carries the active_during label and the guard", () => {
    const rule = prometheusRuleGroups(model).flatMap((g) => g.rules).filter(isAlertRule).find((r) => r.labels.alert === "no-messages")!;
    expect(rule.labels.active_during).toBe("business-hours");
    expect(rule.expr).toMatch(/^\(sum\(increase\(messages_sent_total\[1h\]\)\)\) < 1 and on\(\) \(/);
    expect(rule.annotations.description).toContain("only during monday-friday 09:00-18:00 Asia/Tokyo");
  });

  it("fires inside business hours, stays quiet outside them, and counts `for` from the start of the day (promtool)", () => {
    const tests: PromtoolTest[] = [
      {
        interval: "1m",
        // No message is ever sent.
        input_series: [{ series: "messages_sent_total", values: "0+0x3000" }],
        alert_rule_test: [
          { eval_time: "5m", alertname: "ApiNoMessages", exp_alerts: [] }, // Thursday 09:05 JST: pending
          { eval_time: "20m", alertname: "ApiNoMessages", exp_alerts: [{ exp_labels: labels, exp_annotations: annotations }] },
          { eval_time: "8h59m", alertname: "ApiNoMessages", exp_alerts: [{ exp_labels: labels, exp_annotations: annotations }] }, // 17:59 JST
          { eval_time: "9h30m", alertname: "ApiNoMessages", exp_alerts: [] }, // 18:30 JST
          { eval_time: "23h59m", alertname: "ApiNoMessages", exp_alerts: [] }, // Friday 08:59 JST
          { eval_time: "24h5m", alertname: "ApiNoMessages", exp_alerts: [] }, // Friday 09:05 JST: pending again
          { eval_time: "24h20m", alertname: "ApiNoMessages", exp_alerts: [{ exp_labels: labels, exp_annotations: annotations }] },
          { eval_time: "48h20m", alertname: "ApiNoMessages", exp_alerts: [] }, // Saturday 09:20 JST
        ],
      },
    ];
    const r = promtoolTestRules(rules, tests);
    expect(r.output).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  });

  it("passes promtool check rules with a zone that changes offset", () => {
    const berlin = modelWith({ businessHoursOnly: true, noData: "alerting" }, BERLIN);
    const r = promtool(["check", "rules", "rules.yaml"], { "rules.yaml": renderRuleFile(berlin) });
    expect(r.output).toContain("SUCCESS: 3 rules found");
    expect(r.ok).toBe(true);
  });

  it("leaves alerts without activeDuring unguarded and unlabelled", () => {
    const plain = modelWith({}, BERLIN);
    const rule = prometheusRuleGroups(plain).flatMap((g) => g.rules).filter(isAlertRule)[0];
    expect(rule.expr).not.toContain("time()");
    expect(rule.labels.active_during).toBeUndefined();
  });
});

describe("a day-over-day increase", () => {
  const model = modelWith({
    id: "llm-cost-spike",
    summary: "LLM cost up more than 50% on yesterday",
    severity: "ticket",
    declaredSeverity: "ticket",
    for: dur("5m"),
    condition: { op: "increase", window: dur("1d"), percent: 50, ratio: 1.5 },
    query: { prometheus: 'sum(llm_cost_usd_per_hour{team="chat"})' },
  });
  const rule = prometheusRuleGroups(model).flatMap((g) => g.rules).filter(isAlertRule)[0];
  const labels = { alert: "llm-cost-spike", env: "prod", service: "api", severity: "ticket" };

  it("compares the query with itself a day before", () => {
    expect(rule.expr).toBe('(sum(llm_cost_usd_per_hour{team="chat"})) / (sum(llm_cost_usd_per_hour{team="chat"} offset 1d)) > 1.5');
    expect(rule.annotations.description).toContain("more than 50% higher than 1d before");
  });

  it("fires at +60% and not at +40% (promtool)", () => {
    const tests: PromtoolTest[] = [
      {
        interval: "1m",
        // 10/h on day one; 14/h (+40%) from 24h, 16/h (+60%) from 30h.
        input_series: [{ series: 'llm_cost_usd_per_hour{team="chat"}', values: "10x1439 14x359 16x600" }],
        alert_rule_test: [
          { eval_time: "20h", alertname: "ApiLlmCostSpike", exp_alerts: [] }, // nothing a day before yet
          { eval_time: "28h", alertname: "ApiLlmCostSpike", exp_alerts: [] },
          { eval_time: "30h2m", alertname: "ApiLlmCostSpike", exp_alerts: [] }, // pending for 5m
          { eval_time: "30h10m", alertname: "ApiLlmCostSpike", exp_alerts: [{ exp_labels: labels, exp_annotations: rule.annotations }] },
        ],
      },
    ];
    const r = promtoolTestRules(renderRuleFile(model), tests);
    expect(r.output).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  });
});

describe("export alertmanager with business hours", () => {
  const model = modelWith({ id: "no-messages", businessHoursOnly: true }, BERLIN);
  const text = renderAlertmanagerConfig(model);

  it("is accepted by amtool check-config", () => {
    const r = amtoolCheck(text);
    expect(r.output).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  });

  it("declares the hours as a time interval in the zone, with daylight saving left to Alertmanager", () => {
    expect(parse(text).time_intervals).toEqual([
      { name: "business-hours", time_intervals: [{ weekdays: ["monday:friday"], times: [{ start_time: "09:00", end_time: "18:00" }], location: "Europe/Berlin" }] },
    ]);
  });

  it("routes business-hours alerts to the same receiver through a route active only in the hours", () => {
    const withLabel = { env: "prod", severity: "page", service: "api", active_during: "business-hours" };
    expect(amtoolRoute(text, withLabel)).toEqual(["page/api"]);
    expect(amtoolRoute(text, { env: "prod", severity: "page", service: "api" })).toEqual(["page/api"]);
    const page = alertmanagerConfig(model).route.routes!.find((r) => r.receiver === "page")!;
    const perService = page.routes!.find((r) => r.receiver === "page/api")!;
    expect(perService.routes).toEqual([{ receiver: "page/api", matchers: ['active_during="business-hours"'], active_time_intervals: ["business-hours"] }]);
  });

  it("splits a run of days across the weekend, which Alertmanager ranges cannot wrap", () => {
    const weekend = modelWith({ businessHoursOnly: true }, { timezone: "America/New_York", days: [6, 0, 1, 3], from: { hour: 8, minute: 30 }, to: { hour: 24, minute: 0 } });
    const cfg = renderAlertmanagerConfig(weekend);
    expect(parse(cfg).time_intervals[0].time_intervals).toEqual([
      { weekdays: ["wednesday", "saturday", "sunday:monday"], times: [{ start_time: "08:30", end_time: "24:00" }], location: "America/New_York" },
    ]);
    const r = amtoolCheck(cfg);
    expect(r.output).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  });

  it("is unchanged when no alert is limited to business hours", () => {
    const plain = modelWith({}, BERLIN);
    expect(alertmanagerConfig(plain).time_intervals).toBeUndefined();
    expect(renderAlertmanagerConfig(plain)).not.toContain("active_time_intervals");
  });
});
