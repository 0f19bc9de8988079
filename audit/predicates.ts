/**
 * The judgments the audit (over the Model) and the policy pack (over provider resources) share, so
 * `readiness audit` and `pulumi preview --policy-pack policy` never disagree about what is wrong.
 */
import type { Severity } from "../specification/model";
import { MIN_SCRAPES_PER_WINDOW } from "../slos/burnRate";

/** Fewest levels an escalation needs so an unacknowledged page goes somewhere else. */
export const MIN_ESCALATION_LEVELS = 2;

/** Fewest consecutive failures a paging check should wait for. */
export const MIN_PAGING_CHECK_FAILURES = 2;

/** True when an escalation with this many levels has nowhere to go after the first. */
export function hasTooFewLevels(levelCount: number): boolean {
  return levelCount < MIN_ESCALATION_LEVELS;
}

/** True when the last level notifies one person only and the levels are not repeated. */
export function endsWithLonePerson(lastLevel: readonly { kind: "person" | "schedule" }[], repeat: number): boolean {
  return repeat === 0 && lastLevel.length === 1 && lastLevel[0].kind === "person";
}

/** True when a rotation has nobody to hand over to. */
export function isSingleMemberRotation(memberCount: number): boolean {
  return memberCount < 2;
}

/** True when a runbook link is missing or blank. */
export function lacksRunbook(url: string | undefined | null): boolean {
  return url === undefined || url === null || url.trim() === "";
}

/** True when an alert of this severity would page on a single evaluation. */
export function pagesWithoutFor(severity: Severity, forSeconds: number): boolean {
  return severity === "page" && forSeconds <= 0;
}

/** True when a check of this severity pages after fewer failures than it should. */
export function pagesOnFirstFailure(severity: Severity, alertAfter: number): boolean {
  return severity === "page" && alertAfter < MIN_PAGING_CHECK_FAILURES;
}

/** True when no error ratio can make both windows burn faster than `factor` (factor x budget >= 1). */
export function burnCannotFire(factor: number, errorBudget: number): boolean {
  // An error ratio cannot exceed 1, so exactly 1 cannot fire either; the tolerance keeps 10 x 0.1 at 1.
  return factor * errorBudget >= 1 - 1e-12;
}

/** True when a rate window covers fewer scrapes than it needs. */
export function windowTooShort(windowSeconds: number, scrapeIntervalSeconds: number): boolean {
  return windowSeconds < MIN_SCRAPES_PER_WINDOW * scrapeIntervalSeconds;
}

/**
 * True when a PagerDuty urgency can wake someone: `high` always, `severity_based` for critical
 * events. Where paging is off the only allowed urgency is constant `low`.
 */
export function urgencyCanWake(urgency: string | undefined): boolean {
  return urgency === "high" || urgency === "severity_based" || urgency === "severityBased";
}
