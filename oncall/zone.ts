/**
 * Wall-clock time in an IANA time zone, computed with Intl.DateTimeFormat only (no date library),
 * so on-call handoffs happen at the local time people agreed on, across daylight-saving changes.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** A local calendar date and wall-clock time, with no zone attached. */
export interface LocalDateTime {
  year: number;
  /** 1 = January. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/** Wall-clock arithmetic for one time zone; instants are epoch milliseconds. */
export interface Zone {
  /** The IANA name, e.g. `America/New_York`. */
  name: string;
  /** How far local time is ahead of UTC at an instant, in minutes (New York in winter: -300). */
  offsetMinutes(at: number): number;
  /** The local date and time at an instant, with the weekday (0 = Sunday). */
  local(at: number): LocalDateTime & { weekday: number; second: number };
  /**
   * The instant a local wall-clock time happens. A time skipped by a spring-forward change moves
   * forward by the gap (02:30 becomes 03:30); a time repeated by a fall-back change is its first
   * occurrence. This is how calendars (and RFC 5545, Temporal's "compatible") treat them.
   */
  instant(local: LocalDateTime): number;
}

/** The Zone for an IANA time zone name; throws RangeError for a name the runtime does not know. */
export function zone(name: string): Zone {
  // One formatter per Zone: constructing it costs far more than formatting with it.
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: name,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });

  const local = (at: number): LocalDateTime & { weekday: number; second: number } => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(at))) {
      if (p.type !== "literal") parts[p.type] = Number(p.value);
    }
    const fields = { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
    return { ...fields, weekday: weekdayOfDay(dayNumber(fields)) };
  };

  const offsetMinutes = (at: number): number => {
    // Intl has no sub-second precision, so compare whole seconds on both sides.
    const whole = Math.floor(at / 1000) * 1000;
    const l = local(whole);
    return Math.round((Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - whole) / MS_PER_MINUTE);
  };

  const instant = (l: LocalDateTime): number => {
    const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second ?? 0);
    // Offsets a day either side bracket any one transition near this wall-clock time.
    const before = offsetMinutes(asUtc - MS_PER_DAY);
    const after = offsetMinutes(asUtc + MS_PER_DAY);
    const valid = [before, after]
      .map((off) => asUtc - off * MS_PER_MINUTE)
      .filter((t) => offsetMinutes(t) * MS_PER_MINUTE === asUtc - t)
      .sort((a, b) => a - b);
    if (valid.length > 0) return valid[0];
    return asUtc - before * MS_PER_MINUTE;
  };

  return { name, offsetMinutes, local, instant };
}

/** Days since 1970-01-01 of a local calendar date; date arithmetic without time zones. */
export function dayNumber(d: { year: number; month: number; day: number }): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY);
}

/** The calendar date of a day number. */
export function dateOfDay(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Weekday of a day number, 0 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Parses a local date written `YYYY-MM-DD`; undefined when it is not a real date. */
export function parseLocalDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const back = dateOfDay(dayNumber(d));
  return back.year === d.year && back.month === d.month && back.day === d.day ? d : undefined;
}

/** An instant written as local time with the zone's UTC offset: `2026-03-09T09:00:00-04:00`. */
export function formatWithOffset(at: number, z: Zone): string {
  const l = z.local(at);
  const off = z.offsetMinutes(at);
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${String(l.year).padStart(4, "0")}-${p2(l.month)}-${p2(l.day)}T${p2(l.hour)}:${p2(l.minute)}:${p2(l.second)}${sign}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`;
}
