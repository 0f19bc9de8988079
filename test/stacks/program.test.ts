/**
 * Stack layout: the partition of a plan (pure), and each stack's Pulumi program in the mock
 * runtime registering exactly its part, its references to earlier stacks' resources resolved through
 * (mocked) StackReferences to those stacks' `sharedOutputs`.
 */
import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadModels } from "../../specification/loadModels";
import { fsIncludeReader } from "../../files/includeReader";
import { settingsFromConfig } from "../../plan/settings";
import { renderPlan } from "../../backends/render";
import { isRef, type PlanValue } from "../../plan/plan";
import { layoutStacks } from "../../stacks/layout";
import { outputKey, partitionPlan, shardOfServices } from "../../stacks/partition";
import { buildStackProgram, stackRoutedContactPoints } from "../../stacks/program";
import { stacksText } from "../../cli/stacks";
import { setStackMocks } from "../support/stackMocks";

const ROOT = path.join(__dirname, "..", "..");
const FILE = "fixtures/composed/valid/readiness.yaml";
const SHARED_STACK = "acme/readiness/prod-shared";

const { registered, stackReferences } = setStackMocks("prod-shard", () => loaded().parts);

let cache: ReturnType<typeof load> | undefined;
function load() {
  const text = readFileSync(path.join(ROOT, FILE), "utf8");
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const r = loadModels(text, FILE, fsIncludeReader);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const settings = settingsFromConfig((k: string) => ({ "grafana:url": "https://grafana.example.test/", "grafana:smUrl": "https://sm.example.test" })[k]);
    const model = r.models.prod;
    return { spec: r.spec, model, settings, plan: renderPlan(model, settings), parts: layoutStacks(r.spec, model, settings) };
  } finally {
    process.chdir(cwd);
  }
}
function loaded() {
  return (cache ??= load());
}

async function runProgram(shard: string) {
  registered.length = 0;
  stackReferences.length = 0;
  const { spec, model, settings } = loaded();
  const stack = buildStackProgram({ spec, model, settings, shard, sharedStack: SHARED_STACK, secret: (k) => pulumi.secret(`secret:${k}`) });
  await new Promise<void>((resolve) => stack.urn.apply(() => resolve()));
  await new Promise((r) => setTimeout(r, 300));
  return stack;
}

const keyOf = (r: { type: string; name: string }) => `${r.type}::${r.name}`;

