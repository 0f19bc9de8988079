/**
 * The time range a dashboard opens on when its SLOs are budgeted per calendar period: the current
 * period so far, in the on-call time zone the period is aligned in (specification/calendar.ts).
 *
 * Grafana's relative ranges (docs "Time range controls", v8.3 onwards): `now/M` rounds to the
 * start of the month, `now/w` to the start of the week (the dashboard's `weekStart`), and
 * `now/fQ` to the start of the fiscal quarter, which with `fiscalYearStartMonth: 0` (January) is
 * the calendar quarter; the time picker's own "This fiscal quarter so far" is that range.
 */
import type { CalendarPeriod, Slo } from "../../specification/model";

/** Where a period starts, in Grafana's relative time syntax. */
export const PERIOD_START: Record<CalendarPeriod, string> = { week: "now/w", month: "now/M", quarter: "now/fQ" };

/** A dashboard's time settings. */
export interface DashboardTime {
  from: string;
  to: string;
  timezone: string;
  /** Set for a week period: weeks start on Monday (ISO 8601), whatever the viewer's browser says. */
  weekStart?: string;
  /** Set for a quarter period: quarters start in January. */
  fiscalYearStartMonth?: number;
}

/**
 * The time settings of a dashboard showing these SLOs: the current period in the on-call zone when
 * every calendar SLO among them shares one period, else `fallback` in the viewer's zone (a rolling
 * window has no period to open on; mixed periods have no one range that is right for all).
 */
export function dashboardTime(slos: readonly Pick<Slo, "calendar">[], fallback: string): DashboardTime {
  const period = sharedPeriod(slos);
  const calendar = slos.find((s) => s.calendar)?.calendar;
  if (!period || !calendar) return { from: fallback, to: "now", timezone: "browser" };
  return {
    from: PERIOD_START[period],
    to: "now",
    timezone: calendar.timezone,
    ...(period === "week" ? { weekStart: "monday" } : {}),
    ...(period === "quarter" ? { fiscalYearStartMonth: 0 } : {}),
  };
}

/** The one calendar period the calendar SLOs among these share, or undefined (none, or several). */
export function sharedPeriod(slos: readonly Pick<Slo, "calendar">[]): CalendarPeriod | undefined {
  const periods = [...new Set(slos.flatMap((s) => (s.calendar ? [s.calendar.period] : [])))];
  return periods.length === 1 ? periods[0] : undefined;
}
