/**
 * Calendar periods as instants: the week (ISO 8601, from Monday), month or quarter a calendar SLO's
 * budget is counted over, aligned at local midnight in a time zone (the on-call one), and the
 * periods a report names (`2026-11`, `2026-Q4`, `2026-W47`, `last-30d`). Local midnights come from
 * oncall/zone.ts, so a month in Europe/Berlin starts an hour before the UTC one in winter and two
 * in summer, and a period across a daylight-saving change is an hour shorter or longer.
 */
import type { CalendarPeriod } from "../specification/model";
import { dateOfDay, dayNumber, weekdayOfDay, zone, type Zone } from "../oncall/zone";

/** A stretch of time from `start` (included) to `end` (excluded), in seconds since the epoch. */
export interface Span {
  start: number;
  end: number;
}

/** A period a report is about: its label, its span, and whether it is calendar-aligned. */
export interface ReportPeriod extends Span {
  /** As asked: `2026-11`, `2026-Q4`, `2026-W47`, `last-30d`. */
  label: string;
  /** `week`, `month`, `quarter`, or `rolling` for `last-Nd`. */
  kind: CalendarPeriod | "rolling";
  timezone: string;
}

/** One local calendar day of a span (the first and last may be partial). */
export interface LocalDay extends Span {
  /** `YYYY-MM-DD` in the span's time zone. */
  date: string;
}

type LocalDate = { year: number; month: number; day: number };

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoDate = (d: LocalDate) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
const midnight = (z: Zone, d: LocalDate) => Math.floor(z.instant({ ...d, hour: 0, minute: 0 }) / 1000);

/** Day number of the Monday starting ISO week 1 of `year` (the week holding 4 January). */
function isoWeekOneMonday(year: number): number {
  const jan4 = dayNumber({ year, month: 1, day: 4 });
  return jan4 - ((weekdayOfDay(jan4) + 6) % 7);
}

/** The ISO week (week-numbering year and week) a local date falls in. */
export function isoWeekOf(d: LocalDate): { year: number; week: number } {
  const n = dayNumber(d);
  const thursday = n - ((weekdayOfDay(n) + 6) % 7) + 3;
  const year = dateOfDay(thursday).year;
  return { year, week: Math.floor((thursday - isoWeekOneMonday(year)) / 7) + 1 };
}

/** First local day and the local day after the last of a calendar period, by its parts. */
function periodDays(kind: CalendarPeriod, year: number, index: number): { first: LocalDate; after: LocalDate } {
  if (kind === "week") {
    const monday = isoWeekOneMonday(year) + (index - 1) * 7;
    return { first: dateOfDay(monday), after: dateOfDay(monday + 7) };
  }
  const months = kind === "month" ? 1 : 3;
  const m0 = (index - 1) * months;
  const after = m0 + months;
  return { first: { year, month: m0 + 1, day: 1 }, after: { year: year + Math.floor(after / 12), month: (after % 12) + 1, day: 1 } };
}

function labelOf(kind: CalendarPeriod, year: number, index: number): string {
  return kind === "week" ? `${pad(year, 4)}-W${pad(index)}` : kind === "month" ? `${pad(year, 4)}-${pad(index)}` : `${pad(year, 4)}-Q${index}`;
}

function calendarPeriod(kind: CalendarPeriod, year: number, index: number, timezone: string): ReportPeriod {
  const z = zone(timezone);
  const { first, after } = periodDays(kind, year, index);
  return { label: labelOf(kind, year, index), kind, timezone, start: midnight(z, first), end: midnight(z, after) };
}

/** The calendar period (ISO week from Monday, month, quarter) holding an instant (seconds), local to `timezone`. */
export function calendarPeriodAt(kind: CalendarPeriod, at: number, timezone: string): ReportPeriod {
  const local = zone(timezone).local(at * 1000);
  if (kind === "week") {
    const w = isoWeekOf(local);
    return calendarPeriod("week", w.year, w.week, timezone);
  }
  return calendarPeriod(kind, local.year, kind === "month" ? local.month : Math.floor((local.month - 1) / 3) + 1, timezone);
}

/** Weeks in an ISO week-numbering year: 53 when its week 53 still has its Thursday in that year. */
function isoWeeksIn(year: number): number {
  return isoWeekOf({ year, month: 12, day: 28 }).week;
}

/** Longest rolling period a report reads, in days (a Prometheus keeps about this much at most in practice). */
export const MAX_ROLLING_DAYS = 400;

/** The forms `reportPeriod` understands, for messages. */
export const PERIOD_FORMS = "YYYY-MM (a month), YYYY-Qn (a quarter), YYYY-Www (an ISO week) or last-Nd (the N days up to now)";

/**
 * The period `text` names, local to `timezone`; `now` (seconds) ends `last-Nd`. A string saying
 * what is wrong when the text names no period.
 */
export function reportPeriod(text: string, timezone: string, now: number): ReportPeriod | string {
  const bad = `period ${JSON.stringify(text)}: expected ${PERIOD_FORMS}`;
  let m = /^last-(\d{1,4})d$/.exec(text);
  if (m) {
    const days = Number(m[1]);
    if (days < 1 || days > MAX_ROLLING_DAYS) return `period ${JSON.stringify(text)}: between last-1d and last-${MAX_ROLLING_DAYS}d`;
    return { label: text, kind: "rolling", timezone, start: now - days * 86400, end: now };
  }
  m = /^(\d{4})-(?:(\d{2})|Q(\d)|W(\d{2}))$/.exec(text);
  if (!m) return bad;
  const year = Number(m[1]);
  if (year < 1970) return `period ${JSON.stringify(text)}: before 1970`;
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? calendarPeriod("month", year, month, timezone) : `period ${JSON.stringify(text)}: there is no month ${m[2]}`;
  }
  if (m[3] !== undefined) {
    const q = Number(m[3]);
    return q >= 1 && q <= 4 ? calendarPeriod("quarter", year, q, timezone) : `period ${JSON.stringify(text)}: quarters are Q1 to Q4`;
  }
  const week = Number(m[4]);
  const weeks = isoWeeksIn(year);
  return week >= 1 && week <= weeks ? calendarPeriod("week", year, week, timezone) : `period ${JSON.stringify(text)}: ${year} has ISO weeks W01 to W${weeks}`;
}

/** The local calendar days of a span, cut at local midnights in `timezone` (23 or 25 hours across a daylight-saving change). */
export function localDays(span: Span, timezone: string): LocalDay[] {
  const z = zone(timezone);
  const days: LocalDay[] = [];
  let n = dayNumber(z.local(span.start * 1000));
  for (let from = span.start; from < span.end; ) {
    const next = midnight(z, dateOfDay(n + 1));
    const to = Math.min(next, span.end);
    if (to > from) days.push({ date: isoDate(dateOfDay(n)), start: from, end: to });
    from = to;
    n++;
  }
  return days;
}
