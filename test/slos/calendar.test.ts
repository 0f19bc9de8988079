/**
 * Calendar SLO windows (`window: month|quarter|week`): they validate, `explain` gives the budget per
 * period in the on-call time zone, and the burn-rate rules use rolling windows scaled to the
 * period's mean length that promtool accepts.
 */
import { explainSlos, explainText } from "../../slos/explain";
import { CALENDAR_LENGTHS } from "../../specification/calendar";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import { renderRuleFile } from "../../rules/ruleFile";
import { exampleText } from "../support/example";
import { promtoolCheckRules } from "../support/promtool";

function withWindow(window: string) {
  const text = exampleText().replace("      - id: delivery\n        objective: 99.5\n        window: 30d\n", `      - id: delivery\n        objective: 99.5\n        window: ${window}\n`);
  expect(text).toContain(`window: ${window}`);
  return loadModels(text, "readiness.yaml");
}

function prod(window: string) {
  const r = withWindow(window);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.models.prod;
}

describe("calendar SLO windows", () => {
  it("mean lengths: a Gregorian month is 30d 10h 29m (365.2425 / 12 days, to the minute), a quarter 91d 7h 27m", () => {
    expect(CALENDAR_LENGTHS.month.meanSeconds).toBe(((30 * 24 + 10) * 60 + 29) * 60);
    expect(CALENDAR_LENGTHS.quarter.meanSeconds).toBe(((91 * 24 + 7) * 60 + 27) * 60);
    expect(CALENDAR_LENGTHS.week.meanSeconds).toBe(7 * 86400);
  });

  it("window: month explains the budget per calendar month in the on-call time zone", () => {
    const model = prod("month");
    const slo = model.services.find((s) => s.id === "webhooks")!.slos[0];
    expect(slo.calendar).toEqual({ period: "month", timezone: model.oncall.timezone });
    const e = explainSlos(model).find((x) => x.slo === "delivery")!;
    // 0.5% of 28 days = 201.6 minutes; of 31 days = 223.2 minutes.
    expect(e.calendar?.budgetMinutesMin).toBeCloseTo(201.6, 6);
    expect(e.calendar?.budgetMinutesMax).toBeCloseTo(223.2, 6);
    expect(explainText(model)).toContain(`webhooks/delivery: 99.5% per calendar month (${model.oncall.timezone}), budget 3h 21m (28 days) to 3h 43m (31 days) of total outage per month`);
  });

  it.each([
    // 0.5% of 7 days = 50.4 minutes, every week alike.
    ["week", 50.4, 50.4, "budget 50m 24s of total outage per week"],
    // 0.5% of 90 days = 648 minutes; of 92 days = 662.4 minutes.
    ["quarter", 648, 662.4, "budget 10h 48m (90 days) to 11h 2m (92 days) of total outage per quarter"],
  ] as const)("window: %s explains the budget per calendar period", (period, min, max, text) => {
    const model = prod(period);
    const e = explainSlos(model).find((x) => x.slo === "delivery")!;
    expect(e.calendar?.budgetMinutesMin).toBeCloseTo(min, 6);
    expect(e.calendar?.budgetMinutesMax).toBeCloseTo(max, 6);
    expect(explainText(model)).toContain(`webhooks/delivery: 99.5% per calendar ${period} (${model.oncall.timezone}), ${text}`);
  });

  it.each(["week", "month", "quarter"])("window: %s scales the burn-rate windows to the mean period and renders rules promtool accepts", (period) => {
    const model = prod(period);
    const slo = model.services.find((s) => s.id === "webhooks")!.slos[0];
    const mean = CALENDAR_LENGTHS[period as keyof typeof CALENDAR_LENGTHS].meanSeconds;
    expect(slo.window.seconds).toBe(mean);
    const pageFast = slo.alerts.find((a) => a.id === "page-fast")!;
    expect(pageFast.long.seconds).toBe(Math.max(60, Math.round((3600 * mean) / (30 * 86400) / 60) * 60));
    const check = promtoolCheckRules(renderRuleFile(model));
    expect(check.output).toContain("SUCCESS");
  });

  it("refuses another period name with the spec location", () => {
    const r = withWindow("year");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map(formatDiagnostic).join("\n")).toMatch(/readiness\.yaml:\d+:\d+ .*services\[2\]\.slos\[0\]\.window/);
  });
});
