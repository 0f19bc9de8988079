/**
 * On-call coverage gaps: time when a page would reach nobody. A page goes to the escalations routed
 * from `page`; an escalation is covered at an instant when any of its levels has someone to notify
 * (a person target always does, a schedule target when someone on it is on call).
 */
import { allRoutes, effectiveUrgency } from "../specification/routes";
import type { Model, Schedule } from "../specification/model";
import { firstHandoff, shifts } from "./rotation";
import { complement, totalMs, union, type Span } from "./spans";

const MS_PER_HOUR = 3_600_000;

/** Why nobody on a schedule was on call during a gap. */
export type GapReason = "no-members" | "before-start" | "outside-coverage";

/** A stretch [from, to) with nobody on call. */
export interface Gap {
  from: Date;
  to: Date;
  hours: number;
  /** Set on a schedule's gaps; an escalation's gaps are where all of its schedules' gaps overlap. */
  reason?: GapReason;
}

/** When nobody on one schedule is on call. */
export interface ScheduleGaps {
  schedule: string;
  gaps: Gap[];
  /** Total hours of the gaps. */
  hours: number;
}

/** When a page routed to an escalation would reach nobody, and the gaps of each of its schedules. */
export interface EscalationGaps {
  escalation: string;
  gaps: Gap[];
  /** Total hours nobody at any level is on call. */
  hours: number;
  /** True when some level notifies a person directly, which covers every gap of its schedules. */
  coveredByPerson: boolean;
  /** Schedules the escalation notifies, sorted by id, with their own gaps. */
  schedules: ScheduleGaps[];
}

/**
 * Coverage gaps in [from, to) for every escalation that receives pages, sorted by escalation id,
 * including escalations without gaps (hours 0). Empty where paging is off: then nothing pages.
 */
export function coverageGaps(model: Pick<Model, "paging" | "routing" | "oncall"> & Partial<Pick<Model, "services">>, from: Date, to: Date): EscalationGaps[] {
  if (!model.paging) return [];
  const a = from.getTime();
  const b = to.getTime();
  // Route overrides page too: any route whose incidents are high urgency (a page's by default).
  const routes = model.services ? allRoutes({ routing: model.routing, services: model.services }) : [model.routing.page];
  const paged = new Set(routes.filter((r) => effectiveUrgency(model, r) === "high").flatMap((r) => r.targets.flatMap((t) => (t.kind === "escalation" ? [t.escalation] : []))));
  const schedules = new Map(model.oncall.schedules.map((s) => [s.id, s]));
  return model.oncall.escalations
    .filter((e) => paged.has(e.id))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .map((escalation) => {
      const targets = escalation.levels.flatMap((l) => l.notify);
      const coveredByPerson = targets.some((t) => t.kind === "person");
      const scheduleIds = [...new Set(targets.flatMap((t) => (t.kind === "schedule" ? [t.schedule] : [])))].sort();
      const perSchedule = scheduleIds.map((id) => scheduleGaps(schedules.get(id), id, a, b));
      const onCall = perSchedule.flatMap((s) => s.onCall);
      const gaps = coveredByPerson ? [] : complement(union(onCall), a, b).map((s) => gap(s));
      return {
        escalation: escalation.id,
        gaps,
        hours: hoursOf(gaps),
        coveredByPerson,
        schedules: perSchedule.map(({ schedule, gaps: g }) => ({ schedule, gaps: g, hours: hoursOf(g) })),
      };
    });
}

/** A schedule's gaps in [a, b); a schedule the model does not have has nobody on it. */
function scheduleGaps(schedule: Schedule | undefined, id: string, a: number, b: number): { schedule: string; gaps: Gap[]; onCall: Span[] } {
  if (!schedule || schedule.members.length === 0) return { schedule: id, gaps: b > a ? [gap([a, b], "no-members")] : [], onCall: [] };
  const onCall = shifts(schedule, new Date(a), new Date(b)).map((s): Span => [s.from.getTime(), s.to.getTime()]);
  const start = firstHandoff(schedule).getTime();
  const gaps = complement(onCall, a, b).flatMap(([x, y]): Gap[] => {
    if (y <= start) return [gap([x, y], "before-start")];
    if (x >= start) return [gap([x, y], "outside-coverage")];
    return [gap([x, start], "before-start"), gap([start, y], "outside-coverage")];
  });
  return { schedule: id, gaps, onCall };
}

function gap([x, y]: Span, reason?: GapReason): Gap {
  return { from: new Date(x), to: new Date(y), hours: (y - x) / MS_PER_HOUR, ...(reason ? { reason } : {}) };
}

function hoursOf(gaps: Gap[]): number {
  return totalMs(gaps.map((g): Span => [g.from.getTime(), g.to.getTime()])) / MS_PER_HOUR;
}
