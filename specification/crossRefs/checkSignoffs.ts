/** Cross-reference step: sign-offs name evidence, people and phases the spec declares. */
import type { Spec } from "../schema";
import type { Diagnostic, Locator } from "../diagnostics";
import { didYouMean } from "../diagnostics";
import { oncallOf } from "../resolve/context";
import { unknownRef, type Path } from "./common";

/** Every evidence kind a sign-off may name. */
export const EVIDENCE_KINDS = ["statusPage", "check", "slo", "heartbeat", "alert", "escalation", "schedule", "dashboard", "routing", "runbook", "external"] as const;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Evidence first, then owners, approvers and phases, then phases listed twice. */
export function checkSignoffs(spec: Spec, locate: Locator): Diagnostic[] {
  return [...checkEvidence(spec, locate), ...checkSignoffPeople(spec, locate), ...checkPhases(spec, locate)];
}

/** Sign-off evidence must name something in the spec. */
function checkEvidence(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const oncall = oncallOf(spec);
  const schedules = oncall.schedules.map((s) => s.id);
  const escalations = oncall.escalations.map((e) => e.id);
  const unknown = (at: Path, what: string, name: string, known: string[], whenNoneKnown?: string) => out.push(unknownRef(locate, at, what, name, known, whenNoneKnown));
  const svcById = new Map(spec.services.map((s) => [s.id, s]));
  spec.signoffs.forEach((so, i) =>
    so.evidence.forEach((ev, j) => {
      const at: Path = ["signoffs", i, "evidence", j];
      const [kind, rest] = splitOnce(ev, ":");
      const [svcId, itemId] = splitOnce(rest ?? "", "/");
      switch (kind) {
        case "statusPage":
          if (rest !== undefined) out.push(locate(at, "InvalidValue", `"statusPage" evidence takes no argument, got "${ev}"`));
          else if (!spec.statusPage) out.push(locate(at, "UnknownReference", "evidence statusPage, but the spec has no statusPage"));
          return;
        case "check":
        case "slo":
        case "heartbeat":
        case "alert": {
          const svc = svcById.get(svcId);
          if (!svc || itemId === undefined) return unknown(at, "service", svcId, [...svcById.keys()]);
          const items = { check: svc.checks, slo: svc.slos, heartbeat: svc.heartbeats, alert: svc.alerts }[kind].map((x) => x.id);
          const what = kind === "slo" ? "SLO" : kind;
          if (!items.includes(itemId)) {
            const guess = didYouMean(itemId, items);
            const hint = guess ? `did you mean "${kind}:${svcId}/${guess}"?` : items.length ? `known: ${items.join(", ")}` : `service "${svcId}" has no ${what}s`;
            out.push(locate(at, "UnknownReference", `${what} "${itemId}" of service "${svcId}" is not defined`, hint));
          }
          return;
        }
        case "runbook":
          if (!svcById.has(svcId)) unknown(at, "service", svcId, [...svcById.keys()]);
          return;
        case "escalation":
          if (!escalations.includes(rest ?? "")) unknown(at, "escalation", rest ?? "", escalations);
          return;
        case "schedule":
          if (!schedules.includes(rest ?? "")) unknown(at, "schedule", rest ?? "", schedules);
          return;
        case "dashboard": {
          const dashboards = spec.dashboards.map((d) => d.id);
          if (!dashboards.includes(rest ?? "")) unknown(at, "dashboard", rest ?? "", dashboards, "declare it under dashboards");
          return;
        }
        case "external":
          if (!isExternalTarget(rest ?? ""))
            out.push(locate(at, "InvalidValue", `external evidence names an http(s) URL or a path in the repository, got "${rest ?? ""}"`, "write e.g. external:https://github.com/org/repo/actions/workflows/load.yml or external:.github/workflows/ci.yml"));
          return;
        case "routing":
          if (!["page", "ticket", "info"].includes(rest ?? "")) out.push(locate(at, "InvalidValue", `routing evidence names a severity (page, ticket, info), got "${rest ?? ""}"`));
          return;
        default: {
          const kinds = [...EVIDENCE_KINDS];
          const guess = didYouMean(kind, kinds);
          out.push(locate(at, "InvalidValue", `unknown evidence kind "${kind}"`, guess ? `did you mean "${guess}"?` : `use one of ${kinds.join(", ")}`));
        }
      }
    }),
  );
  return out;
}

/** Owners and approvers are people the spec knows, or email addresses; phases are the declared ones. */
function checkSignoffPeople(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const people = oncallOf(spec).people.map((p) => p.id);
  const personOrEmail = (at: Path, what: string, name: string) => {
    if (name.includes("@")) {
      if (!EMAIL_RE.test(name)) out.push(locate(at, "InvalidValue", `${what} "${name}" is not an email address`, "write a person id from oncall.people or an email address"));
    } else if (!people.includes(name)) out.push(unknownRef(locate, at, `${what} (person)`, name, people, "write an email address, or declare the person under oncall.people"));
  };
  spec.signoffs.forEach((so, i) => {
    if (so.owner !== undefined) personOrEmail(["signoffs", i, "owner"], "owner", so.owner);
    so.approvers?.forEach((a, j) => personOrEmail(["signoffs", i, "approvers", j], "approver", a));
    if (spec.phases && !spec.phases.includes(so.phase)) {
      const guess = didYouMean(so.phase, spec.phases);
      out.push(locate(["signoffs", i, "phase"], "UnknownReference", `phase "${so.phase}" is not one of the declared phases`, guess ? `did you mean "${guess}"? declared: ${spec.phases.join(", ")}` : `declared: ${spec.phases.join(", ")}; add it to phases`));
    }
  });
  return out;
}

/** Each declared phase appears once. */
function checkPhases(spec: Spec, locate: Locator): Diagnostic[] {
  if (!spec.phases) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  spec.phases.forEach((p, i) => {
    if (seen.has(p)) out.push(locate(["phases", i], "DuplicateId", `phase "${p}" is listed twice`, "each phase appears once, in order"));
    seen.add(p);
  });
  return out;
}

/** An http(s) URL, or a relative path inside the repository (no scheme, no spaces, not leaving it). */
function isExternalTarget(text: string): boolean {
  if (/^https?:\/\//i.test(text)) {
    try {
      return Boolean(new URL(text).host);
    } catch {
      return false;
    }
  }
  return /^[A-Za-z0-9._~\-/]+$/.test(text) && !text.startsWith("/") && !text.split("/").includes("..") && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text);
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
