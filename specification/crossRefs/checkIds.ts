/** Cross-reference step: ids (and former ids) are unique in each list, and no service takes a reserved id. */
import type { Spec } from "../schema";
import type { Diagnostic, Locator } from "../diagnostics";
import { RESERVED_COMPONENT_NAMES } from "../reservedIds";
import { oncallOf } from "../resolve/context";
import type { Path } from "./common";

/** Duplicate ids in every list, and reserved service ids. */
export function checkIds(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const oncall = oncallOf(spec);
  const dupes = (items: { id: string; previously?: string[] }[], at: Path, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      for (const name of [item.id, ...(item.previously ?? [])]) {
        const first = seen.get(name);
        if (first !== undefined && first !== i) out.push(locate([...at, i, "id"], "DuplicateId", `duplicate ${what} id "${name}"`, `${formatAt(at)}[${first}] already uses it; ids must be unique`));
        else seen.set(name, i);
      }
    });
  };
  dupes(spec.services, ["services"], "service");
  dupes(oncall.people, ["oncall", "people"], "person");
  dupes(oncall.schedules, ["oncall", "schedules"], "schedule");
  dupes(oncall.escalations, ["oncall", "escalations"], "escalation");
  dupes(spec.signoffs, ["signoffs"], "sign-off");
  dupes(spec.dashboards, ["dashboards"], "dashboard");
  spec.services.forEach((svc, si) => {
    dupes(svc.slos, ["services", si, "slos"], "SLO");
    dupes(svc.alerts, ["services", si, "alerts"], "alert");
    dupes(svc.checks, ["services", si, "checks"], "check");
    dupes(svc.heartbeats, ["services", si, "heartbeats"], "heartbeat");
    if ((RESERVED_COMPONENT_NAMES as readonly string[]).includes(svc.id))
      out.push(locate(["services", si, "id"], "ReservedId", `service id "${svc.id}" is reserved`, `${RESERVED_COMPONENT_NAMES.join(", ")} name generated components; choose another id`));
  });
  return out;
}

function formatAt(at: Path): string {
  return at.map((s) => (typeof s === "number" ? `[${s}]` : s)).join(".").replace(/\.\[/g, "[");
}
