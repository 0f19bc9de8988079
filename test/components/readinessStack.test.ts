/**
 * The Pulumi program registers exactly the Plan: run ReadinessStack for the example's staging and
 * prod under pulumi.runtime.setMocks and compare every registered resource (type, name, inputs,
 * parent) with what `readiness plan` prints offline.
 */
import * as pulumi from "@pulumi/pulumi";
import { exampleModel } from "../support/example";
import { renderPlan } from "../../backends/render";
import { SECRET_KEYS, settingsFromConfig } from "../../plan/settings";
import { isConcat, isRef, isSecret, isWorkerMigrations, type Plan, type PlanValue } from "../../plan/plan";
import { migrationsToSend } from "../../statuspage/workerMigrations";
import { ReadinessStack } from "../../components/readinessStack";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  parent?: string;
}

const SECRET_VALUES: Record<string, string> = {};
/** Probe locations by name, as Grafana's getProbes answers; checks run from all of them. */
const MOCK_PROBES = { Paris: 3, Atlanta: 1, Tokyo: 7 };
const registered: Registered[] = [];
const parents = new Map<string, string>();

/** A mock output value that says where it came from, so refs can be checked. */
function mockOutput(type: string, name: string, output: string): string {
  return `${type}::${name}#${output}`;
}

pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      // Like a provider, state echoes the inputs; outputs that are not inputs (ids, keys)
      // resolve to a string that says where they came from, so refs can be checked.
      const state: Record<string, unknown> = { ...args.inputs };
      for (const out of ["id", "integrationKey", "uid", "url", "name", "scriptName"]) if (state[out] === undefined) state[out] = mockOutput(args.type, args.name, out);
      return { id: mockOutput(args.type, args.name, "id"), state };
    },
    call(args) {
      if (args.token === "pagerduty:index/getUser:getUser") return { id: `user-${String(args.inputs.email)}`, email: args.inputs.email, name: "x" };
      if (args.token === "grafana:syntheticMonitoring/getProbes:getProbes") return { probes: MOCK_PROBES };
      // A first deploy: the account has no status page Worker yet.
      if (args.token === "cloudflare:index/getWorkersScripts:getWorkersScripts") return { results: [] };
      return args.inputs;
    },
  },
  "readiness",
  "prod",
  false,
);

/**
 * The URNs each resource was registered as depending on (its `dependsOn` and the resources its
 * inputs' Outputs come from), as the engine receives them: the mocks' newResource does not see them.
 */
const dependencies = new Map<string, string[]>();
{
  type Request = { getType(): string; getName(): string; getDependenciesList(): string[] };
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: Request, cb: unknown): unknown };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    dependencies.set(`${req.getType()}::${req.getName()}`, req.getDependenciesList());
    return register(req, cb);
  };
}

/** True when a config secret sits anywhere in the value: Pulumi then marks the whole input secret. */
function holdsSecret(v: PlanValue): boolean {
  if (isSecret(v)) return true;
  if (isRef(v)) return v.secret === true;
  if (v === null || typeof v !== "object") return false;
  return (Array.isArray(v) ? v : Object.values(v)).some(holdsSecret);
}

function expected(v: PlanValue, plan: Plan): unknown {
  if (isSecret(v)) return SECRET_VALUES[v.$secret];
  if (isConcat(v)) return v.$concat.map((part) => expected(part, plan)).join("");
  if (isWorkerMigrations(v)) return migrationsToSend(undefined, v.$migrations.ledger, v.$migrations.scriptName);
  if (isRef(v)) {
    const lookup = plan.lookups.find((l) => l.token === v.type && l.name === v.resource);
    if (lookup?.token === "grafana:syntheticMonitoring/getProbes:getProbes") return [1, 3, 7];
    if (lookup) return `user-${String(lookup.args.email)}`;
    const target = plan.resources.find((r) => r.type === v.type && r.name === v.resource);
    const echoed = v.output === "id" ? undefined : target?.inputs[v.output];
    return echoed !== undefined ? expected(echoed, plan) : mockOutput(v.type, v.resource, v.output);
  }
  if (Array.isArray(v)) return v.map((x) => expected(x, plan));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expected(x, plan)]));
  return v;
}

