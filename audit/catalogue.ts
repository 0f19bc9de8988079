/**
 * The catalogue of audit rules: one stable id per rule, with what it checks and why it matters.
 * SARIF's `tool.driver.rules`, the markdown report and the README come from this table, so a rule
 * is documented where it is declared.
 */
import { LIVE_RULES, type LiveRuleId } from "./liveCatalogue";
import type { RuleText } from "./ruleText";

/** An audit rule as tools and people see it. */
export interface AuditRuleInfo extends RuleText {
  id: RuleId;
}

/** Every rule id the audit can report: the offline rules and those that read a live Prometheus. */
export type RuleId = SpecRuleId | LiveRuleId;

/** Rules over the spec alone (offline). */
export type SpecRuleId =
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
  | "escalation-person-not-in-schedule"
  | "page-detection-too-slow"
  | "watchdog-no-switch";

const SPEC_RULES: Record<SpecRuleId, Omit<AuditRuleInfo, "id">> = {
  "runbook-missing": {
    level: "error",
    title: "Paging alerts and critical services have a runbook",
    help: "Whoever is woken at 3am needs to know what to do. Fires for a critical service without `runbook`, and for a service whose paging alerts (after the paging policy) would link to no runbook.",
    fix: "Set `runbook:` on the service (and on paging alerts that need their own page).",
  },
  "schedule-single-member": {
    level: "warning",
    title: "A schedule rotates through at least two people",
    help: "A schedule with one member puts that person on call around the clock, every week, with nobody to hand over to.",
    fix: "Add a second person to the schedule's `members`.",
  },
  "escalation-single-level": {
    level: "warning",
    title: "An escalation has at least two levels",
    help: "With one level, a page nobody acknowledges goes nowhere else.",
    fix: "Add a second level (a secondary schedule or a manager rotation of two or more) with `escalateAfter` on the first.",
  },
  "escalation-last-level-single-person": {
    level: "warning",
    title: "The last level of an escalation is not one person with no repeat",
    help: "When the last level is a single person and the policy does not repeat, one unanswered phone ends the escalation.",
    fix: "Set `repeat: 1` or more, or notify a schedule of two or more people at the last level.",
  },
  "oncall-coverage-gap": {
    level: "error",
    title: "Pages reach someone at every hour of the next four weeks",
    help: "Computed from each paged escalation's schedules (rotation, handoff, members, coverage hours, time zone) over the four weeks from `--now`; a level that notifies a person directly covers every hour.",
    fix: "Cover the missing hours with another schedule at some level, widen `coverage`, or notify a person at a later level.",
  },
  "critical-service-no-slo": {
    level: "error",
    title: "A critical service has an SLO",
    help: "Without an SLO there is no error budget, no burn-rate paging and no shared definition of 'up' for the service customers depend on most.",
    fix: "Add an availability SLO (`slos:` with an objective and an SLI) to the service.",
  },
  "slo-no-page-alert": {
    level: "error",
    title: "Every SLO pages when its budget burns fast (where paging is on)",
    help: "An SLO with only ticket and info alerts lets a fast burn spend the budget before anyone looks. Only checked in environments with `paging: true`.",
    fix: "Keep the default burn-rate table, or add a `page` window to `alerting.windows`.",
  },
  "page-cannot-fire": {
    level: "error",
    title: "A burn-rate alert can fire",
    help: "A burn rate above `factor` means an error ratio above factor x error budget; when that is 1 or more the alert can never fire (14.4x on an objective below 93.06%).",
    fix: "Lower the factor below 1 / error budget, or raise the objective.",
  },
  "window-shorter-than-scrapes": {
    level: "warning",
    title: "Short burn-rate windows span at least four scrape intervals",
    help: "A rate over fewer than four scrapes is noisy and can be empty after one missed scrape (Prometheus needs two samples in the window). Checked where Grafana evaluates the rules.",
    fix: "Lengthen the short window to at least four scrape intervals, or scrape more often (`scrapeInterval`).",
  },
  "no-query-for-backend": {
    level: "error",
    title: "SLOs, alerts and heartbeats have a query for every metrics backend the environment enables",
    help: "Grafana evaluates `prometheus` queries and Datadog `datadog` ones; a missing query silently drops the item from that backend. An error when no enabled backend can evaluate the item at all, a warning when another backend still does.",
    fix: "Add the missing `prometheus:` or `datadog:` query, or disable that backend for the environment.",
  },
  "page-without-for": {
    level: "warning",
    title: "Paging alerts wait (`for`) before they fire",
    help: "A spec alert with `for: 0s` pages on a single evaluation, so a blip wakes someone and the alert flaps. SLO burn-rate alerts are exempt: their short window is the debounce.",
    fix: "Set `for:` on the alert to a few evaluation intervals (e.g. 5m).",
  },
  "check-pages-on-first-failure": {
    level: "warning",
    title: "Paging checks wait for more than one failure",
    help: "One failed request from one probe location is usually the network, not the service; `alertAfter: 2` or more avoids paging on it.",
    fix: "Set `alertAfter: 2` or more.",
  },
  "critical-service-not-on-status-page": {
    level: "warning",
    title: "Critical services are on the status page",
    help: "When the spec has a status page, customers expect the services they depend on most to be on it.",
    fix: "Add `statusPage: { component, group }` to the service.",
  },
  "route-without-target": {
    level: "error",
    title: "Every severity that alerts use routes somewhere",
    help: "Alerts of a severity whose route has no target are delivered to nobody. An error when some alert has that severity after the paging policy, info otherwise.",
    fix: "Give the severity's route an escalation, Slack channel or email.",
  },
  "escalation-person-not-in-schedule": {
    level: "warning",
    title: "People an escalation notifies directly are in a rotation",
    help: "A person notified directly by an escalation can be woken at any hour without a schedule that shares the load or shows when they are on call.",
    fix: "Put the person in a schedule with at least one other member and notify the schedule (a one-person schedule trips schedule-single-member).",
  },
  "page-detection-too-slow": {
    level: "warning",
    title: "A total outage pages within 15 minutes",
    help: "Per SLO the fastest page at 100% errors (a 95% SLO pages at 14.4x only after 43m of total outage), per check alertAfter x every, per spec alert its `for`. Only where paging is on.",
    fix: "Add a page window with a shorter long window (e.g. 14.4x over 15m/2m), or a check or threshold alert that pages sooner.",
  },
  "watchdog-no-switch": {
    level: "warning",
    title: "The alerting pipeline is watched from outside",
    help: "The always-firing watchdog proves rules are evaluated and notifications delivered only if something outside notices it stop; the status page Worker is that dead man's switch.",
    fix: "Add `statusPage:`, or route alerts labelled watchdog=\"true\" to your own dead man's switch.",
  },
};

const RULES: Record<RuleId, Omit<AuditRuleInfo, "id">> = { ...SPEC_RULES, ...LIVE_RULES };

/** True for a rule the offline audit checks (the others need `--prometheus`). */
export function isSpecRule(id: RuleId): id is SpecRuleId {
  return id in SPEC_RULES;
}

/** The rule catalogue, sorted by id. */
export const AUDIT_RULES: readonly AuditRuleInfo[] = (Object.keys(RULES) as RuleId[]).sort().map((id) => ({ id, ...RULES[id] }));

/** One rule's entry. */
export function ruleInfo(id: RuleId): AuditRuleInfo {
  return { id, ...RULES[id] };
}
