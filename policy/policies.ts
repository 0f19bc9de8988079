/**
 * The readiness policies, for `pulumi preview --policy-pack policy`: what the audit checks on the
 * spec, checked again on the resources Pulumi is about to create, with the same predicates, so a
 * hand-written Pulumi program using these providers gets the same review. Importing this module
 * constructs no PolicyPack (index.ts does), so tests call each policy's validateResource directly.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { endsWithLonePerson, hasTooFewLevels, isSingleMemberRotation, lacksRunbook, pagesWithoutFor, urgencyCanWake } from "../audit/predicates";
import { parseDuration } from "../specification/duration";
import { PD_ESCALATION_POLICY, PD_SCHEDULE, PD_SERVICE } from "../backends/pagerduty/tokens";
import { RULE_GROUP_TYPE } from "../backends/grafana/ruleGroups";

/** How prometheus-operator objects register (`kubernetes:<apiVersion>:<kind>`). */
const OPERATOR_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const OPERATOR_ALERTMANAGER = "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig";

/** What the pack knows about the stacks it checks. */
export interface PolicyOptions {
  /** Paging per environment (stack name), from the spec; policy config `paging` overrides it. */
  pagingByEnvironment?: Record<string, boolean>;
}

/** Policy config of the policies that depend on the environment's paging. */
export interface PagingConfig {
  /** Whether this stack may page a human; default: the spec's `paging` for the stack's environment. */
  paging?: boolean;
  /** The environment the stack deploys; default: the stack name. */
  environment?: string;
}

const PAGING_CONFIG_SCHEMA = {
  properties: {
    paging: { type: "boolean" as const, description: "Whether this stack may page a human; default from readiness.yaml for the stack's environment." },
    environment: { type: "string" as const, description: "Environment name in readiness.yaml; default the stack name." },
  },
};

/** The stack name inside a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOfUrn(urn: string): string | undefined {
  const m = /^urn:pulumi:([^:]+)::/.exec(urn);
  return m ? m[1] : undefined;
}

/** Whether the stack being checked may page: config first, then the spec's environment; undefined when unknown. */
export function pagingOf(args: Pick<ResourceValidationArgs, "urn" | "getConfig">, options: PolicyOptions): boolean | undefined {
  const config = args.getConfig<PagingConfig>() ?? {};
  if (typeof config.paging === "boolean") return config.paging;
  const env = config.environment ?? stackOfUrn(args.urn);
  return env === undefined ? undefined : options.pagingByEnvironment?.[env];
}

type Props = Record<string, unknown>;

