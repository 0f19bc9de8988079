/**
 * Who is on call over the next days, before and after a schedule change, shift by shift: adding
 * one member to a rotation moves every later turn, and a reviewer should see whose weeks move.
 */
import type { Schedule } from "../specification/model";
import { shifts, type Shift } from "../oncall/rotation";
import { dateOfDay, dayNumber, formatWithOffset, parseLocalDate, zone } from "../oncall/zone";
import type { OnCallRow, OnCallTable } from "./semanticChange";

/** Days the on-call table covers by default: two weekly turns. */
export const ON_CALL_DAYS = 14;

/**
 * The on-call table of a schedule from local midnight of `fromDate` (YYYY-MM-DD, in the schedule's
 * zone) for `days` days; undefined when nobody's time on call changes. Rows split wherever either
 * side hands off; a row with no person on one side is a gap in coverage there.
 */
export function onCallTable(before: Schedule | undefined, after: Schedule | undefined, fromDate: string, days = ON_CALL_DAYS): OnCallTable | undefined {
  const schedule = after ?? before;
  if (!schedule) return undefined;
  const date = parseLocalDate(fromDate);
  if (!date) throw new RangeError(`on-call table: ${JSON.stringify(fromDate)} is not a YYYY-MM-DD date`);
  const z = zone(schedule.timezone);
  const from = z.instant({ ...date, hour: 0, minute: 0 });
  const to = z.instant({ ...dateOfDay(dayNumber(date) + days), hour: 0, minute: 0 });
  const b = before ? shifts(before, new Date(from), new Date(to)) : [];
  const a = after ? shifts(after, new Date(from), new Date(to)) : [];
  const cuts = [...new Set([from, to, ...[...b, ...a].flatMap((s) => [s.from.getTime(), s.to.getTime()])])].sort((x, y) => x - y);
  const rows: { from: number; to: number; before?: string; after?: string }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const row = { from: cuts[i], to: cuts[i + 1], before: personAt(b, cuts[i]), after: personAt(a, cuts[i]) };
    const last = rows[rows.length - 1];
    if (last && last.before === row.before && last.after === row.after) last.to = row.to;
    else rows.push(row);
  }
  if (rows.every((r) => r.before === r.after)) return undefined;
  return {
    schedule: schedule.id,
    timezone: schedule.timezone,
    fromDate,
    days,
    rows: rows.map((r): OnCallRow => ({ from: formatWithOffset(r.from, z), to: formatWithOffset(r.to, z), before: r.before, after: r.after })),
  };
}

function personAt(shiftList: Shift[], at: number): string | undefined {
  return shiftList.find((s) => s.from.getTime() <= at && at < s.to.getTime())?.person;
}
