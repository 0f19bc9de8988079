/**
 * A Datadog monitor names what it notifies by text (`@pagerduty-<name>`, `@webhook-<name>` in its
 * message): each such handle must be a `dependsOn` on the resource defining it, in the plan JSON,
 * for every example and fixture. The handles are read from the rendered message here, and the
 * definer found by its own name input, so the test does not trust the code under test to say
 * which handles there are.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadModels } from "../../specification/loadModels";
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import { planJson } from "../../plan/format/json";
import { partitionPlan, SHARED } from "../../stacks/partition";
import { UserError } from "../../files/userError";
import { datadogHandles } from "../../backends/datadog/handleDependencies";
import { routingSpecText } from "../support/routingSpec";
import type { Plan } from "../../plan/plan";

const ROOT = path.join(__dirname, "..", "..");
const SPECS = [
  "readiness.yaml",
  ...readdirSync(path.join(ROOT, "examples")).flatMap((d) => (readdirSync(path.join(ROOT, "examples", d)).includes("readiness.yaml") ? [path.join("examples", d, "readiness.yaml")] : [])),
  ...readdirSync(path.join(ROOT, "fixtures", "valid")).map((f) => path.join("fixtures", "valid", f)),
];
const SETTINGS = settingsFromConfig((k) => ({ "readiness:cloudflareAccountId": "acct", "readiness:cloudflareZoneId": "zone" })[k]);

interface JsonResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  dependsOn?: { type: string; name: string; because: string }[];
}

function plans(file: string, text = readFileSync(path.join(ROOT, file), "utf8")): { env: string; plan: Plan }[] {
  const r = loadModels(text, file);
  if (!r.ok) throw new Error(`${file} does not load`);
  return r.environments.map((env) => ({ env, plan: renderPlan(r.models[env], SETTINGS) }));
}

/** The resource whose name input defines a handle, found by the provider's naming rule. */
function definer(resources: JsonResource[], handle: string): JsonResource | undefined {
  if (handle.startsWith("pagerduty-")) return resources.find((r) => r.type === "datadog:pagerduty/serviceObject:ServiceObject" && r.inputs.serviceName === handle.slice("pagerduty-".length));
  if (handle.startsWith("webhook-")) return resources.find((r) => r.type === "datadog:index/webhook:Webhook" && r.inputs.name === handle.slice("webhook-".length));
  return undefined;
}

describe("Datadog handles are dependencies", () => {
  let checked = 0;
  afterAll(() => {
    // The example's prod alone has 11 monitors and tests naming a PagerDuty service object or webhook.
    expect(checked).toBeGreaterThanOrEqual(11);
  });

  it.each(SPECS)("every message of %s that names a readiness resource depends on it in the plan JSON", (file) => {
    for (const { env, plan } of plans(file)) {
      const resources = (JSON.parse(planJson(plan)) as { resources: JsonResource[] }).resources;
      for (const r of resources) {
        if (typeof r.inputs.message !== "string") continue;
        for (const handle of datadogHandles(r.inputs.message)) {
          if (handle.startsWith("slack-") || /^[^@]+@[^@]+$/.test(handle)) continue;
          const target = definer(resources, handle);
          expect({ env, resource: r.name, handle, defined: target !== undefined }).toEqual({ env, resource: r.name, handle, defined: true });
          expect(r.dependsOn).toContainEqual({ type: target!.type, name: target!.name, because: `@${handle}` });
          checked++;
        }
      }
    }
  });

  it("adds no dependency for Slack channels and email addresses, which Datadog's integrations hold", () => {
    const prod = plans("fixtures/valid/routing-overrides.yaml").find((p) => p.env === "prod")!.plan;
    const emailed = prod.resources.find((r) => typeof r.inputs.message === "string" && r.inputs.message.includes("@finance@acme.test"))!;
    expect(emailed.dependsOn ?? []).toEqual([]);
    const slacked = prod.resources.filter((r) => typeof r.inputs.message === "string" && /(^|\s)@slack-/.test(r.inputs.message));
    expect(slacked.length).toBeGreaterThan(0);
    for (const r of slacked) for (const d of r.dependsOn ?? []) expect(d.because).not.toMatch(/^@slack-/);
  });

  it("the webhook a route names is depended on by the monitor that notifies it", () => {
    const prod = plans("fixtures/valid/routing-overrides.yaml").find((p) => p.env === "prod")!.plan;
    const monitor = prod.resources.find((r) => r.type === "datadog:index/monitor:Monitor" && r.name === "billing/fraud-spike")!;
    const hook = prod.resources.find((r) => r.type === "datadog:index/webhook:Webhook")!;
    expect(monitor.dependsOn).toContainEqual({ type: hook.type, name: hook.name, because: `@webhook-${String(hook.inputs.name)}` });
  });

  it("an `@` that starts a word in alert text is a handle Datadog would notify: the plan stops, naming it", () => {
    const text = routingSpecText().replace("summary: Queue deep", "summary: Queue deep, ask @opsgenie-billing");
    expect(() => plans("spec.yaml", text)).toThrow(UserError);
    expect(() => plans("spec.yaml", text)).toThrow(/billing\/queue-depth: its message notifies @opsgenie-billing, which no resource readiness creates defines/);
    // Inside a word it is no handle: an address in a summary changes nothing.
    expect(() => plans("spec.yaml", routingSpecText().replace("summary: Queue deep", "summary: Queue deep, mail ops@acme.test"))).not.toThrow();
  });

  it("without the PagerDuty backend an escalation renders no @pagerduty- handle, which no service object would define (as Grafana's policy leaves it out)", () => {
    const text = routingSpecText().replace(/backends: \[grafana, datadog, pagerduty\]/g, "backends: [grafana, datadog]");
    for (const { plan } of plans("spec.yaml", text)) {
      expect(plan.resources.filter((r) => r.type === "datadog:pagerduty/serviceObject:ServiceObject")).toEqual([]);
      const messages = plan.resources.flatMap((r) => (typeof r.inputs.message === "string" ? [r.inputs.message] : []));
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.filter((m) => datadogHandles(m).some((h) => h.startsWith("pagerduty-")))).toEqual([]);
    }
  });

  it("a split layout keeps a dependency inside the service's shard and drops the one on a resource of the shared stack", () => {
    const prod = plans("fixtures/valid/routing-overrides.yaml").find((p) => p.env === "prod")!.plan;
    const parts = partitionPlan(prod, new Map([["billing", "shard-01"], ["search", "shard-02"]]));
    const fraud = parts.flatMap((p) => p.plan.resources.map((r) => ({ stack: p.name, r }))).find((x) => x.r.name === "billing/fraud-spike" && x.r.type === "datadog:index/monitor:Monitor")!;
    expect(fraud.stack).toBe("shard-01");
    const whole = prod.resources.find((r) => r.name === "billing/fraud-spike" && r.type === "datadog:index/monitor:Monitor")!;
    const stackOf = (d: { type: string; name: string }) => parts.find((p) => p.plan.resources.some((r) => r.type === d.type && r.name === d.name && !r.type.startsWith("pulumi:providers:")))!.name;
    expect(whole.dependsOn!.map(stackOf).sort()).toEqual(["shard-01", SHARED]);
    expect(fraud.r.dependsOn!.map((d) => d.type)).toEqual(["datadog:pagerduty/serviceObject:ServiceObject"]);
  });
});
