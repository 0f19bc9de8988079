import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { pagingOf, readinessPolicies, stackOfUrn, type PagingConfig } from "../../policy/policies";
import { renderPlan } from "../../backends/render";
import { isRef } from "../../plan/plan";
import { exampleModel, exampleText } from "../support/example";
import { loadModels } from "../../specification";
import { customResourceType } from "../../backends/prometheus";
import { CUSTOM_RESOURCE_TYPE } from "../../plan/sdkTypes";

const options = { pagingByEnvironment: { staging: false, prod: true } };
const policies = readinessPolicies(options);
const policy = (name: string): ResourceValidationPolicy => {
  const p = policies.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name}`);
  return p;
};

/** The args the engine would pass, for a resource in a stack; no engine involved. */
function fakeArgs(type: string, props: Record<string, unknown>, stack = "prod", config: PagingConfig = {}): ResourceValidationArgs {
  return {
    type,
    props,
    urn: `urn:pulumi:${stack}::readiness::${type}::thing`,
    name: "thing",
    opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } } as unknown as ResourceValidationArgs["opts"],
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new Error(`not applicable: ${reason}`);
    },
  };
}

/** Violations a policy reports for one resource. */
async function violations(name: string, args: ResourceValidationArgs): Promise<string[]> {
  const report = jest.fn();
  const validate = policy(name).validateResource;
  for (const v of Array.isArray(validate) ? validate : validate ? [validate] : []) await v(args, report);
  return report.mock.calls.map((c) => String(c[0]));
}

const EP = "pagerduty:index/escalationPolicy:EscalationPolicy";
const SCHEDULE = "pagerduty:index/schedule:Schedule";
const SERVICE = "pagerduty:index/service:Service";
const RULE_GROUP = "grafana:alerting/ruleGroup:RuleGroup";
const PROM_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const AM_CONFIG = "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig";

const level = (...types: string[]) => ({ escalationDelayInMinutes: 15, targets: types.map((type) => ({ type, id: "x" })) });
const alertRule = (over: Record<string, unknown> = {}) => ({ name: "ApiErrorRate", for: "5m", labels: { severity: "page", service: "api", alert: "error-rate" }, annotations: { runbook_url: "https://runbooks.example.test/api.md" }, ...over });

interface Row {
  policy: string;
  case: string;
  args: ResourceValidationArgs;
  violates: boolean;
}

const rows: Row[] = [
  { policy: "pagerduty-escalation-two-levels", case: "an escalation policy with one rule", args: fakeArgs(EP, { name: "oncall", rules: [level("schedule_reference")] }), violates: true },
  { policy: "pagerduty-escalation-two-levels", case: "an escalation policy with two rules", args: fakeArgs(EP, { name: "oncall", rules: [level("schedule_reference"), level("schedule_reference")] }), violates: false },
  { policy: "pagerduty-escalation-last-level-not-alone", case: "a policy ending with one user and no loops", args: fakeArgs(EP, { rules: [level("schedule_reference"), level("user_reference")], numLoops: 0 }), violates: true },
  { policy: "pagerduty-escalation-last-level-not-alone", case: "the same policy looping twice", args: fakeArgs(EP, { rules: [level("schedule_reference"), level("user_reference")], numLoops: 2 }), violates: false },
  { policy: "pagerduty-schedule-two-people", case: "a layer with one user", args: fakeArgs(SCHEDULE, { name: "primary", layers: [{ name: "primary", users: ["u1"] }] }), violates: true },
  { policy: "pagerduty-schedule-two-people", case: "a layer with two users", args: fakeArgs(SCHEDULE, { name: "primary", layers: [{ name: "primary", users: ["u1", "u2"] }] }), violates: false },
  { policy: "pagerduty-no-high-urgency-without-paging", case: "severity-based urgency in staging (paging off in the spec)", args: fakeArgs(SERVICE, { name: "api", incidentUrgencyRule: { type: "constant", urgency: "severity_based" } }, "staging"), violates: true },
  { policy: "pagerduty-no-high-urgency-without-paging", case: "no urgency rule (PagerDuty's default is high) in staging", args: fakeArgs(SERVICE, { name: "api" }, "staging"), violates: true },
  { policy: "pagerduty-no-high-urgency-without-paging", case: "constant low urgency in staging", args: fakeArgs(SERVICE, { name: "api", incidentUrgencyRule: { type: "constant", urgency: "low" } }, "staging"), violates: false },
  { policy: "pagerduty-no-high-urgency-without-paging", case: "severity-based urgency in prod (paging on)", args: fakeArgs(SERVICE, { name: "api", incidentUrgencyRule: { type: "constant", urgency: "severity_based" } }, "prod"), violates: false },
  { policy: "pagerduty-no-high-urgency-without-paging", case: "high urgency in prod when policy config says paging is off", args: fakeArgs(SERVICE, { name: "api", incidentUrgencyRule: { type: "constant", urgency: "high" } }, "prod", { paging: false }), violates: true },
  { policy: "pagerduty-no-high-urgency-without-paging", case: "high urgency in a stack the spec does not know", args: fakeArgs(SERVICE, { name: "api", incidentUrgencyRule: { type: "constant", urgency: "high" } }, "dev"), violates: false },
  { policy: "grafana-no-page-without-paging", case: "a severity=page rule in staging", args: fakeArgs(RULE_GROUP, { name: "api-alerts", rules: [alertRule()] }, "staging"), violates: true },
  { policy: "grafana-no-page-without-paging", case: "a severity=page rule in prod", args: fakeArgs(RULE_GROUP, { name: "api-alerts", rules: [alertRule()] }, "prod"), violates: false },
  { policy: "prometheus-no-page-without-paging", case: "a PrometheusRule alert with severity=page in staging", args: fakeArgs(PROM_RULE, { spec: { groups: [{ name: "api-alerts", rules: [{ alert: "ApiDown", labels: { severity: "page" } }] }] } }, "staging"), violates: true },
  { policy: "prometheus-no-page-without-paging", case: "a PrometheusRule alert with severity=page in prod", args: fakeArgs(PROM_RULE, { spec: { groups: [{ name: "api-alerts", rules: [{ alert: "ApiDown", labels: { severity: "page" } }] }] } }, "prod"), violates: false },
  { policy: "prometheus-no-page-without-paging", case: "an AlertmanagerConfig PagerDuty receiver in staging", args: fakeArgs(AM_CONFIG, { spec: { receivers: [{ name: "page/api", pagerdutyConfigs: [{}] }] } }, "staging"), violates: true },
  { policy: "prometheus-no-page-without-paging", case: "an AlertmanagerConfig with only chat receivers in staging", args: fakeArgs(AM_CONFIG, { spec: { receivers: [{ name: "ticket", slackConfigs: [{}] }] } }, "staging"), violates: false },
  { policy: "grafana-paging-rule-runbook", case: "a paging rule without runbook_url", args: fakeArgs(RULE_GROUP, { name: "api-alerts", rules: [alertRule({ annotations: { summary: "x" } })] }), violates: true },
  { policy: "grafana-paging-rule-runbook", case: "a paging rule with runbook_url", args: fakeArgs(RULE_GROUP, { name: "api-alerts", rules: [alertRule()] }), violates: false },
  { policy: "grafana-paging-rule-runbook", case: "a recording rule, which has no annotations", args: fakeArgs(RULE_GROUP, { name: "api-slos", rules: [{ name: "slo:ratio", record: { metric: "slo:ratio", from: "A" }, labels: { severity: "page" } }] }), violates: false },
  { policy: "grafana-alert-rule-runbook", case: "a ticket rule without runbook_url", args: fakeArgs(RULE_GROUP, { name: "api-alerts", rules: [alertRule({ labels: { severity: "ticket" }, annotations: {} })] }), violates: true },
  { policy: "grafana-alert-rule-runbook", case: "a ticket rule with runbook_url", args: fakeArgs(RULE_GROUP, { name: "api-alerts", rules: [alertRule({ labels: { severity: "ticket" } })] }), violates: false },
  { policy: "grafana-paging-rule-for", case: "a paging rule with for 0s", args: fakeArgs(RULE_GROUP, { name: "api-alerts", rules: [alertRule({ for: "0s" })] }), violates: true },
  { policy: "grafana-paging-rule-for", case: "a paging rule with for 5m", args: fakeArgs(RULE_GROUP, { name: "api-alerts", rules: [alertRule()] }), violates: false },
  { policy: "grafana-paging-rule-for", case: "a paging check rule with no for (it counts failures in its expression)", args: fakeArgs(RULE_GROUP, { name: "api-alerts", rules: [alertRule({ for: undefined, labels: { severity: "page", check: "health" } })] }), violates: false },
  { policy: "grafana-paging-rule-for", case: "a ticket rule with no for", args: fakeArgs(RULE_GROUP, { name: "api-alerts", rules: [alertRule({ for: undefined, labels: { severity: "ticket" } })] }), violates: false },
];

test.each(rows)("$policy: $case -> violation $violates", async (row) => {
  const found = await violations(row.policy, row.args);
  expect(found.length > 0).toBe(row.violates);
  for (const msg of found) expect(msg.length).toBeGreaterThan(20);
});

test("every policy has a row that violates it and one that does not", () => {
  for (const p of policies) {
    expect(rows.filter((r) => r.policy === p.name && r.violates).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.policy === p.name && !r.violates).length).toBeGreaterThan(0);
  }
});

test("a policy ignores resources of other types", async () => {
  expect(await violations("pagerduty-escalation-two-levels", fakeArgs(SCHEDULE, { rules: [] }))).toEqual([]);
});

test("the stack comes from the URN and policy config overrides the spec's paging", () => {
  expect(stackOfUrn("urn:pulumi:staging::readiness::pagerduty:index/service:Service::api")).toBe("staging");
  expect(pagingOf(fakeArgs(SERVICE, {}, "staging"), options)).toBe(false);
  expect(pagingOf(fakeArgs(SERVICE, {}, "ci", { environment: "prod" }), options)).toBe(true);
  expect(pagingOf(fakeArgs(SERVICE, {}, "prod", { paging: false }), options)).toBe(false);
});

/** Plan inputs with refs as the engine would see them (unknown ids during preview). */
function unref(v: unknown): unknown {
  if (isRef(v)) return "unknown";
  if (Array.isArray(v)) return v.map(unref);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unref(x)]));
  return v;
}

describe.each(["staging", "prod"] as const)("the example's %s plan", (env) => {
  test("passes every mandatory policy", async () => {
    const plan = renderPlan(exampleModel(env), { grafanaDatasourceUid: "prometheus", cloudflareAccountId: "acc" });
    const mandatory = policies.filter((p) => p.enforcementLevel === "mandatory");
    const found: string[] = [];
    for (const r of plan.resources)
      for (const p of mandatory) for (const msg of await violations(p.name, fakeArgs(r.type, unref(r.inputs) as Record<string, unknown>, env))) found.push(`${p.name}: ${msg}`);
    expect(found).toEqual([]);
    // The check above only means something if the plan has what the policies look at.
    expect(plan.resources.some((r) => r.type === RULE_GROUP)).toBe(true);
    expect(plan.resources.some((r) => r.type === EP)).toBe(true);
  });

  test("draws no advisory violation either", async () => {
    const plan = renderPlan(exampleModel(env), { grafanaDatasourceUid: "prometheus", cloudflareAccountId: "acc" });
    const found: string[] = [];
    for (const r of plan.resources) for (const p of policies) for (const msg of await violations(p.name, fakeArgs(r.type, unref(r.inputs) as Record<string, unknown>, env))) found.push(`${p.name}: ${msg}`);
    expect(found).toEqual([]);
  });
});

describe("the example with the prometheus backend", () => {
  const withOperator = (env: "staging" | "prod") => {
    const text = exampleText().replace(/backends: \[([^\]]+)\]/g, "backends: [$1, prometheus]");
    const loaded = loadModels(text, "readiness.yaml");
    if (!loaded.ok) throw new Error("the example with prometheus does not load");
    return renderPlan(loaded.models[env], { grafanaDatasourceUid: "prometheus", cloudflareAccountId: "acc" });
  };

  test.each(["staging", "prod"] as const)("its %s operator resources pass every policy, as Pulumi registers them", async (env) => {
    const operator = withOperator(env).resources.filter((r) => r.type === CUSTOM_RESOURCE_TYPE);
    expect(operator.map((r) => r.inputs.kind)).toEqual(expect.arrayContaining(["PrometheusRule", "AlertmanagerConfig"]));
    const found: string[] = [];
    for (const r of operator) for (const p of policies) for (const msg of await violations(p.name, fakeArgs(customResourceType(r.inputs), unref(r.inputs) as Record<string, unknown>, env))) found.push(`${p.name}: ${msg}`);
    expect(found).toEqual([]);
  });

  test("the prod PrometheusRule, deployed where paging is off, is stopped", async () => {
    const rule = withOperator("prod").resources.find((r) => r.type === CUSTOM_RESOURCE_TYPE && r.inputs.kind === "PrometheusRule")!;
    const found = await violations("prometheus-no-page-without-paging", fakeArgs(customResourceType(rule.inputs), unref(rule.inputs) as Record<string, unknown>, "staging"));
    expect(found.length).toBeGreaterThan(0);
  });
});