describe("the partition of a plan", () => {
  it("puts every resource in exactly one stack, providers repeated where used", () => {
    const { plan, parts } = loaded();
    expect(parts.map((p) => [p.name, p.services])).toEqual([
      ["shared", []],
      ["shard-01", ["checkout", "gateway"]],
      ["shard-02", ["search"]],
      ["routing", []],
    ]);
    const nonProvider = (k: string) => !k.startsWith("pulumi:providers:");
    const all = parts.flatMap((p) => p.plan.resources.map(keyOf)).filter(nonProvider);
    expect(all.sort()).toEqual(plan.resources.map(keyOf).filter(nonProvider).sort());
    expect(new Set(all).size).toBe(all.length);
  });

  it("keeps on-call and direct contact points in shared, each service's PagerDuty service, integration and contact point in its shard, the policy in routing", () => {
    const { parts } = loaded();
    const [shared, one, two, routing] = parts.map((p) => p.plan.resources.map(keyOf));
    expect(shared).toEqual(expect.arrayContaining(["grafana:alerting/contactPoint:ContactPoint::email-sre@shop.test", "grafana:oss/folder:Folder::shop", "pagerduty:index/schedule:Schedule::payments", "pagerduty:index/escalationPolicy:EscalationPolicy::payments-oncall"]));
    expect(shared.filter((k) => /checkout|gateway|search/.test(k))).toEqual([]);
    expect(one).toEqual(expect.arrayContaining(["grafana:alerting/ruleGroup:RuleGroup::checkout/checkout-slos", "grafana:oss/dashboard:Dashboard::gateway/dashboard", "pagerduty:index/service:Service::checkout", "pagerduty:index/serviceIntegration:ServiceIntegration::checkout/grafana", "grafana:alerting/contactPoint:ContactPoint::pagerduty-checkout"]));
    expect(two).toEqual(expect.arrayContaining(["grafana:alerting/contactPoint:ContactPoint::pagerduty-search"]));
    expect(routing).toEqual(["pulumi:providers:grafana::grafana", "grafana:alerting/notificationPolicy:NotificationPolicy::shop"]);
    expect(two).toEqual(expect.arrayContaining(["grafana:syntheticMonitoring/check:Check::search/health"]));
    expect(one.some((k) => k.includes("search/"))).toBe(false);
  });

  it("reads only from earlier stacks: shared from none, a shard from shared, routing from any; and lists the reads", () => {
    const { parts } = loaded();
    expect(parts[0].reads).toEqual([]);
    const stackOf = new Map(parts.flatMap((p) => p.plan.resources.filter((r) => !r.type.startsWith("pulumi:providers:")).map((r) => [keyOf(r), p.name])));
    const refs = (v: PlanValue): string[] => (isRef(v) ? [`${v.type}::${v.resource}`] : v && typeof v === "object" ? Object.values(v).flatMap(refs) : []);
    for (const p of parts)
      for (const r of p.plan.resources) {
        const others = refs(r.inputs).map((k) => stackOf.get(k)).filter((s) => s !== undefined && s !== p.name);
        expect(others.every((s) => (p.name === "routing" ? true : p.name === "shared" ? false : s === "shared"))).toBe(true);
      }
    expect(parts[1].reads.map((r) => `${r.from} ${outputKey(r)}`)).toContain("shared grafana:oss/folder:Folder::shop#uid");
    expect(parts[3].reads.map((r) => `${r.from} ${outputKey(r)}`)).toEqual([
      "shared grafana:alerting/contactPoint:ContactPoint::email-sre@shop.test#name",
      "shard-01 grafana:alerting/contactPoint:ContactPoint::pagerduty-checkout#name",
      "shard-01 grafana:alerting/contactPoint:ContactPoint::pagerduty-gateway#name",
      "shard-02 grafana:alerting/contactPoint:ContactPoint::pagerduty-search#name",
    ]);
    expect(stacksText("shop", "prod", parts)).toContain('shop-prod-shard-02  8 resources, 1 lookup, services: "search"\n  reads from shared: grafana:oss/folder:Folder "shop" .uid');
    expect(stacksText("shop", "prod", parts)).toContain('  reads from shard-02: grafana:alerting/contactPoint:ContactPoint "pagerduty-search" .name');
  });

  it("refuses a layout where a shard would read from another shard", () => {
    const { plan } = loaded();
    const rules = plan.resources.find((r) => r.name === "checkout/checkout-slos")!;
    const crossed = { ...plan, resources: plan.resources.map((r) => (r === rules ? { ...r, inputs: { ...r.inputs, folderUid: { $ref: "x", type: "grafana:syntheticMonitoring/check:Check", resource: "search/health", output: "id" } } } : r)) };
    expect(() => partitionPlan(crossed, shardOfServices(["checkout", "gateway", "search"], { maxServices: 2 }))).toThrow(/checkout\/checkout-slos in shard-01 references grafana:syntheticMonitoring\/check:Check::search\/health in shard-02, which is not deployed before it/);
  });

  it("splits 1,000 services into shards of at most maxServices, numbered so they sort", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `svc-${String(i).padStart(4, "0")}`);
    const shards = shardOfServices(ids, { maxServices: 75 });
    expect(new Set(shards.values()).size).toBe(14);
    expect(shards.get("svc-0000")).toBe("shard-01");
    expect(shards.get("svc-0999")).toBe("shard-14");
    const { plan } = loaded();
    expect(partitionPlan(plan, new Map()).map((p) => p.name)).toEqual(["shared"]);
  });
});

