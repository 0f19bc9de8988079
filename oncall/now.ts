/**
 * Who a route reaches first at an instant: per escalation, the people its first level notifies
 * right now (a schedule's current shift, a named person); the later levels only if nobody answers.
 */
import type { Model, Route } from "../specification/model";
import { describeRouteTarget } from "../specification/routes";
import { onCallAt } from "./rotation";

/** The first responders of one route target at an instant. */
export interface FirstResponders {
  /** The target as the inventory prints it (`escalation:shop-oncall`, `slack:#shop`). */
  target: string;
  /** Person ids notified first, now; empty for a target that notifies no person (Slack) or a schedule with nobody on shift. */
  people: string[];
}

/** Who each target of a route notifies first at `at`. */
export function firstRespondersAt(model: Pick<Model, "oncall">, route: Route, at: Date): FirstResponders[] {
  const escalations = new Map(model.oncall.escalations.map((e) => [e.id, e]));
  const schedules = new Map(model.oncall.schedules.map((s) => [s.id, s]));
  return route.targets.map((t) => {
    if (t.kind !== "escalation") return { target: describeRouteTarget(t), people: [] };
    const people = new Set<string>();
    for (const n of escalations.get(t.escalation)?.levels[0]?.notify ?? []) {
      if (n.kind === "person") people.add(n.person);
      else {
        const s = schedules.get(n.schedule);
        const who = s ? onCallAt(s, at) : undefined;
        if (who) people.add(who);
      }
    }
    return { target: describeRouteTarget(t), people: [...people].sort() };
  });
}