/** Pulumi's marker on a serialised secret. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** True when Pulumi registered the value as a secret. */
function isRegisteredSecret(v: unknown): boolean {
  return !!v && typeof v === "object" && SECRET_SIG in (v as object);
}

/**
 * Pulumi drops undefined and wraps secrets (SDKs also wrap some inputs themselves, such as
 * Datadog's serviceKey); compare the values, with secret-ness asserted separately.
 */
function normalise(v: unknown): unknown {
  const unwrap = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(unwrap);
    if (x && typeof x === "object") {
      const o = x as Record<string, unknown>;
      if (SECRET_SIG in o) return unwrap(o.value);
      return Object.fromEntries(Object.entries(o).map(([k, y]) => [k, unwrap(y)]));
    }
    return x;
  };
  return unwrap(JSON.parse(JSON.stringify(v ?? null)));
}

async function run(env: "staging" | "prod") {
  registered.length = 0;
  dependencies.clear();
  parents.clear();
  const model = exampleModel(env);
  const settings = settingsFromConfig((k: string) => ({ "grafana:url": "https://grafana.example.test/", "grafana:smUrl": "https://sm.example.test", "readiness:cloudflareAccountId": "acct", "readiness:cloudflareZoneId": "zone" })[k]);
  for (const { key } of SECRET_KEYS) SECRET_VALUES[key] = `secret-value-of-${key}`;
  const stack = new ReadinessStack(
    model.system.name,
    { model, settings, secret: (k) => pulumi.secret(SECRET_VALUES[k]) },
    {
      transformations: [
        (a: pulumi.ResourceTransformationArgs) => {
          parents.set(`${a.type}::${a.name}`, (a.opts.parent as unknown as { __pulumiType?: string; __name?: string } | undefined)?.__name ?? "");
          return undefined;
        },
      ],
    },
  );
  await new Promise((r) => setTimeout(r, 200));
  await new Promise<void>((resolve) => stack.urn.apply(() => resolve()));
  return { plan: renderPlan(model, settings), stack };
}

