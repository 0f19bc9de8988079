/**
 * Whether a sign-off's attestation counts on a given day.
 *
 * Expiry rule: an attestation is valid from the day it is dated through the last day of its period,
 * both inclusive, and reads `expired` from the next day on. `at: 2026-11-02, expires: 90d` is valid
 * 2026-11-02 through 2027-01-30 (90 calendar days) and expired on 2027-01-31. A period that is not
 * a whole number of days covers the partial day too (`36h` covers 2 days). Without `expires` it never
 * expires. An attestation dated after the report day does not count yet.
 */
import type { Signoff } from "../specification/model";
import { dayNumber, daysCovered, isoDate } from "./calendarDate";

/** How a sign-off stands on the report day. */
/** `not-an-approver`: attested by someone the sign-off's `approvers` do not name (written by hand; `attest` refuses it), so it does not count. */
export type AttestationState = "passed" | "expired" | "never" | "not-yet-valid" | "not-an-approver";

/** The attestation of one sign-off as of the report day. */
export interface AttestationStatus {
  state: AttestationState;
  /** Who attested, when anybody did. */
  by?: string;
  /** The day of the attestation (`YYYY-MM-DD`). */
  at?: string;
  /** The last day the attestation is valid (`YYYY-MM-DD`); absent when it never expires. */
  validThrough?: string;
  /** The validity period as written (`90d`). */
  expires?: string;
  /** Days from the report day to the last valid day, when the attestation is valid and expires. */
  daysLeft?: number;
}

/** The attestation state of a sign-off on `today` (`YYYY-MM-DD`). */
export function attestationStatus(attested: Signoff["attested"], today: string): AttestationStatus {
  const todayDay = dayNumber(today);
  if (todayDay === undefined) throw new Error(`report date "${today}" is not a YYYY-MM-DD date`);
  if (!attested) return { state: "never" };
  const atDay = dayNumber(attested.at);
  const base = { by: attested.by, at: attested.at, expires: attested.expires?.text };
  // An unreadable date cannot prove anything; the loader should have rejected it already.
  if (atDay === undefined) return { state: "never", ...base };
  const lastDay = attested.expires === undefined ? undefined : atDay + Math.max(1, daysCovered(attested.expires.seconds)) - 1;
  const validThrough = lastDay === undefined ? undefined : isoDate(lastDay);
  if (todayDay < atDay) return { state: "not-yet-valid", ...base, validThrough };
  if (lastDay !== undefined && todayDay > lastDay) return { state: "expired", ...base, validThrough };
  return { state: "passed", ...base, validThrough, daysLeft: lastDay === undefined ? undefined : lastDay - todayDay };
}
