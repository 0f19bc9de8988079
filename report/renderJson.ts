/** The report as JSON for pipelines and dashboards: `{ summary, gates }` plus what it was computed for. */
import type { Report } from "./report";

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
    },
    gates: report.gates.map((g) => ({
      id: g.id,
      title: g.title,
      gate: g.gate,
      phase: g.phase,
      state: g.attestation.state,
      attestedBy: g.attestation.by ?? null,
      attestedAt: g.attestation.at ?? null,
      expires: g.attestation.expires ?? null,
      validThrough: g.attestation.validThrough ?? null,
      evidence: g.evidence.map((e) => ({ ref: e.ref, kind: e.kind, holds: e.holds, reason: e.reason })),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
