/**
 * Calendar SLO windows (`window: week|month|quarter`): the budget is per calendar period, aligned
 * in the on-call time zone, as contracts state it. Burn-rate alerts cannot restart at a period
 * boundary without going blind for its first hours, so they keep rolling windows scaled to the
 * period's mean length (docs/burn-rate.md).
 */
import type { CalendarPeriod } from "./model";

/** Length facts of a calendar period. */
export interface CalendarLength {
  /** Mean length in seconds, to whole minutes (a Gregorian year of 365.2425 days divided evenly). */
  meanSeconds: number;
  /** Shortest and longest period in days. */
  minDays: number;
  maxDays: number;
}

const DAY = 86400;
const YEAR_SECONDS = 365.2425 * DAY;
const toMinutes = (s: number) => Math.round(s / 60) * 60;

/** Mean, shortest and longest length of each calendar period. */
export const CALENDAR_LENGTHS: Record<CalendarPeriod, CalendarLength> = {
  week: { meanSeconds: 7 * DAY, minDays: 7, maxDays: 7 },
  month: { meanSeconds: toMinutes(YEAR_SECONDS / 12), minDays: 28, maxDays: 31 },
  quarter: { meanSeconds: toMinutes(YEAR_SECONDS / 4), minDays: 90, maxDays: 92 },
};

/** The calendar period names a spec may give as `window`. */
export const CALENDAR_PERIODS = Object.keys(CALENDAR_LENGTHS) as CalendarPeriod[];
