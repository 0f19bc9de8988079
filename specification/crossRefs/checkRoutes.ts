/** Cross-reference step: schedules, escalations and routes name people and policies that exist. */
import type { Spec } from "../schema";
import type { Diagnostic, Locator } from "../diagnostics";
import { oncallOf } from "../resolve/context";
import { unknownRef, type Path } from "./common";

/** On-call members, escalation targets and routed escalations are declared; a service pages through one policy. */
export function checkRoutes(spec: Spec, locate: Locator): Diagnostic[] {
  return [...checkOncallTargets(spec, locate), ...checkRoutedEscalations(spec, locate)];
}

/** Schedule members and escalation-level targets are declared people and schedules. */
function checkOncallTargets(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const oncall = oncallOf(spec);
  const people = oncall.people.map((p) => p.id);
  const schedules = oncall.schedules.map((s) => s.id);
  const unknown = (at: Path, what: string, name: string, known: string[]) => out.push(unknownRef(locate, at, what, name, known));

  oncall.schedules.forEach((s, i) =>
    s.members.forEach((m, j) => {
      if (!people.includes(m)) unknown(["oncall", "schedules", i, "members", j], "person", m, people);
    }),
  );
  oncall.escalations.forEach((e, i) =>
    e.levels.forEach((level, j) => {
      if (level.notify.length === 0) out.push(locate(["oncall", "escalations", i, "levels", j], "EmptyEscalationLevel", "this escalation level notifies no one", "add schedule:<id> or person:<id> to notify"));
      level.notify.forEach((target, k) => {
        const [kind, name] = target.split(":");
        if (kind === "schedule" && !schedules.includes(name)) unknown(["oncall", "escalations", i, "levels", j, "notify", k], "schedule", name, schedules);
        if (kind === "person" && !people.includes(name)) unknown(["oncall", "escalations", i, "levels", j, "notify", k], "person", name, people);
      });
    }),
  );
  return out;
}

/** System and service routes name declared escalations, and a service's alerts page through one policy. */
function checkRoutedEscalations(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const escalations = oncallOf(spec).escalations.map((e) => e.id);
  const unknown = (at: Path, what: string, name: string, known: string[]) => out.push(unknownRef(locate, at, what, name, known));
  for (const sev of ["page", "ticket", "info"] as const) {
    const esc = spec.routing[sev]?.escalation;
    if (esc !== undefined && !escalations.includes(esc)) unknown(["routing", sev, "escalation"], "escalation", esc, escalations);
  }
  spec.services.forEach((svc, si) => {
    for (const sev of ["page", "ticket", "info"] as const) {
      const esc = svc.routing?.[sev]?.escalation;
      if (esc !== undefined && !escalations.includes(esc)) unknown(["services", si, "routing", sev, "escalation"], "escalation", esc, escalations);
    }
    // A spec service is one PagerDuty service, which has exactly one escalation policy.
    const own =
      (["page", "ticket", "info"] as const).map((sev) => (svc.routing?.[sev] ?? spec.routing[sev])?.escalation).find((e) => e !== undefined) ??
      [...svc.alerts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).find((a) => a.route?.escalation !== undefined)?.route?.escalation;
    svc.alerts.forEach((a, ai) => {
      const esc = a.route?.escalation;
      if (esc === undefined) return;
      const at: Path = ["services", si, "alerts", ai, "route", "escalation"];
      if (!escalations.includes(esc)) unknown(at, "escalation", esc, escalations);
      else if (own !== undefined && esc !== own)
        out.push(locate(at, "InvalidValue", `escalation "${esc}" differs from "${own}", the one service ${svc.id} pages through`, `a service's alerts share one PagerDuty service and so one escalation policy; set it in services[${si}].routing instead, or route this alert to slack, email or a webhook`));
    });
  });
  return out;
}
