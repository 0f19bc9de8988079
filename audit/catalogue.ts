/**
 * The catalogue of audit rules: one stable id per rule, with what it checks and why it matters.
 * SARIF's `tool.driver.rules`, the markdown report and the README come from this table, so a rule
 * is documented where it is declared.
 */
import type { Level } from "./finding";

/** An audit rule as tools and people see it. */
export interface AuditRuleInfo {
  id: RuleId;
  /** The usual level; a rule may report a finding at another level (it says when in `help`). */
  level: Level;
  /** One line: what the rule wants. */
  title: string;
  /** Why it matters and when it fires. */
  help: string;
}

/** Every rule id the audit can report. */
export type RuleId =
  | "runbook-missing"
  | "schedule-single-member"
  | "escalation-single-level"
  | "escalation-last-level-single-person"
  | "oncall-coverage-gap"
  | "critical-service-no-slo"
  | "slo-no-page-alert"
  | "page-cannot-fire"
  | "window-shorter-than-scrapes"
  | "no-query-for-backend"
  | "page-without-for"
  | "check-pages-on-first-failure"
  | "critical-service-not-on-status-page"
  | "route-without-target"
  | "escalation-person-not-in-schedule";

const RULES: Record<RuleId, Omit<AuditRuleInfo, "id">> = {
  "runbook-missing": {
    level: "error",
    title: "Paging alerts and critical services have a runbook",
    help: "Whoever is woken at 3am needs to know what to do. Fires for a critical service without `runbook`, and for a service whose paging alerts (after the paging policy) would link to no runbook.",
  },
  "schedule-single-member": {
    level: "warning",
    title: "A schedule rotates through at least two people",
    help: "A schedule with one member puts that person on call around the clock, every week, with nobody to hand over to.",
  },
  "escalation-single-level": {
    level: "warning",
    title: "An escalation has at least two levels",
    help: "With one level, a page nobody acknowledges goes nowhere else.",
  },
  "escalation-last-level-single-person": {
    level: "warning",
    title: "The last level of an escalation is not one person with no repeat",
    help: "When the last level is a single person and the policy does not repeat, one unanswered phone ends the escalation.",
  },
  "oncall-coverage-gap": {
    level: "error",
    title: "Pages reach someone at every hour of the next four weeks",
    help: "Computed from each paged escalation's schedules (rotation, handoff, members, coverage hours, time zone) over the four weeks from `--now`; a level that notifies a person directly covers every hour.",
  },
  "critical-service-no-slo": {
    level: "error",
    title: "A critical service has an SLO",
    help: "Without an SLO there is no error budget, no burn-rate paging and no shared definition of 'up' for the service customers depend on most.",
  },
  "slo-no-page-alert": {
    level: "error",
    title: "Every SLO pages when its budget burns fast (where paging is on)",
    help: "An SLO with only ticket and info alerts lets a fast burn spend the budget before anyone looks. Only checked in environments with `paging: true`.",
  },
  "page-cannot-fire": {
    level: "error",
    title: "A burn-rate alert can fire",
    help: "A burn rate above `factor` means an error ratio above factor x error budget; when that is 1 or more the alert can never fire (14.4x on an objective below 93.06%).",
  },
  "window-shorter-than-scrapes": {
    level: "warning",
    title: "Short burn-rate windows span at least four scrape intervals",
    help: "A rate over fewer than four scrapes is noisy and can be empty after one missed scrape (Prometheus needs two samples in the window). Checked where Grafana evaluates the rules.",
  },
  "no-query-for-backend": {
    level: "error",
    title: "SLOs, alerts and heartbeats have a query for every metrics backend the environment enables",
    help: "Grafana evaluates `prometheus` queries and Datadog `datadog` ones; a missing query silently drops the item from that backend. An error when no enabled backend can evaluate the item at all, a warning when another backend still does.",
  },
  "page-without-for": {
    level: "warning",
    title: "Paging alerts wait (`for`) before they fire",
    help: "A spec alert with `for: 0s` pages on a single evaluation, so a blip wakes someone and the alert flaps. SLO burn-rate alerts are exempt: their short window is the debounce.",
  },
  "check-pages-on-first-failure": {
    level: "warning",
    title: "Paging checks wait for more than one failure",
    help: "One failed request from one probe location is usually the network, not the service; `alertAfter: 2` or more avoids paging on it.",
  },
  "critical-service-not-on-status-page": {
    level: "warning",
    title: "Critical services are on the status page",
    help: "When the spec has a status page, customers expect the services they depend on most to be on it.",
  },
  "route-without-target": {
    level: "error",
    title: "Every severity that alerts use routes somewhere",
    help: "Alerts of a severity whose route has no target are delivered to nobody. An error when some alert has that severity after the paging policy, info otherwise.",
  },
  "escalation-person-not-in-schedule": {
    level: "warning",
    title: "People an escalation notifies directly are in a rotation",
    help: "A person notified directly by an escalation can be woken at any hour without a schedule that shares the load or shows when they are on call.",
  },
};

/** The rule catalogue, sorted by id. */
export const AUDIT_RULES: readonly AuditRuleInfo[] = (Object.keys(RULES) as RuleId[]).sort().map((id) => ({ id, ...RULES[id] }));

/** One rule's entry. */
export function ruleInfo(id: RuleId): AuditRuleInfo {
  return { id, ...RULES[id] };
}
