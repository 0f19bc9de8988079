/**
 * Calendar periods as instants (slos/period.ts): what `readiness compliance --period` and calendar
 * SLO windows count over, aligned at local midnight in the on-call time zone.
 */
import { calendarPeriodAt, isoWeekOf, localDays, reportPeriod, type ReportPeriod } from "../../slos/period";

const at = (iso: string) => Date.parse(iso) / 1000;
const iso = (s: number) => new Date(s * 1000).toISOString().replace(".000", "");
const NOW = at("2026-12-02T22:30:00Z");

function period(text: string, timezone: string, now = NOW): ReportPeriod {
  const p = reportPeriod(text, timezone, now);
  if (typeof p === "string") throw new Error(p);
  return p;
}

describe("named periods", () => {
  it("a month starts at local midnight: November 2026 in UTC, and an hour earlier in Europe/Berlin (CET, +01:00)", () => {
    const utc = period("2026-11", "UTC");
    expect([iso(utc.start), iso(utc.end), utc.kind]).toEqual(["2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "month"]);
    const berlin = period("2026-11", "Europe/Berlin");
    expect([iso(berlin.start), iso(berlin.end)]).toEqual(["2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z"]);
    expect(berlin.end - berlin.start).toBe(30 * 86400);
  });

  it("a month across the spring change is an hour short: March 2026 in Berlin is 743 hours", () => {
    const p = period("2026-03", "Europe/Berlin");
    expect([iso(p.start), iso(p.end)]).toEqual(["2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z"]);
    expect((p.end - p.start) / 3600).toBe(31 * 24 - 1);
  });

  it("a quarter: 2026-Q4 in Berlin runs from 1 October (CEST) to 1 January (CET), 92 days and an hour", () => {
    const p = period("2026-Q4", "Europe/Berlin");
    expect([iso(p.start), iso(p.end), p.kind]).toEqual(["2026-09-30T22:00:00Z", "2026-12-31T23:00:00Z", "quarter"]);
    expect((p.end - p.start) / 3600).toBe(92 * 24 + 1);
    expect(period("2026-Q1", "UTC")).toMatchObject({ start: at("2026-01-01T00:00:00Z"), end: at("2026-04-01T00:00:00Z") });
  });

  it("an ISO week starts on Monday: 2026-W47 is 16 to 23 November; 2026 has a week 53, 2027 has not", () => {
    const p = period("2026-W47", "UTC");
    expect([iso(p.start), iso(p.end), p.kind]).toEqual(["2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z", "week"]);
    expect(period("2026-W01", "UTC").start).toBe(at("2025-12-29T00:00:00Z"));
    expect(period("2026-W53", "UTC")).toMatchObject({ start: at("2026-12-28T00:00:00Z"), end: at("2027-01-04T00:00:00Z") });
    expect(reportPeriod("2027-W53", "UTC", NOW)).toBe('period "2027-W53": 2027 has ISO weeks W01 to W52');
    expect(isoWeekOf({ year: 2027, month: 1, day: 1 })).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf({ year: 2027, month: 12, day: 31 })).toEqual({ year: 2027, week: 52 });
  });

  it("last-30d is the 30 days before now, whatever the zone", () => {
    const p = period("last-30d", "Europe/Berlin");
    expect(p).toMatchObject({ kind: "rolling", start: NOW - 30 * 86400, end: NOW, label: "last-30d" });
  });

  it.each([
    ["2026-13", 'period "2026-13": there is no month 13'],
    ["2026-Q5", 'period "2026-Q5": quarters are Q1 to Q4'],
    ["2026-W00", 'period "2026-W00": 2026 has ISO weeks W01 to W53'],
    ["last-0d", 'period "last-0d": between last-1d and last-400d'],
    ["2026-11-01", 'period "2026-11-01": expected YYYY-MM (a month), YYYY-Qn (a quarter), YYYY-Www (an ISO week) or last-Nd (the N days up to now)'],
    ["november", 'period "november": expected YYYY-MM (a month), YYYY-Qn (a quarter), YYYY-Www (an ISO week) or last-Nd (the N days up to now)'],
  ])("refuses %s with what it expects", (text, message) => {
    expect(reportPeriod(text, "UTC", NOW)).toBe(message);
  });
});

describe("the period holding an instant (calendar SLO windows)", () => {
  it("half past midnight on 1 November in Berlin is November there and still October in UTC", () => {
    const t = at("2026-10-31T23:30:00Z");
    expect(calendarPeriodAt("month", t, "Europe/Berlin").label).toBe("2026-11");
    expect(calendarPeriodAt("month", t, "UTC").label).toBe("2026-10");
    expect(calendarPeriodAt("quarter", t, "Europe/Berlin").label).toBe("2026-Q4");
    expect(calendarPeriodAt("week", t, "Europe/Berlin")).toMatchObject({ label: "2026-W44", start: at("2026-10-25T23:00:00Z") });
  });

  it("the last instant of a period belongs to it, the end to the next", () => {
    const nov = period("2026-11", "Europe/Berlin");
    expect(calendarPeriodAt("month", nov.end - 1, "Europe/Berlin").label).toBe("2026-11");
    expect(calendarPeriodAt("month", nov.end, "Europe/Berlin").label).toBe("2026-12");
    expect(calendarPeriodAt("month", nov.start, "Europe/Berlin")).toEqual(nov);
  });
});

describe("local days", () => {
  it("cut a month at local midnights; across a daylight-saving change a day is 23 or 25 hours", () => {
    const march = localDays(period("2026-03", "Europe/Berlin"), "Europe/Berlin");
    expect(march).toHaveLength(31);
    expect(march[0]).toEqual({ date: "2026-03-01", start: at("2026-02-28T23:00:00Z"), end: at("2026-03-01T23:00:00Z") });
    expect(march.find((d) => d.date === "2026-03-29")).toMatchObject({ start: at("2026-03-28T23:00:00Z"), end: at("2026-03-29T22:00:00Z") });
    const october = localDays(period("2026-10", "Europe/Berlin"), "Europe/Berlin");
    const long = october.find((d) => d.date === "2026-10-25")!;
    expect((long.end - long.start) / 3600).toBe(25);
    expect(october.filter((d) => d.end - d.start !== 86400).map((d) => d.date)).toEqual(["2026-10-25"]);
  });

  it("a rolling period has a partial first and last day", () => {
    const days = localDays(period("last-2d", "UTC"), "UTC");
    expect(days.map((d) => [d.date, (d.end - d.start) / 3600])).toEqual([
      ["2026-11-30", 1.5],
      ["2026-12-01", 24],
      ["2026-12-02", 22.5],
    ]);
  });

  it("the same instants are different days in Berlin and UTC", () => {
    const span = { start: at("2026-10-31T22:00:00Z"), end: at("2026-11-01T02:00:00Z") };
    expect(localDays(span, "UTC").map((d) => d.date)).toEqual(["2026-10-31", "2026-11-01"]);
    expect(localDays(span, "Europe/Berlin").map((d) => [d.date, (d.end - d.start) / 3600])).toEqual([
      ["2026-10-31", 1],
      ["2026-11-01", 3],
    ]);
  });
});
