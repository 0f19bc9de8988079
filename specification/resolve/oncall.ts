/** Resolve step: people, schedules, escalations and business hours. */
import type { Spec } from "../schema";
import { WEEKDAY_NAMES } from "../schema";
import type { BusinessHours, Coverage, Escalation, Model, Person, Schedule } from "../model";
import { seconds } from "../duration";
import { oncallOf, type ResolveContext } from "./context";
import { byId, dur, previously } from "./values";

/** Default first handoff week: a fixed Monday, so providers never see "now". */
const DEFAULT_START_MONDAY = "2025-01-06";

/** The on-call section with defaults applied, each list sorted by id. */
export function resolveOncall(ctx: ResolveContext): Model["oncall"] {
  const s = ctx.spec;
  const oncall = oncallOf(s);
  const people: Person[] = byId(oncall.people.map((p) => ({ id: p.id, name: p.name, email: p.email, create: p.create })));
  const schedules: Schedule[] = byId(oncall.schedules.map((sc) => schedule(sc, oncall.timezone)));
  const escalations: Escalation[] = byId(oncall.escalations.map(escalation));
  return { timezone: oncall.timezone, people, schedules, escalations, ...(s.oncall?.businessHours ? { businessHours: businessHours(s.oncall.businessHours, oncall.timezone) } : {}) };
}

/** An escalation policy; a level waits 30 minutes unless told otherwise. */
function escalation(e: NonNullable<Spec["oncall"]>["escalations"][number]): Escalation {
  return {
    id: e.id,
    name: e.name ?? e.id,
    repeat: e.repeat,
    levels: e.levels.map((l) => ({
      notify: l.notify.map((t) => {
        const [kind, id] = t.split(":");
        return kind === "schedule" ? { kind: "schedule" as const, schedule: id } : { kind: "person" as const, person: id };
      }),
      escalateAfter: l.escalateAfter ? dur(l.escalateAfter) : seconds(30 * 60),
    })),
    previously: previously(e.previously),
  };
}

/** A rotation with its handoff parsed and its start pinned to a fixed week. */
function schedule(sc: NonNullable<Spec["oncall"]>["schedules"][number], defaultZone: string): Schedule {
  const [first, second] = sc.handoff.trim().toLowerCase().split(/\s+/);
  const time = second ?? first;
  const weekday = second ? WEEKDAY_NAMES.indexOf(first as (typeof WEEKDAY_NAMES)[number]) : undefined;
  const [hour, minute] = time.split(":").map(Number);
  const coverage: Coverage | undefined = sc.coverage
    ? {
        days: [...new Set(sc.coverage.days.map((d) => WEEKDAY_NAMES.indexOf(d)))].sort((a, b) => a - b),
        from: clock(sc.coverage.from),
        to: clock(sc.coverage.to),
      }
    : undefined;
  return {
    id: sc.id,
    name: sc.name ?? sc.id,
    rotation: sc.rotation,
    shift: seconds(sc.rotation === "weekly" ? 7 * 86400 : 86400),
    handoff: { weekday, hour, minute, text: sc.handoff.trim() },
    members: [...sc.members],
    timezone: sc.timezone ?? defaultZone,
    start: sc.start ?? firstWeekdayOnOrAfter(DEFAULT_START_MONDAY, weekday),
    coverage,
    previously: [...(sc.previously ?? [])].sort(),
  };
}

function businessHours(b: NonNullable<NonNullable<Spec["oncall"]>["businessHours"]>, defaultZone: string): BusinessHours {
  return {
    timezone: b.timezone ?? defaultZone,
    days: [...new Set(b.days.map((d) => WEEKDAY_NAMES.indexOf(d)))].sort((x, y) => x - y),
    from: clock(b.from),
    to: clock(b.to),
  };
}

function clock(text: string): { hour: number; minute: number } {
  const [hour, minute] = text.split(":").map(Number);
  return { hour, minute };
}

function firstWeekdayOnOrAfter(date: string, weekday: number | undefined): string {
  if (weekday === undefined) return date;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((weekday - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
}