describe.each(["staging", "prod"] as const)("the Pulumi program for %s", (env) => {
  let plan: Plan;
  beforeAll(async () => {
    ({ plan } = await run(env));
    // Let every Output settle before reading what the mocks saw.
    await new Promise((r) => setTimeout(r, 500));
  });

  it("registers exactly the plan's resources, no more and no fewer", () => {
    const custom = registered.filter((r) => !r.type.startsWith("readiness:"));
    const got = custom.map((r) => `${r.type}::${r.name}`).sort();
    const want = plan.resources.map((r) => `${r.type}::${r.name}`).sort();
    expect(got).toEqual(want);
  });

  it("registers each resource with the plan's inputs, refs resolved to the referenced resource's outputs", () => {
    for (const r of plan.resources) {
      const reg = registered.find((x) => x.type === r.type && x.name === r.name);
      expect(reg).toBeDefined();
      const want = normalise(expected(r.inputs, plan)) as Record<string, unknown>;
      for (const [k, v] of Object.entries(want)) {
        if (v === null) continue;
        expect({ resource: `${r.type} ${r.name}`, input: k, value: normalise(reg!.inputs[k]) }).toEqual({ resource: `${r.type} ${r.name}`, input: k, value: v });
      }
    }
  });

  it("registers every input that holds a config secret as a Pulumi secret", () => {
    let secretInputs = 0;
    for (const r of plan.resources)
      for (const [k, v] of Object.entries(r.inputs)) {
        if (!holdsSecret(v)) continue;
        secretInputs++;
        const reg = registered.find((x) => x.type === r.type && x.name === r.name);
        expect({ resource: r.name, input: k, secret: isRegisteredSecret(JSON.parse(JSON.stringify(reg!.inputs[k]))) }).toEqual({ resource: r.name, input: k, secret: true });
      }
    expect(secretInputs).toBeGreaterThan(0);
  });

  it("registers every PagerDuty integration key it hands to Grafana or Datadog as a secret", () => {
    const keyed = plan.resources.filter((r) => r.type === "grafana:alerting/contactPoint:ContactPoint" && r.inputs.pagerduties !== undefined);
    if (env === "prod") expect(keyed.length).toBeGreaterThan(0);
    for (const r of [...keyed, ...plan.resources.filter((x) => x.type === "datadog:pagerduty/serviceObject:ServiceObject")]) {
      const reg = registered.find((x) => x.type === r.type && x.name === r.name)!;
      const input = r.type.startsWith("grafana") ? "pagerduties" : "serviceKey";
      expect({ resource: r.name, secret: isRegisteredSecret(JSON.parse(JSON.stringify(reg.inputs[input]))) }).toEqual({ resource: r.name, secret: true });
    }
  });

  it("registers the component tree of the plan, and every resource's parent is its component", () => {
    const components = registered.filter((r) => r.type.startsWith("readiness:")).map((r) => `${r.type}::${r.name}`).sort();
    expect(components).toEqual(plan.components.map((c) => `${c.type}::${c.name}`).sort());
    for (const r of plan.resources) expect({ resource: r.name, parent: parents.get(`${r.type}::${r.name}`) }).toEqual({ resource: r.name, parent: r.parent });
  });

  it("registers every Datadog monitor and test whose message names a webhook or PagerDuty service object as depending on it", () => {
    let named = 0;
    for (const r of plan.resources) {
      const message = r.inputs.message;
      if (typeof message !== "string") continue;
      for (const [, kind, name] of message.matchAll(/(?<=^|\s)@(pagerduty|webhook)-(\S+)/g)) {
        const target = plan.resources.find((x) => (kind === "pagerduty" ? x.type === "datadog:pagerduty/serviceObject:ServiceObject" && x.inputs.serviceName === name : x.type === "datadog:index/webhook:Webhook" && x.inputs.name === name));
        expect({ resource: r.name, handle: `@${kind}-${name}`, defined: !!target }).toEqual({ resource: r.name, handle: `@${kind}-${name}`, defined: true });
        const urns = dependencies.get(`${r.type}::${r.name}`) ?? [];
        expect({ resource: r.name, dependsOn: urns.some((u) => u.endsWith(`${target!.type}::${target!.name}`)) }).toEqual({ resource: r.name, dependsOn: true });
        named++;
      }
    }
    // Staging has no Datadog; prod's monitors and tests name 11 such handles.
    expect(named).toBe(env === "prod" ? 11 : 0);
  });

  it("has resources for every backend the environment enables", () => {
    const model = exampleModel(env);
    for (const b of model.backends) expect(plan.resources.filter((r) => r.provider === b && !r.type.startsWith("pulumi:providers:")).length).toBeGreaterThan(0);
  });
});

describe("missing stack config", () => {
  it("stops with the exact command for every unset setting and secret the plan needs, Synthetic Monitoring included", () => {
    const model = exampleModel("prod");
    const settings = settingsFromConfig((k: string) => ({ "readiness:cloudflareAccountId": "acct", "readiness:cloudflareZoneId": "zone" })[k]);
    let message = "";
    try {
      new ReadinessStack("missing-config", { model, settings, secret: (k) => (k === "grafana:auth" || k === "grafana:smAccessToken" ? undefined : pulumi.secret("s")) });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("pulumi config set grafana:url <value>");
    expect(message).toContain("pulumi config set grafana:smUrl <value>");
    expect(message).toContain("pulumi config set --secret grafana:auth <value>");
    expect(message).toContain("pulumi config set --secret grafana:smAccessToken <value>");
    expect(message).not.toContain("datadog:apiKey <value>");
    expect(message).toMatch(/reads the secrets .*datadog:apiKey.*pagerduty:token/);
  });
});
