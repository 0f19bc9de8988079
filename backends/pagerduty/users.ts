/**
 * PagerDuty users: looked up by email, because people already have accounts and a plan must not
 * create (or, on destroy, delete) someone's login; created only where the spec says `create: true`.
 */
import type { Model } from "../../specification/model";
import type { PlanLookup, PlanRef, PlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { onCallComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { PD_USER, PD_USER_LOOKUP } from "./tokens";

/** The user lookups and created users of the spec's people, by person id. */
export function pagerDutyUsers(model: Model): { lookups: PlanLookup[]; resources: PlanResource[] } {
  const lookups: PlanLookup[] = [];
  const resources: PlanResource[] = [];
  for (const person of model.oncall.people) {
    if (person.create) {
      resources.push({
        type: PD_USER,
        name: logicalName(person.id),
        parent: onCallComponent(model).name,
        provider: "pagerduty",
        inputs: { name: person.name, email: person.email, timeZone: model.oncall.timezone },
      });
    } else {
      lookups.push({ token: PD_USER_LOOKUP, name: logicalName(person.id), provider: "pagerduty", args: { email: person.email } });
    }
  }
  return { lookups, resources };
}

/** A reference to a person's PagerDuty user id, from the lookup or the created user. */
export function userRef(model: Pick<Model, "oncall">, personId: string): PlanRef<string> {
  const created = model.oncall.people.some((p) => p.id === personId && p.create);
  return ref(logicalName(personId), created ? PD_USER : PD_USER_LOOKUP, "id");
}
