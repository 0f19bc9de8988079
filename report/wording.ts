/**
 * The sentences every format shares, so the HTML page, the Markdown and a reader's summary of the
 * JSON say the same thing in the same words.
 */
import { longDate } from "./calendarDate";
import type { AttestationStatus } from "./attestationState";
import type { SignoffPerson } from "../specification/model";
import type { Gate, GateReport, PhaseReport, Report } from "./report";

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The headline: how many GA-blocking items are still outstanding ("5 GA-blocking items are still outstanding"). */
export function summarySentence(report: Report): string {
  const gaTotal = report.gates.filter((g) => g.gate === "ga-blocking").length;
  const open = report.summary.gaBlockingOutstanding;
  if (gaTotal === 0) return "No sign-off is marked GA-blocking";
  if (open === 0) return gaTotal === 1 ? "The GA-blocking item is signed off" : `All ${gaTotal} GA-blocking items are signed off`;
  return `${plural(open, "GA-blocking item is", "GA-blocking items are")} still outstanding`;
}

/** The other figures in one sentence ("1 of 7 sign-offs is signed off; 5 were never signed off; none has expired."). */
export function figuresSentence(report: Report): string {
  const s = report.summary;
  const parts = [`${s.signedOff} of ${plural(s.total, "sign-off", "sign-offs")} ${s.signedOff === 1 ? "is" : "are"} signed off`];
  parts.push(s.neverSignedOff === 0 ? "every one has been attested" : `${s.neverSignedOff} ${s.neverSignedOff === 1 ? "was" : "were"} never signed off`);
  parts.push(s.expired === 0 ? "none has expired" : `${s.expired} ${s.expired === 1 ? "has" : "have"} expired`);
  if (s.overdue > 0) parts.push(`${s.overdue} ${s.overdue === 1 ? "is" : "are"} overdue`);
  if (s.notYetValid > 0) parts.push(`${s.notYetValid} ${s.notYetValid === 1 ? "is" : "are"} dated after ${longDate(report.date)} and not yet valid`);
  return `${parts.join("; ")}.`;
}

/** The name of a gate as a heading ("GA-blocking"). */
export function gateName(gate: Gate): string {
  switch (gate) {
    case "ga-blocking":
      return "GA-blocking";
    case "marketplace-blocking":
      return "Marketplace-blocking";
    case "soft-gating":
      return "Soft-gating";
  }
}

/** A state as a short label ("Signed off", "Expired", "Never signed off", "Not yet valid"). */
export function stateLabel(status: AttestationStatus): string {
  switch (status.state) {
    case "passed":
      return "Signed off";
    case "expired":
      return "Expired";
    case "never":
      return "Never signed off";
    case "not-yet-valid":
      return "Not yet valid";
    case "not-an-approver":
      return "Not by an approver";
  }
}

/** Who attested, when, and how long it lasts, as one sentence for the gate's row. */
export function attestationSentence(status: AttestationStatus, reportDate: string): string {
  if (!status.by || !status.at) return "Nobody has attested this yet.";
  const who = `Attested by ${status.by} on ${longDate(status.at)}`;
  switch (status.state) {
    case "passed":
      if (!status.validThrough) return `${who}; does not expire.`;
      return `${who}; valid through ${longDate(status.validThrough)} (${plural(status.daysLeft ?? 0, "day", "days")} left).`;
    case "expired":
      return `${who}; expired after ${longDate(status.validThrough ?? status.at)}. Attest again.`;
    case "not-yet-valid":
      return `${who}, which is after the report date ${longDate(reportDate)}: not valid until then.`;
    case "never":
      return `${who}, but that date is not a YYYY-MM-DD date, so it does not count.`;
    case "not-an-approver":
      return `${who}, who is not one of its approvers, so it does not count.`;
  }
}

/** The attestation column of a sign-off's row: the sentence, or a dash when nobody attested (the phase says so once). */
export function attestationCell(status: AttestationStatus, reportDate: string): string {
  return status.by ? attestationSentence(status, reportDate) : "—";
}

/** The one line a phase gets about what nobody attested, or undefined when everything in it was attested. */
export function notAttestedSentence(phase: PhaseReport): string | undefined {
  const n = phase.notAttested.length;
  const total = phase.gates.length;
  if (n === 0) return undefined;
  if (n === total) return total === 1 ? `Nobody has attested the sign-off in ${phase.phase} yet.` : `Nobody has attested any of the ${total} sign-offs in ${phase.phase} yet.`;
  return `Nobody has attested ${n} of the ${total} sign-offs in ${phase.phase} yet: ${phase.notAttested.join(", ")}.`;
}

/** A sign-off's owner or approver as people read it ("Ana Lima <ana@acme.test>", or the bare email). */
export function personText(person: SignoffPerson): string {
  return person.name ? `${person.name} <${person.email}>` : person.email;
}

/** The due column ("1 December 2026", "1 December 2026, overdue", or a dash). */
export function dueText(gate: GateReport): string {
  if (gate.due === undefined) return "—";
  return gate.overdue ? `${longDate(gate.due)}, overdue` : longDate(gate.due);
}

/** How much of a gate's evidence holds ("2 of 2 hold", "1 of 2 holds; 1 named, not verified", "no evidence named"). */
export function evidenceTally(gate: GateReport): string {
  if (!gate.evidence.length) return "no evidence named";
  const checked = gate.evidence.filter((e) => e.verified);
  const holding = checked.filter((e) => e.holds).length;
  const unverified = gate.evidence.length - checked.length;
  const parts = checked.length ? [`${holding} of ${checked.length} ${holding === 1 ? "holds" : "hold"}`] : [];
  if (unverified) parts.push(`${unverified} named, not verified`);
  return parts.join("; ");
}

/** How one piece of evidence stands, as a short label. */
export function evidenceLabel(e: { holds: boolean; verified: boolean }): string {
  return !e.verified ? "named, not verified" : e.holds ? "holds" : "does not hold";
}

/** Why evidence is shown at all, and why it is not a sign-off. */
export const EVIDENCE_DISCLAIMER =
  "Evidence is what the spec already configures for this environment. It never counts as sign-off: only a person's attestation does. External evidence (a workflow, a document) is named here but not verified.";

/** Short definitions of the words the page uses. */
export const GLOSSARY: readonly { term: string; definition: string }[] = [
  { term: "SLO", definition: "Service level objective: the share of requests or runs that must succeed over a rolling window, such as 99.9% over 30 days." },
  { term: "Error budget", definition: "The failures an SLO allows (0.1% of requests for 99.9%). Alerts fire when it is being spent too fast to last the window." },
  { term: "RTO / RPO", definition: "Recovery time objective: how long restoring service may take. Recovery point objective: how much recent data may be lost." },
  { term: "GA-blocking", definition: "Must be signed off before general availability. Marketplace-blocking items hold up a marketplace listing; soft-gating items should be done but do not block." },
  { term: "Attestation", definition: "A named person recording that a sign-off is done, on a date, optionally for a limited time (`readiness attest`)." },
];
