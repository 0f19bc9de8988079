/** The report as JSON for pipelines and dashboards: `{ summary, phases, gates }` plus what it was computed for. */
import type { SignoffPerson } from "../../specification/model";
import type { Report } from "../report";

const person = (p: SignoffPerson) => ({ id: p.id ?? null, name: p.name ?? null, email: p.email });

/** The report as stable, indented JSON (keys in a fixed order, trailing newline). */
export function renderJson(report: Report): string {
  const out = {
    system: report.system,
    environment: report.environment,
    paging: report.paging,
    date: report.date,
    file: report.file,
    summary: {
      total: report.summary.total,
      signedOff: report.summary.signedOff,
      gaBlockingOutstanding: report.summary.gaBlockingOutstanding,
      neverSignedOff: report.summary.neverSignedOff,
      expired: report.summary.expired,
      notYetValid: report.summary.notYetValid,
      overdue: report.summary.overdue,
    },
    phases: report.phases.map((p) => ({ phase: p.phase, signoffs: p.gates.map((g) => g.id), notAttested: p.notAttested })),
    gates: report.gates.map((g) => ({
      id: g.id,
      title: g.title,
      gate: g.gate,
      phase: g.phase,
      owner: g.owner ? person(g.owner) : null,
      approvers: g.approvers.map(person),
      description: g.description ?? null,
      links: g.links,
      due: g.due ?? null,
      overdue: g.overdue,
      state: g.attestation.state,
      attestedBy: g.attestation.by ?? null,
      attestedAt: g.attestation.at ?? null,
      expires: g.attestation.expires ?? null,
      validThrough: g.attestation.validThrough ?? null,
      evidence: g.evidence.map((e) => ({ ref: e.ref, kind: e.kind, holds: e.holds, verified: e.verified, reason: e.reason })),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