interface GrafanaRule {
  name?: string;
  record?: unknown;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Alerting rules of a Grafana rule group (recording rules have `record`). */
function alertRules(props: Props): GrafanaRule[] {
  const rules = Array.isArray(props.rules) ? (props.rules as GrafanaRule[]) : [];
  return rules.filter((r) => r && typeof r === "object" && (r.record === undefined || r.record === null));
}

function ofType(type: string, check: (props: Props, args: ResourceValidationArgs, report: ReportViolation) => void) {
  return (args: ResourceValidationArgs, report: ReportViolation): void => {
    if (args.type === type) check(args.props as Props, args, report);
  };
}

/** A rule as violations name it; burn-rate rules share a name and differ by SLO and window. */
function ruleLabel(r: GrafanaRule): string {
  const slo = r.labels?.slo ? ` (slo ${r.labels.slo}, window ${r.labels.window ?? "?"})` : "";
  return `${r.name ?? "(unnamed)"}${slo}`;
}

/** The readiness policies; `options` carries what only the spec knows (paging per environment). */
export function readinessPolicies(options: PolicyOptions = {}): ResourceValidationPolicy[] {
  return [
    {
      name: "pagerduty-escalation-two-levels",
      description: "PagerDuty escalation policies have at least two levels, so an unacknowledged page goes somewhere else (audit: escalation-single-level).",
      enforcementLevel: "mandatory",
      validateResource: ofType(PD_ESCALATION_POLICY, (props, _args, report) => {
        const rules = Array.isArray(props.rules) ? props.rules : [];
        if (hasTooFewLevels(rules.length)) report(`escalation policy ${String(props.name ?? "")} has ${rules.length} level(s); add a second level (a secondary schedule or a manager).`);
      }),
    },
    {
      name: "pagerduty-escalation-last-level-not-alone",
      description: "The last level of an escalation policy is not a single user without repeats (audit: escalation-last-level-single-person).",
      enforcementLevel: "advisory",
      validateResource: ofType(PD_ESCALATION_POLICY, (props, _args, report) => {
        const rules = Array.isArray(props.rules) ? (props.rules as { targets?: { type?: string }[] }[]) : [];
        const last = rules[rules.length - 1]?.targets ?? [];
        const kinds = last.map((t) => ({ kind: t.type === "user_reference" ? ("person" as const) : ("schedule" as const) }));
        const loops = typeof props.numLoops === "number" ? props.numLoops : 0;
        if (rules.length && endsWithLonePerson(kinds, loops)) report(`escalation policy ${String(props.name ?? "")} ends with one user and numLoops ${loops}: if they miss it the page is dropped; set numLoops or add a schedule.`);
      }),
    },
    {
      name: "pagerduty-schedule-two-people",
      description: "Every layer of a PagerDuty schedule rotates through at least two users (audit: schedule-single-member).",
      enforcementLevel: "advisory",
      validateResource: ofType(PD_SCHEDULE, (props, _args, report) => {
        const layers = Array.isArray(props.layers) ? (props.layers as { name?: string; users?: unknown[] }[]) : [];
        for (const layer of layers) {
          const n = Array.isArray(layer.users) ? layer.users.length : 0;
          if (isSingleMemberRotation(n)) report(`schedule ${String(props.name ?? "")} layer ${layer.name ?? ""} has ${n} user(s): nobody to hand over to.`);
        }
      }),
    },
    {
      name: "pagerduty-no-high-urgency-without-paging",
      description: "Where the environment has paging off, PagerDuty services use constant low urgency, so nobody is woken.",
      enforcementLevel: "mandatory",
      configSchema: PAGING_CONFIG_SCHEMA,
      validateResource: ofType(PD_SERVICE, (props, args, report) => {
        if (pagingOf(args, options) !== false) return;
        const rule = (props.incidentUrgencyRule ?? {}) as { urgency?: string; duringSupportHours?: { urgency?: string }; outsideSupportHours?: { urgency?: string } };
        // No rule at all means PagerDuty's default, high urgency.
        const urgencies = props.incidentUrgencyRule === undefined ? ["high"] : [rule.urgency, rule.duringSupportHours?.urgency, rule.outsideSupportHours?.urgency];
        const waking = urgencies.filter((u) => urgencyCanWake(u));
        if (waking.length) report(`service ${String(props.name ?? "")} has urgency ${waking.join("/")} in an environment with paging off; use incidentUrgencyRule { type: "constant", urgency: "low" }.`);
      }),
    },
    {
      name: "grafana-no-page-without-paging",
      description: "Where the environment has paging off, no Grafana alert rule carries severity=page (the paging policy turns pages into tickets).",
      enforcementLevel: "mandatory",
      configSchema: PAGING_CONFIG_SCHEMA,
      validateResource: ofType(RULE_GROUP_TYPE, (props, args, report) => {
        if (pagingOf(args, options) !== false) return;
        for (const r of alertRules(props)) if (r.labels?.severity === "page") report(`rule ${ruleLabel(r)} in group ${String(props.name ?? "")} has severity=page in an environment with paging off.`);
      }),
    },
    {
      name: "prometheus-no-page-without-paging",
      description: "Where the environment has paging off, no PrometheusRule alert carries severity=page and no AlertmanagerConfig receiver reaches PagerDuty.",
      enforcementLevel: "mandatory",
      configSchema: PAGING_CONFIG_SCHEMA,
      validateResource: (args, report) => {
        if ((args.type !== OPERATOR_RULE && args.type !== OPERATOR_ALERTMANAGER) || pagingOf(args, options) !== false) return;
        const spec = ((args.props as Props).spec ?? {}) as { groups?: { name?: string; rules?: { alert?: string; labels?: Record<string, string> }[] }[]; receivers?: { name?: string; pagerdutyConfigs?: unknown[] }[] };
        for (const g of spec.groups ?? []) for (const r of g.rules ?? []) if (r.alert && r.labels?.severity === "page") report(`rule ${r.alert} in group ${g.name ?? ""} has severity=page in an environment with paging off.`);
        for (const r of spec.receivers ?? []) if (r.pagerdutyConfigs?.length) report(`receiver ${r.name ?? ""} sends to PagerDuty in an environment with paging off.`);
      },
    },
    {
      name: "grafana-paging-rule-runbook",
      description: "Grafana alert rules with severity=page have a runbook_url annotation (audit: runbook-missing).",
      enforcementLevel: "mandatory",
      validateResource: ofType(RULE_GROUP_TYPE, (props, _args, report) => {
        for (const r of alertRules(props))
          if (r.labels?.severity === "page" && lacksRunbook(r.annotations?.runbook_url)) report(`paging rule ${ruleLabel(r)} in group ${String(props.name ?? "")} has no runbook_url annotation.`);
      }),
    },
    {
      name: "grafana-alert-rule-runbook",
      description: "Every Grafana alert rule has a runbook_url annotation, so whoever handles it knows what to do.",
      enforcementLevel: "advisory",
      validateResource: ofType(RULE_GROUP_TYPE, (props, _args, report) => {
        for (const r of alertRules(props))
          // The watchdog goes only to the dead man's switch, never to a person who would read a runbook.
          if (r.labels?.severity !== "page" && r.labels?.watchdog !== "true" && lacksRunbook(r.annotations?.runbook_url)) report(`rule ${ruleLabel(r)} in group ${String(props.name ?? "")} has no runbook_url annotation.`);
      }),
    },
    {
      name: "grafana-paging-rule-for",
      description: "Grafana spec alert rules with severity=page wait (`for`) before firing, so a blip does not wake anyone (audit: page-without-for). Check and heartbeat rules count failures and age in their expression, and SLO burn-rate rules average over a short window, instead.",
      enforcementLevel: "advisory",
      validateResource: ofType(RULE_GROUP_TYPE, (props, _args, report) => {
        for (const r of alertRules(props)) {
          // Check rules count consecutive failures and heartbeat rules measure age in the expression itself.
          // SLO burn-rate rules need both a long and a short window over the factor: the short window is their debounce.
          if (r.labels?.severity !== "page" || !r.labels.alert) continue;
          const seconds = r.for === undefined ? 0 : parseDuration(r.for)?.seconds ?? 0;
          if (pagesWithoutFor("page", seconds)) report(`paging rule ${ruleLabel(r)} in group ${String(props.name ?? "")} has no \`for\` and fires on one evaluation.`);
        }
      }),
    },
  ];
}