describe("each stack's program in the mock runtime", () => {
  it.each(["shared", "shard-01", "shard-02", "routing"])("%s registers exactly its part of the plan", async (shard) => {
    const stack = await runProgram(shard);
    const part = loaded().parts.find((p) => p.name === shard)!;
    const got = registered.filter((r) => !r.type.startsWith("readiness:")).map(keyOf).sort();
    expect(got).toEqual(part.plan.resources.map(keyOf).sort());
    expect(stack.plan).toEqual(part.plan);
  });

  it.each(["shared", "shard-01", "shard-02"])("%s exports every output a later stack reads from it", async (name) => {
    const stack = await runProgram(name);
    const exported = await new Promise<Record<string, unknown>>((resolve) => stack.sharedOutputs.apply(resolve));
    expect(Object.keys(exported).sort()).toEqual([...new Set(loaded().parts.flatMap((p) => p.reads).filter((r) => r.from === name).map(outputKey))].sort());
    expect(Object.keys(exported).length).toBeGreaterThan(0);
    if (name === "shared") expect(exported["grafana:oss/folder:Folder::shop#uid"]).toBe("shop-prod");
    if (name === "shard-02") expect(exported["grafana:alerting/contactPoint:ContactPoint::pagerduty-search#name"]).toBeDefined();
  });

  it("routing reads each contact point through a StackReference to the stack that holds it", async () => {
    await runProgram("routing");
    expect([...stackReferences].sort()).toEqual(["acme/readiness/prod-shard-01", "acme/readiness/prod-shard-02", SHARED_STACK]);
    const policy = registered.find((r) => r.type === "grafana:alerting/notificationPolicy:NotificationPolicy");
    const text = JSON.stringify(policy?.inputs);
    expect(text).toContain("from-shard-02:grafana:alerting/contactPoint:ContactPoint::pagerduty-search#name");
    expect(text).toContain("from-shared:grafana:alerting/contactPoint:ContactPoint::email-sre@shop.test#name");
  });

  it("a shard resolves its references to shared resources through a StackReference to the shared stack", async () => {
    await runProgram("shard-01");
    expect(stackReferences).toEqual([SHARED_STACK]);
    const rules = registered.find((r) => r.name === "checkout/checkout-slos");
    expect(rules?.inputs.folderUid).toBe("from-shared:grafana:oss/folder:Folder::shop#uid");
  });

  it("the routing pre-pass (readiness:routeOnly) registers the policy without the going route and reads no stack", async () => {
    registered.length = 0;
    stackReferences.length = 0;
    const { spec, model, settings } = loaded();
    // Grafana names: scoped to the system and environment (unique per org).
    const routeOnly = ["shop-prod-email-sre@shop.test", "shop-prod-pagerduty-checkout", "shop-prod-pagerduty-gateway"];
    const stack = buildStackProgram({ spec, model, settings, shard: "routing", sharedStack: SHARED_STACK, routeOnly, secret: (k) => pulumi.secret(`secret:${k}`) });
    await new Promise<void>((resolve) => stack.urn.apply(() => resolve()));
    await new Promise((r) => setTimeout(r, 300));
    expect(stackReferences).toEqual([]);
    const policy = registered.find((r) => r.type === "grafana:alerting/notificationPolicy:NotificationPolicy");
    expect(JSON.stringify(policy?.inputs)).toContain('"contactPoint":"shop-prod-pagerduty-gateway"');
    expect(JSON.stringify(policy?.inputs)).not.toContain("search");
    expect(stackRoutedContactPoints({ spec, model, settings, shard: "routing", sharedStack: SHARED_STACK })).toEqual([...routeOnly, "shop-prod-pagerduty-search"].sort());
  });

  it("a shard name the layout does not have fails naming the stacks it has", () => {
    const { spec, model, settings } = loaded();
    expect(() => buildStackProgram({ spec, model, settings, shard: "shard-09", sharedStack: SHARED_STACK })).toThrow(/not a stack of prod; its stacks: shared, shard-01, shard-02, routing/);
  });
});
