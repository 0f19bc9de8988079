/**
 * When a schedule with `coverage:` hours is on call at all: a daily window of local time on some
 * weekdays, like PagerDuty layer restrictions. Outside it nobody on the schedule is on call.
 */
import type { Coverage } from "../specification/model";
import { dateOfDay, dayNumber, weekdayOfDay, type Zone } from "./zone";
import { intersect, union, type Span } from "./spans";

/** Minutes after local midnight at which the window opens. */
export function coverageStartMinute(c: Coverage): number {
  return c.from.hour * 60 + c.from.minute;
}

/**
 * Length of the daily window in minutes. A window whose end is at or before its start runs past
 * midnight into the next day (22:00-06:00 is 8 hours); `24:00` is the end of the day.
 */
export function coverageLengthMinutes(c: Coverage): number {
  const start = coverageStartMinute(c);
  const end = c.to.hour * 60 + c.to.minute;
  return end > start ? end - start : end + 24 * 60 - start;
}

/** The covered stretches of [from, to) in the zone, opening at local wall-clock times. */
export function coverageSpans(c: Coverage, z: Zone, from: number, to: number): Span[] {
  if (to <= from) return [];
  const firstDay = dayNumber(z.local(from)) - 1; // yesterday's window may run past midnight
  const lastDay = dayNumber(z.local(to));
  const startMinute = coverageStartMinute(c);
  const endMinute = startMinute + coverageLengthMinutes(c);
  const spans: Span[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (!c.days.includes(weekdayOfDay(day))) continue;
    spans.push([wallClock(z, day, startMinute), wallClock(z, day, endMinute)]);
  }
  return intersect(union(spans), [[from, to]]);
}

/** The instant of a local day plus minutes past its midnight (minutes may run into later days). */
function wallClock(z: Zone, day: number, minutes: number): number {
  const d = dateOfDay(day + Math.floor(minutes / (24 * 60)));
  const m = minutes % (24 * 60);
  return z.instant({ ...d, hour: Math.floor(m / 60), minute: m % 60 });
}
