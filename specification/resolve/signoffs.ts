/** Resolve step: launch sign-offs, their people and evidence, and the phases they fall in. */
import type { EvidenceRef, Person, Severity, Signoff, SignoffPerson } from "../model";
import type { ResolveContext } from "./context";
import { dur } from "./values";

/** Sign-offs keep spec order: authors list them in the order a reviewer should read them. */
export function resolveSignoffs(ctx: ResolveContext, people: Person[]): Signoff[] {
  const signoffPerson = (name: string): SignoffPerson => {
    const p = people.find((x) => x.id === name);
    return p ? { id: p.id, name: p.name, email: p.email } : { email: name };
  };
  return ctx.spec.signoffs.map((so) => ({
    id: so.id,
    title: so.title,
    gate: so.gate,
    phase: so.phase,
    ...(so.owner !== undefined ? { owner: signoffPerson(so.owner) } : {}),
    approvers: (so.approvers ?? []).map(signoffPerson),
    ...(so.description !== undefined ? { description: so.description } : {}),
    links: so.links,
    ...(so.due !== undefined ? { due: so.due } : {}),
    evidence: so.evidence.map(evidence),
    attested: so.attested ? { by: so.attested.by, at: so.attested.at, expires: so.attested.expires ? dur(so.attested.expires) : undefined } : undefined,
  }));
}

/** The declared phases, or those the sign-offs use in order of first use. */
export function resolvePhases(ctx: ResolveContext): string[] {
  const s = ctx.spec;
  return s.phases ? [...s.phases] : [...new Set(s.signoffs.map((so) => so.phase))];
}

function evidence(text: string): EvidenceRef {
  const [kind, rest = ""] = text.split(/:(.*)/s);
  const [service, id = ""] = rest.split(/\/(.*)/s);
  switch (kind) {
    case "check":
      return { kind: "check", service, id, text };
    case "slo":
      return { kind: "slo", service, id, text };
    case "escalation":
      return { kind: "escalation", id: rest, text };
    case "routing":
      return { kind: "routing", severity: rest as Severity, text };
    case "runbook":
      return { kind: "runbook", service: rest, text };
    case "heartbeat":
      return { kind: "heartbeat", service, id, text };
    case "alert":
      return { kind: "alert", service, id, text };
    case "dashboard":
      return { kind: "dashboard", id: rest, text };
    case "schedule":
      return { kind: "schedule", id: rest, text };
    case "external":
      return { kind: "external", target: rest, text };
    default:
      return { kind: "statusPage", text };
  }
}
