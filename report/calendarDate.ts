/**
 * Calendar dates (`YYYY-MM-DD`) without time zones: sign-offs are attested on a day, not at an
 * instant, so every comparison here is between whole days counted from 1970-01-01.
 */

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECONDS_PER_DAY = 86400;

/** The day number (days since 1970-01-01) of a `YYYY-MM-DD` date, or undefined when it is not a real date. */
export function dayNumber(text: string): number | undefined {
  const m = ISO_DATE_RE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a round trip catches dates that do not exist.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return Math.round(ms / (SECONDS_PER_DAY * 1000));
}

/** True when the text is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return dayNumber(text) !== undefined;
}

/** The `YYYY-MM-DD` text of a day number. */
export function isoDate(day: number): string {
  return new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}

/** How many calendar days a validity period covers: partial days count as a whole day. */
export function daysCovered(seconds: number): number {
  return Math.ceil(seconds / SECONDS_PER_DAY);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A date as people read it on a page: `2 November 2026`. */
export function longDate(text: string): string {
  const day = dayNumber(text);
  if (day === undefined) return text;
  const d = new Date(day * SECONDS_PER_DAY * 1000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
