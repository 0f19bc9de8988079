/**
 * Who is on call for a schedule, and when: handoffs happen at the handoff's local wall-clock time
 * in the schedule's time zone, so a weekly shift spanning a daylight-saving change lasts 167 or
 * 169 hours, exactly as PagerDuty runs it. Turns count from the schedule's fixed first handoff, so
 * the answer never depends on when it is asked.
 */
import type { Schedule } from "../specification/model";
import { coverageSpans } from "./coverageHours";
import { intersect, type Span } from "./spans";
import { dateOfDay, dayNumber, parseLocalDate, weekdayOfDay, zone, type Zone } from "./zone";

/** A stretch [from, to) during which one person is on call for a schedule. */
export interface Shift {
  schedule: string;
  person: string;
  from: Date;
  to: Date;
}

/** A schedule's rotation laid out in its time zone: handoff instants and who each turn belongs to. */
export interface Rotation {
  schedule: Schedule;
  zone: Zone;
  /** Local day number of the first handoff. */
  firstDay: number;
  /** Days between handoffs: 1 (daily) or 7 (weekly). */
  stepDays: number;
}

/**
 * The rotation of a schedule. The first handoff is on `start`, moved forward to the handoff weekday
 * for weekly rotations when `start` is another day, so every handoff falls on the declared weekday.
 */
export function rotation(schedule: Schedule): Rotation {
  const start = parseLocalDate(schedule.start);
  if (!start) throw new RangeError(`schedule ${schedule.id}: start ${JSON.stringify(schedule.start)} is not a YYYY-MM-DD date`);
  let firstDay = dayNumber(start);
  const weekday = schedule.handoff.weekday;
  if (schedule.rotation === "weekly" && weekday !== undefined) firstDay += (weekday - weekdayOfDay(firstDay) + 7) % 7;
  return { schedule, zone: zone(schedule.timezone), firstDay, stepDays: schedule.rotation === "daily" ? 1 : 7 };
}

/** The instant of handoff number `turn` (0 is the first handoff; negative turns are before it). */
export function handoffAt(r: Rotation, turn: number): number {
  const date = dateOfDay(r.firstDay + turn * r.stepDays);
  return r.zone.instant({ ...date, hour: r.schedule.handoff.hour, minute: r.schedule.handoff.minute });
}

/** The first handoff of a schedule, as an instant: where PagerDuty's layer starts. */
export function firstHandoff(schedule: Schedule): Date {
  return new Date(handoffAt(rotation(schedule), 0));
}

/** The turn running at an instant (negative before the first handoff). */
export function turnAt(r: Rotation, at: number): number {
  const day = dayNumber(r.zone.local(at));
  let turn = Math.floor((day - r.firstDay) / r.stepDays);
  if (at < handoffAt(r, turn)) turn -= 1;
  else if (at >= handoffAt(r, turn + 1)) turn += 1;
  return turn;
}

/**
 * Who is on call for a schedule at an instant: a person id, or undefined before the first handoff,
 * outside the schedule's coverage hours, or when it has no members.
 */
export function onCallAt(schedule: Schedule, at: Date): string | undefined {
  if (schedule.members.length === 0) return undefined;
  const r = rotation(schedule);
  const t = at.getTime();
  const turn = turnAt(r, t);
  if (turn < 0) return undefined;
  if (schedule.coverage && coverageSpans(schedule.coverage, r.zone, t, t + 1).length === 0) return undefined;
  return schedule.members[turn % schedule.members.length];
}

/**
 * The shifts of a schedule within [from, to), in time order, clipped to the range and to coverage
 * hours; consecutive turns of the same person are one shift. Gaps between shifts are time when
 * nobody on this schedule is on call.
 */
export function shifts(schedule: Schedule, from: Date, to: Date): Shift[] {
  const a = from.getTime();
  const b = to.getTime();
  if (schedule.members.length === 0 || b <= a) return [];
  const r = rotation(schedule);
  const turns: { person: string; span: Span }[] = [];
  for (let turn = Math.max(turnAt(r, a), 0); ; turn++) {
    const start = handoffAt(r, turn);
    if (start >= b) break;
    const span: Span = [Math.max(start, a), Math.min(handoffAt(r, turn + 1), b)];
    turns.push({ person: schedule.members[turn % schedule.members.length], span });
  }
  const coverage = schedule.coverage;
  const covered = coverage
    ? turns.flatMap((t) => intersect([t.span], coverageSpans(coverage, r.zone, t.span[0], t.span[1])).map((span) => ({ person: t.person, span })))
    : turns;
  const out: Shift[] = [];
  for (const { person, span } of covered) {
    const last = out[out.length - 1];
    if (last && last.person === person && last.to.getTime() === span[0]) last.to = new Date(span[1]);
    else out.push({ schedule: schedule.id, person, from: new Date(span[0]), to: new Date(span[1]) });
  }
  return out;
}
