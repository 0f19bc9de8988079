/**
 * The launch readiness report: every sign-off of one environment with its attestation state and
 * its evidence, and the figures a release pipeline and an operations director look at first.
 */
import type { Model, Signoff, SignoffPerson } from "../specification/model";
import { dayNumber } from "./calendarDate";
import { approverProblem } from "./approvers";
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
  /** Who is accountable for it. */
  owner?: SignoffPerson;
  /** Who may attest it; empty when anybody may. */
  approvers: SignoffPerson[];
  /** Why it matters, as written in the spec. */
  description?: string;
  /** Related URLs or short references, as written in the spec. */
  links: string[];
  /** Day it is due (`YYYY-MM-DD`). */
  due?: string;
  /** Due before the report day and not signed off on it. */
  overdue: boolean;
  attestation: AttestationStatus;
  evidence: EvidenceCheck[];
}

/** One launch phase: its sign-offs in spec order, and which of them nobody has attested. */
export interface PhaseReport {
  phase: string;
  gates: GateReport[];
  /** Ids of the sign-offs in this phase nobody has attested, in spec order. */
  notAttested: string[];
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
  /** Sign-offs due before the report day and not signed off. */
  overdue: number;
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
  /** Phase by phase in phase order, in spec order within a phase. */
  gates: GateReport[];
  /** The same sign-offs grouped by phase, phases in order (declared, else first appearance); phases without sign-offs left out. */
  phases: PhaseReport[];
}

/** Computes the report for `model` as of `today` (`YYYY-MM-DD`); the caller reads the clock. */
export function computeReport(model: Model, today: string): Report {
  const todayDay = dayNumber(today);
  const all = model.signoffs.map((s): GateReport => {
    const dated = attestationStatus(s.attested, today);
    // A hand-written attestation by someone who is not an approver is shown, never counted.
    const attestation = dated.by && approverProblem(s, dated.by) ? { ...dated, state: "not-an-approver" as const } : dated;
    const dueDay = s.due === undefined ? undefined : dayNumber(s.due);
    return {
      id: s.id,
      title: s.title,
      gate: s.gate,
      phase: s.phase,
      ...(s.owner ? { owner: s.owner } : {}),
      approvers: s.approvers,
      ...(s.description !== undefined ? { description: s.description } : {}),
      links: s.links,
      ...(s.due !== undefined ? { due: s.due } : {}),
      overdue: dueDay !== undefined && todayDay !== undefined && dueDay < todayDay && attestation.state !== "passed",
      attestation,
      evidence: s.evidence.map((ref) => checkEvidence(model, ref)),
    };
  });
  // Declared phases first, in their order; a phase the Model does not list (it should) follows in order of first appearance.
  const order = [...new Set([...model.phases, ...all.map((g) => g.phase)])];
  const phases = order
    .map((phase): PhaseReport => {
      const gates = all.filter((g) => g.phase === phase);
      return { phase, gates, notAttested: gates.filter((g) => !g.attestation.by).map((g) => g.id) };
    })
    .filter((p) => p.gates.length > 0);
  const gates = phases.flatMap((p) => p.gates);
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
      overdue: count((g) => g.overdue),
    },
    gates,
    phases,
  };
}

/** The exit code of `readiness report --strict`: 1 while any GA-blocking sign-off has not passed. */
export function strictExitCode(report: Report): 0 | 1 {
  return report.summary.gaBlockingOutstanding > 0 ? 1 : 0;
}
