/**
 * Audit rules that need a running Prometheus (`readiness audit --prometheus URL`): what the
 * server holds compared with what the spec says. Listed with the offline rules in the catalogue;
 * live/liveAudit.ts reports them.
 */
import type { RuleText } from "./ruleText";

/** Every live rule id. */
export type LiveRuleId =
  | "live-series-missing"
  | "live-rule-group-not-loaded"
  | "live-rule-group-drift"
  | "live-rule-evaluation-failed"
  | "live-page-firing"
  | "live-alert-flapping"
  | "live-alert-noise"
  | "live-alert-never-fired"
  | "live-not-checked";

/** The live rules as tools and people see them. */
export const LIVE_RULES: Record<LiveRuleId, RuleText> = {
  "live-series-missing": {
    level: "error",
    title: "Every series a spec query reads exists in Prometheus",
    help: "A query over a metric that is not there (a typo, a renamed metric, a label value nobody exports) returns nothing, and nothing never fires. Checked with /api/v1/series over the last hour; the finding names the metric, or the label matcher that matches none of its series. An SLI's error-count query is a warning: no errors yet leaves no series.",
    fix: "Correct the metric or label in the query at the location given (or export the metric).",
  },
  "live-rule-group-not-loaded": {
    level: "error",
    title: "Every rule group the spec renders is loaded",
    help: "A group the spec renders that Prometheus has not loaded evaluates nothing: its alerts cannot fire.",
    fix: "Deploy the rules (`pulumi up`, or load `readiness export prometheus` output) and check the rule file is in `rule_files`.",
  },
  "live-rule-group-drift": {
    level: "warning",
    title: "Loaded readiness groups are what the spec renders now",
    help: "A loaded group whose rules differ from the spec's (expressions compared after Prometheus's re-printing, `for`, labels, annotations, interval) means what runs is not what was reviewed: a hand edit, or a change not yet deployed.",
    fix: "Deploy the spec (`pulumi up`) or bring the change into the spec.",
  },
  "live-rule-evaluation-failed": {
    level: "error",
    title: "Readiness rules evaluate without errors",
    help: "A rule whose last evaluation failed records or alerts on nothing; the finding quotes Prometheus's error.",
    fix: "Fix the query the error points at (many-to-many matches, duplicate series) in the spec.",
  },
  "live-page-firing": {
    level: "warning",
    title: "No paging alert is firing now",
    help: "A page firing while you audit is either an incident or noise; the finding gives how long it has fired.",
    fix: "Handle the incident, or make the alert quieter (a longer `for`, a higher threshold) if it is noise.",
  },
  "live-alert-flapping": {
    level: "warning",
    title: "Alerts do not flap",
    help: "Over `--since` (default 7d), an alert that fired again within 15 minutes of resolving at least twice is flapping: each re-fire is a new notification for one problem. Evaluated with its `for` and recordings inlined.",
    fix: "Add or lengthen `for`, or use a burn-rate SLO instead of a raw threshold.",
  },
  "live-alert-noise": {
    level: "info",
    title: "How often each alert fired over the range",
    help: "Firing episodes and total firing time of each alert over `--since`, evaluated with its `for` and recordings inlined, so a change in noise is visible.",
    fix: "Nothing to fix by itself; read it next to live-alert-flapping and the pages it sent.",
  },
  "live-alert-never-fired": {
    level: "info",
    title: "Alerts that never fired over the range",
    help: "An alert that never fired over `--since` may be fine (nothing went wrong) or unable to fire (a threshold no real value reaches).",
    fix: "Check with `readiness explain` that it can fire, or let it be.",
  },
  "live-not-checked": {
    level: "info",
    title: "What could not be checked live",
    help: "Grafana-managed rules live in Grafana, not in Prometheus's API; Datadog is not read at all. Said plainly rather than read as all fine.",
    fix: "Nothing to fix in the spec; check those in Grafana or Datadog.",
  },
};
