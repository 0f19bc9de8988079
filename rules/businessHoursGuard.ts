/**
 * The PromQL guard of an alert that may fire only during business hours: `(Q) > 5 and on() GUARD`,
 * where GUARD is a one-sample vector present only inside the hours.
 *
 * PromQL has no time zones, and `hour()` and `day_of_week()` are UTC. The guard therefore computes
 * local time itself: `time()` plus the zone's UTC offset, written as the offset at the start of
 * GUARD_FIRST_YEAR plus a step at every offset change (daylight saving time) up to the end of
 * GUARD_LAST_YEAR, taken from the IANA data of the Node.js that renders. The guard is exact inside
 * that span; after it, it keeps the last offset, so it may be an hour off for part of the year. The
 * notification layer (Alertmanager `active_time_intervals`, Grafana mute timings, Datadog
 * downtimes) takes the zone by name and stays exact, so the worst case after the span is an alert
 * that shows as firing, unnotified, during an hour at the edge of the day.
 */
import type { BusinessHours } from "../specification/model";
import { WEEKDAY_NAMES } from "../specification/schema";

/** First year whose offset changes the guard follows. */
export const GUARD_FIRST_YEAR = 2025;
/** Last year whose offset changes the guard follows. */
export const GUARD_LAST_YEAR = 2035;

const DAY = 86400;
const WEEK = 7 * DAY;
/** 1970-01-01, day 0 of Unix time, was a Thursday. */
const EPOCH_WEEKDAY = 4;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset of `zone` at a Unix time, in seconds (3600 for Berlin in winter). */
export function utcOffsetSeconds(zone: string, unixSeconds: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(unixSeconds * 1000))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000 - unixSeconds;
}

/** The zone's offset at the start of the span and every change inside it, in time order. */
export function offsetChanges(zone: string, firstYear = GUARD_FIRST_YEAR, lastYear = GUARD_LAST_YEAR): OffsetChanges {
  const key = `${zone}|${firstYear}|${lastYear}`;
  let found = changeCache.get(key);
  if (!found) changeCache.set(key, (found = scanOffsetChanges(zone, firstYear, lastYear)));
  return found;
}

/** A zone's offset at the start of a span and its changes inside it. */
export interface OffsetChanges {
  initial: number;
  changes: { at: number; offset: number }[];
}

/** Scanning a decade takes Intl thousands of calls; every alert of a spec shares one zone. */
const changeCache = new Map<string, OffsetChanges>();

function scanOffsetChanges(zone: string, firstYear: number, lastYear: number): OffsetChanges {
  const start = Date.UTC(firstYear, 0, 1) / 1000;
  const end = Date.UTC(lastYear + 1, 0, 1) / 1000;
  const initial = utcOffsetSeconds(zone, start);
  const changes: { at: number; offset: number }[] = [];
  let prev = initial;
  // Zones change offset at most a few times a year, never twice within a day.
  for (let t = start; t < end; t += DAY) {
    const next = Math.min(t + DAY, end);
    const offset = utcOffsetSeconds(zone, next);
    if (offset === prev) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (utcOffsetSeconds(zone, mid) === prev) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, offset });
    prev = offset;
  }
  return { initial, changes };
}

/** Scalar PromQL for local time: `time()` shifted by the zone's offset (and `extra` seconds). */
export function localTimeScalar(zone: string, extra = 0): string {
  const { initial, changes } = offsetChanges(zone);
  let text = `time() + ${initial + extra}`;
  let prev = initial;
  for (const c of changes) {
    const delta = c.offset - prev;
    text += ` ${delta < 0 ? "-" : "+"} ${Math.abs(delta)} * (time() >= bool ${c.at})`;
    prev = c.offset;
  }
  return text;
}

/** Runs of consecutive weekdays (wrapping Saturday to Sunday): `[monday..friday]` is one run. */
export function weekdayRuns(days: number[]): { first: number; length: number }[] {
  const set = new Set(days);
  if (set.size === 7) return [{ first: 0, length: 7 }];
  const runs: { first: number; length: number }[] = [];
  for (let d = 0; d < 7; d++) {
    if (!set.has(d) || set.has((d + 6) % 7)) continue;
    let length = 1;
    while (set.has((d + length) % 7)) length++;
    runs.push({ first: d, length });
  }
  return runs;
}

/**
 * A vector with one sample (no labels) while local time is inside the business hours, none
 * outside. Per run of weekdays: `u`, the seconds since the run's first day at `from`, must fall on
 * one of its days (`u < (days - 1) * 86400 + length`) and within the day's hours (`u % 86400 < length`).
 */
export function businessHoursGuard(hours: BusinessHours): string {
  const from = hours.from.hour * 3600 + hours.from.minute * 60;
  const length = hours.to.hour * 3600 + hours.to.minute * 60 - from;
  const terms = weekdayRuns(hours.days).map(({ first, length: days }) => {
    const shift = (((EPOCH_WEEKDAY - first) * DAY - from) % WEEK + WEEK) % WEEK;
    return `(vector(${localTimeScalar(hours.timezone, shift)}) % ${WEEK} < ${(days - 1) * DAY + length}) % ${DAY} < ${length}`;
  });
  return terms.length === 1 ? terms[0] : terms.map((t) => `(${t})`).join(" or ");
}

/** The hours in words, for annotations: `monday-friday 09:00-18:00 Europe/Berlin`. */
export function businessHoursText(hours: BusinessHours): string {
  const hhmm = (c: { hour: number; minute: number }) => `${String(c.hour).padStart(2, "0")}:${String(c.minute).padStart(2, "0")}`;
  const days = weekdayRuns(hours.days)
    .map(({ first, length }) => (length === 1 ? WEEKDAY_NAMES[first] : `${WEEKDAY_NAMES[first]}-${WEEKDAY_NAMES[(first + length - 1) % 7]}`))
    .join(", ");
  return `${days} ${hhmm(hours.from)}-${hhmm(hours.to)} ${hours.timezone}`;
}

/** Label carried by the rules of business-hours alerts, matched by the notification layer. */
export const ACTIVE_DURING_LABEL = "active_during";
/** Its value, and the name of the time interval in Alertmanager. */
export const BUSINESS_HOURS = "business-hours";
