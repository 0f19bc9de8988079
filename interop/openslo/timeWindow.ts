/**
 * OpenSLO time windows and readiness SLO windows, both ways. OpenSLO v1 writes a calendar window as
 * `{ duration: 1w|1M|1Q, calendar: { startTime, timeZone }, isRolling: false }` (its README's SLO
 * section; `isRolling` defaults to false when `calendar` is there); readiness has `window: week`,
 * `month` and `quarter`, aligned in the spec's `oncall.timezone`, so the document's time zone
 * becomes a note saying which setting matches it.
 */
import { parseDuration } from "../../specification/duration";
import type { CalendarPeriod, Slo } from "../../specification/model";

/** An OpenSLO calendar duration per readiness period. */
const PERIOD_DURATION: Record<CalendarPeriod, string> = { week: "1w", month: "1M", quarter: "1Q" };
const DURATION_PERIOD: Record<string, CalendarPeriod> = { "1w": "week", "7d": "week", "1M": "month", "1Q": "quarter", "3M": "quarter" };
/** v1alpha's `{count, unit}` calendar windows (Sloth's dialect). */
const UNIT_PERIOD: Record<string, CalendarPeriod> = { "1 Week": "week", "1 Month": "month", "1 Quarter": "quarter", "3 Month": "quarter" };

/** A readiness `window` read from an OpenSLO window, and what could not be carried, if anything. */
export interface ImportedWindow {
  window: string;
  notes: string[];
}

function calendarNotes(calendar: unknown, period: CalendarPeriod): string[] {
  if (typeof calendar !== "object" || calendar === null) return [];
  const c = calendar as Record<string, unknown>;
  const notes: string[] = [];
  if (typeof c.timeZone === "string" && c.timeZone !== "") notes.push(`each ${period} begins at midnight in oncall.timezone; set it to ${c.timeZone} to match this document`);
  // Readiness periods start on their boundaries (Monday, the 1st, a quarter's first month).
  if (typeof c.startTime === "string" && !/^\d{4}-\d{2}-\d{2}[ T]00:00(:00)?$/.test(c.startTime.trim())) notes.push(`startTime ${c.startTime} is not carried: each ${period} starts at its boundary at midnight`);
  return notes;
}

/** True for a calendar-aligned window: `isRolling: false`, or a `calendar` without `isRolling`. */
function isCalendarAligned(tw: Record<string, unknown>): boolean {
  return tw.isRolling === false || (tw.isRolling === undefined && tw.calendar !== undefined);
}

/** The readiness window of an OpenSLO v1 `timeWindow[0]`. */
export function importedV1Window(tw: Record<string, unknown>): ImportedWindow {
  const duration = typeof tw.duration === "string" ? tw.duration.trim() : undefined;
  const calendarAligned = isCalendarAligned(tw);
  if (duration === undefined) return { window: "30d", notes: tw.duration === undefined && Object.keys(tw).length === 0 ? [] : ["a time window without a duration is read as 30d"] };
  if (calendarAligned) {
    const period = DURATION_PERIOD[duration];
    if (period) return { window: period, notes: calendarNotes(tw.calendar, period) };
    const rolling = parseDuration(duration);
    // `1m` is a minute in OpenSLO's shorthand (a month is `1M`), though written for a month at times.
    if (rolling && rolling.seconds < 86400) return { window: "30d", notes: [`a calendar window of ${duration} is shorter than a day (a month is 1M); read as 30d`] };
    return { window: rolling ? duration : "30d", notes: [`a calendar window of ${duration} is not a week, month or quarter; carried over as a rolling ${rolling ? duration : "30d"}`] };
  }
  if (parseDuration(duration)) return { window: duration, notes: [] };
  return { window: "30d", notes: [`a rolling window of ${duration} is not a duration Prometheus can read; read as 30d`] };
}

/** The readiness window of an OpenSLO v1alpha `timeWindows[0]` (`{count, unit, isRolling}`). */
export function importedV1alphaWindow(tw: Record<string, unknown>): ImportedWindow | undefined {
  const count = typeof tw.count === "number" ? tw.count : undefined;
  const unit = typeof tw.unit === "string" ? tw.unit : undefined;
  if (count === undefined || unit === undefined) return undefined;
  const calendarAligned = isCalendarAligned(tw);
  const period = calendarAligned ? UNIT_PERIOD[`${count} ${unit}`] : undefined;
  if (period) return { window: period, notes: calendarNotes(tw.calendar, period) };
  const days = ({ Day: 1, Week: 7 } as Record<string, number>)[unit];
  if (days === undefined) return undefined;
  return { window: `${count * days}d`, notes: calendarAligned ? [`a calendar window of ${count} ${unit} is carried over as a rolling ${count * days}d`] : [] };
}

/** An SLO's window as an OpenSLO v1 `timeWindow` item. */
export function exportedTimeWindow(slo: Pick<Slo, "window" | "calendar">): Record<string, unknown> {
  if (!slo.calendar) return { duration: slo.window.text, isRolling: true };
  // startTime is any past period boundary: 2024-01-01 was a Monday, a month's and a quarter's first day.
  return { duration: PERIOD_DURATION[slo.calendar.period], calendar: { startTime: "2024-01-01 00:00:00", timeZone: slo.calendar.timezone }, isRolling: false };
}
