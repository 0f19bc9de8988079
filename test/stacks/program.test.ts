/**
 * Stack layout: the partition of a plan (pure), and each stack's Pulumi program in the mock
 * runtime registering exactly its part, a shard's references to shared resources resolved through a
 * (mocked) StackReference to the shared stack's `sharedOutputs`.
 */
import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadModels } from "../../specification";
import { fsIncludeReader } from "../../cli/includeReader";
import { settingsFromConfig } from "../../backends/settings";
import { renderPlan } from "../../backends/render";
import { isRef, type PlanValue } from "../../backends/plan";
import { layoutStacks } from "../../stacks/layout";
import { outputKey, partitionPlan, shardOfServices } from "../../stacks/partition";
import { buildStackProgram } from "../../stacks/program";
import { stacksText } from "../../cli/stacks";

const ROOT = path.join(__dirname, "..", "..");
const FILE = "fixtures/composed/valid/readiness.yaml";
const SHARED_STACK = "acme/readiness/prod-shared";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
const registered: Registered[] = [];
const stackReferences: string[] = [];

pulumi.runtime.setMocks(
  {
    newResource(args) {
      if (args.type === "pulumi:pulumi:StackReference") {
        stackReferences.push(String(args.inputs.name));
        // The shared stack's export, as `pulumi stack output sharedOutputs` would give it.
        const sharedOutputs = Object.fromEntries(loaded().parts.flatMap((p) => p.reads).map((r) => [outputKey(r), `from-shared:${outputKey(r)}`]));
        return { id: String(args.inputs.name), state: { name: args.inputs.name, outputs: { sharedOutputs }, secretOutputNames: [] } };
      }
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      const state: Record<string, unknown> = { ...args.inputs };
      for (const out of ["id", "integrationKey", "uid", "url", "name"]) if (state[out] === undefined) state[out] = `${args.type}::${args.name}#${out}`;
      return { id: `${args.type}::${args.name}#id`, state };
    },
    call(args) {
      if (args.token === "pagerduty:index/getUser:getUser") return { id: `user-${String(args.inputs.email)}`, email: args.inputs.email, name: "x" };
      if (args.token === "grafana:syntheticMonitoring/getProbes:getProbes") return { probes: { Paris: 3 } };
      return args.inputs;
    },
  },
  "readiness",
  "prod-shard",
  false,
);

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
    ]);
    const nonProvider = (k: string) => !k.startsWith("pulumi:providers:");
    const all = parts.flatMap((p) => p.plan.resources.map(keyOf)).filter(nonProvider);
    expect(all.sort()).toEqual(plan.resources.map(keyOf).filter(nonProvider).sort());
    expect(new Set(all).size).toBe(all.length);
  });

  it("keeps routing, contact points and on-call in shared, and each service's rules and dashboards in its shard", () => {
    const { parts } = loaded();
    const [shared, one, two] = parts.map((p) => p.plan.resources.map(keyOf));
    expect(shared).toEqual(expect.arrayContaining(["grafana:alerting/notificationPolicy:NotificationPolicy::shop", "grafana:alerting/contactPoint:ContactPoint::pagerduty-checkout", "pagerduty:index/schedule:Schedule::payments", "pagerduty:index/escalationPolicy:EscalationPolicy::payments-oncall"]));
    expect(one).toEqual(expect.arrayContaining(["grafana:alerting/ruleGroup:RuleGroup::checkout/checkout-slos", "grafana:oss/dashboard:Dashboard::gateway/dashboard"]));
    expect(two).toEqual(expect.arrayContaining(["grafana:syntheticMonitoring/check:Check::search/health"]));
    expect(one.some((k) => k.includes("search/"))).toBe(false);
  });

  it("never makes the shared stack read from a shard, and lists what each shard reads from shared", () => {
    const { parts } = loaded();
    expect(parts[0].reads).toEqual([]);
    const shardKeys = new Set(parts.slice(1).flatMap((p) => p.plan.resources.map(keyOf)));
    const refs = (v: PlanValue): string[] => (isRef(v) ? [`${v.type}::${v.resource}`] : v && typeof v === "object" ? Object.values(v).flatMap(refs) : []);
    for (const r of parts[0].plan.resources) expect(refs(r.inputs).filter((k) => shardKeys.has(k))).toEqual([]);
    expect(parts[1].reads.map(outputKey)).toContain("grafana:oss/folder:Folder::shop#uid");
    expect(stacksText("prod", parts)).toContain('prod-shard-02  4 resources, 1 lookup, services: "search"\n  reads from shared: grafana:oss/folder:Folder "shop" .uid');
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
  it.each(["shared", "shard-01", "shard-02"])("%s registers exactly its part of the plan", async (shard) => {
    const stack = await runProgram(shard);
    const part = loaded().parts.find((p) => p.name === shard)!;
    const got = registered.filter((r) => !r.type.startsWith("readiness:")).map(keyOf).sort();
    expect(got).toEqual(part.plan.resources.map(keyOf).sort());
    expect(stack.plan).toEqual(part.plan);
  });

  it("the shared stack exports every output a shard reads", async () => {
    const stack = await runProgram("shared");
    const exported = await new Promise<Record<string, unknown>>((resolve) => stack.sharedOutputs.apply(resolve));
    expect(Object.keys(exported).sort()).toEqual([...new Set(loaded().parts.flatMap((p) => p.reads).map(outputKey))].sort());
    expect(exported["grafana:oss/folder:Folder::shop#uid"]).toBe("shop-prod");
  });

  it("a shard resolves its references to shared resources through a StackReference to the shared stack", async () => {
    await runProgram("shard-01");
    expect(stackReferences).toEqual([SHARED_STACK]);
    const rules = registered.find((r) => r.name === "checkout/checkout-slos");
    expect(rules?.inputs.folderUid).toBe("from-shared:grafana:oss/folder:Folder::shop#uid");
  });

  it("a shard name the layout does not have fails naming the stacks it has", () => {
    const { spec, model, settings } = loaded();
    expect(() => buildStackProgram({ spec, model, settings, shard: "shard-09", sharedStack: SHARED_STACK })).toThrow(/not a stack of prod; its stacks: shared, shard-01, shard-02/);
  });
});
