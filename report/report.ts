/**
 * The launch readiness report: every sign-off of one environment with its attestation state and
 * its evidence, and the figures a release pipeline and an operations director look at first.
 */
import type { Model, Signoff } from "../specification/model";
import { attestationStatus, type AttestationStatus } from "./attestationState";
import { checkEvidence, type EvidenceCheck } from "./evidence";

/** How strongly a sign-off holds up a launch. */
export type Gate = Signoff["gate"];

/** Gates in the order the report lists them: what blocks GA first. */
export const GATE_ORDER: readonly Gate[] = ["ga-blocking", "marketplace-blocking", "soft-gating"];

/** One sign-off as it stands on the report day. */
export interface GateReport {
  id: string;
  title: string;
  gate: Gate;
  phase: string;
  attestation: AttestationStatus;
  evidence: EvidenceCheck[];
}

/** The figures the report leads with. */
export interface ReportSummary {
  /** Sign-offs in the spec. */
  total: number;
  /** Sign-offs attested and not expired on the report day. */
  signedOff: number;
  /** GA-blocking sign-offs not passed: never attested, expired or not yet valid. */
  gaBlockingOutstanding: number;
  /** Sign-offs nobody has attested. */
  neverSignedOff: number;
  /** Sign-offs whose attestation has run out. */
  expired: number;
  /** Sign-offs attested with a date after the report day. */
  notYetValid: number;
}

/** The whole report for one environment on one day. */
export interface Report {
  system: string;
  environment: string;
  paging: boolean;
  /** The report day (`YYYY-MM-DD`): attestations are judged as of this day. */
  date: string;
  /** The spec file the report was computed from. */
  file: string;
  summary: ReportSummary;
  /** GA-blocking first, then marketplace-blocking, then soft-gating; by id within a gate. */
  gates: GateReport[];
}

/** Computes the report for `model` as of `today` (`YYYY-MM-DD`); the caller reads the clock. */
export function computeReport(model: Model, today: string): Report {
  const gates = model.signoffs
    .map((s): GateReport => ({
      id: s.id,
      title: s.title,
      gate: s.gate,
      phase: s.phase,
      attestation: attestationStatus(s.attested, today),
      evidence: s.evidence.map((ref) => checkEvidence(model, ref)),
    }))
    .sort((a, b) => GATE_ORDER.indexOf(a.gate) - GATE_ORDER.indexOf(b.gate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const count = (pred: (g: GateReport) => boolean) => gates.filter(pred).length;
  return {
    system: model.system.name,
    environment: model.environment,
    paging: model.paging,
    date: today,
    file: model.file,
    summary: {
      total: gates.length,
      signedOff: count((g) => g.attestation.state === "passed"),
      gaBlockingOutstanding: count((g) => g.gate === "ga-blocking" && g.attestation.state !== "passed"),
      neverSignedOff: count((g) => g.attestation.state === "never"),
      expired: count((g) => g.attestation.state === "expired"),
      notYetValid: count((g) => g.attestation.state === "not-yet-valid"),
    },
    gates,
  };
}

/** The exit code of `readiness report --strict`: 1 while any GA-blocking sign-off has not passed. */
export function strictExitCode(report: Report): 0 | 1 {
  return report.summary.gaBlockingOutstanding > 0 ? 1 : 0;
}
