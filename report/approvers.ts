/**
 * Who may attest a sign-off: anybody when it lists no approvers, else only one of them, so
 * `readiness attest --by` cannot record a sign-off by someone the spec did not name.
 */
import type { Signoff, SignoffPerson } from "../specification/model";

/** An approver as the error names them ("ana@acme.test (ana)"). */
function approverText(p: SignoffPerson): string {
  return p.id ? `${p.email} (${p.id})` : p.email;
}

/** Why `by` may not attest `signoff`, or undefined when they may. Emails compare without regard to case. */
export function approverProblem(signoff: Pick<Signoff, "id" | "approvers">, by: string): string | undefined {
  if (!signoff.approvers.length) return undefined;
  const who = by.trim().toLowerCase();
  if (signoff.approvers.some((a) => a.email.toLowerCase() === who)) return undefined;
  return `${by} is not an approver of sign-off "${signoff.id}"; it may be attested only by ${signoff.approvers.map(approverText).join(", ")}`;
}
