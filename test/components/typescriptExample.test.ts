/**
 * examples/typescript declares the shop component by component in TypeScript (no YAML) with the
 * library's typed components; in the mock runtime it registers exactly the resources, with the
 * same inputs, as its YAML twin (typescript-twin.yaml) through ReadinessStack, and each declared
 * component owns the resources of its part.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { loadModels } from "../../specification/loadModels";
import { SECRET_KEYS, settingsFromConfig } from "../../plan/settings";
import { ReadinessStack } from "../../components/readinessStack";
import { ReadinessSystem, ServiceMonitoring, type SystemSpecInput } from "../../lib";
import type { Shop } from "../../examples/typescript/shop";

interface Registered {
  type: string;
  name: string;
  inputs: string;
}

let registered: Registered[] = [];
const CONFIG: Record<string, string> = {
  "readiness:environment": "prod",
  "grafana:url": "https://grafana.example.test/",
  "grafana:smUrl": "https://sm.example.test",
  "readiness:cloudflareAccountId": "acct",
  "readiness:cloudflareZoneId": "zone",
};
const SECRETS = SECRET_KEYS.map((s) => s.key);

pulumi.runtime.setAllConfig({ ...CONFIG, ...Object.fromEntries(SECRETS.map((k) => [k, `value-of-${k}`])) }, SECRETS);
pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered.push({ type: args.type, name: args.name, inputs: JSON.stringify(args.inputs) });
      const state: Record<string, unknown> = { ...args.inputs };
      for (const out of ["id", "integrationKey", "uid", "url", "name", "scriptName"]) if (state[out] === undefined) state[out] = `${args.type}::${args.name}#${out}`;
      return { id: `${args.type}::${args.name}`, state };
    },
    call(args) {
      if (args.token === "pagerduty:index/getUser:getUser") return { id: `user-${String(args.inputs.email)}` };
      if (args.token === "grafana:syntheticMonitoring/getProbes:getProbes") return { probes: { Paris: 3, Tokyo: 7 } };
      return args.inputs;
    },
  },
  "readiness-typescript-example",
  "prod",
  false,
);

const settle = async (stack: pulumi.Resource) => {
  await new Promise<void>((resolve) => stack.urn.apply(() => resolve()));
  await new Promise((r) => setTimeout(r, 300));
};
const byKey = (rs: Registered[]) => rs.map((r) => `${r.type} ${r.name} ${r.inputs}`).sort();
const urnOf = (r: pulumi.Resource) => new Promise<string>((resolve) => r.urn.apply(resolve));
const settings = settingsFromConfig((k) => CONFIG[k]);

const base: SystemSpecInput = { system: { name: "tiny" }, environments: { prod: { backends: ["grafana"], paging: false } } };
let fromTypeScript: Registered[];
let yamlRegistered: Registered[];
const fromYaml = () => yamlRegistered;
let shop: Shop;

describe("examples/typescript", () => {
  beforeAll(async () => {
    registered = [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    shop = (require("../../examples/typescript/shop") as typeof import("../../examples/typescript/shop")).shop("prod", settings);
    await settle(shop.system);
    fromTypeScript = registered;

    registered = [];
    const loaded = loadModels(readFileSync(path.join(__dirname, "typescript-twin.yaml"), "utf8"), "typescript-twin.yaml");
    if (!loaded.ok) throw new Error("the YAML twin does not load");
    await settle(new ReadinessStack("shop", { model: loaded.models.prod, settings }));
    yamlRegistered = registered;
  }, 120_000);

  test("declares a service, an SLO, a check, a heartbeat, a rotation with escalation and a status page", () => {
    const types = new Set(fromTypeScript.map((r) => r.type));
    for (const t of [
      "readiness:service:ServiceMonitoring",
      "readiness:slo:ServiceSlo",
      "readiness:check:Check",
      "readiness:heartbeat:Heartbeat",
      "grafana:alerting/ruleGroup:RuleGroup", // the SLO's recording and burn-rate rules
      "grafana:syntheticMonitoring/check:Check",
      "pagerduty:index/schedule:Schedule",
      "pagerduty:index/escalationPolicy:EscalationPolicy",
      "cloudflare:index/workersScript:WorkersScript",
    ])
      expect(types).toContain(t);
  });

  test("registers exactly the provider resources of its YAML twin, with the same inputs", () => {
    const providerResources = (rs: Registered[]) => rs.filter((r) => !r.type.startsWith("readiness:"));
    expect(providerResources(fromTypeScript).length).toBeGreaterThan(15);
    expect(byKey(providerResources(fromTypeScript))).toEqual(byKey(providerResources(fromYaml())));
  });

  test("each declared component owns its part: the check's probes, the heartbeat's monitor, the rotation's schedules", async () => {
    expect(Object.keys(shop.home.resources).sort()).toEqual(["cloudflare:index/healthcheck:Healthcheck::storefront/home", "grafana:syntheticMonitoring/check:Check::storefront/home"]);
    // The mock runtime's URNs carry the immediate parent's type.
    expect(await urnOf(shop.home.resources["grafana:syntheticMonitoring/check:Check::storefront/home"])).toContain("::readiness:check:Check$grafana:syntheticMonitoring/check:Check::storefront/home");
    expect(await urnOf(shop.home)).toContain("::readiness:service:ServiceMonitoring$readiness:check:Check::home");
    expect(await urnOf(shop.availability)).toContain("::readiness:service:ServiceMonitoring$readiness:slo:ServiceSlo::availability");
    expect(Object.keys(shop.oncall.resources)).toEqual(expect.arrayContaining(["pagerduty:index/schedule:Schedule::shop-primary", "pagerduty:index/escalationPolicy:EscalationPolicy::shop-oncall"]));
    expect(Object.keys(shop.statusPage.resources)).toContain("cloudflare:index/workersScript:WorkersScript::statuspage/worker");
    // In Grafana a heartbeat is one rule of its service's rule group (the group is one resource),
    // so here the heartbeat component owns no resource of its own and the group carries its rule.
    expect(shop.reindex.resources).toEqual({});
    const alerts = fromTypeScript.find((r) => r.type === "grafana:alerting/ruleGroup:RuleGroup" && r.name === "storefront/storefront-alerts");
    expect(alerts?.inputs).toContain("shop_reindex_last_success_timestamp_seconds");
    // The service keeps what spans its parts: the PagerDuty service and the rule groups.
    expect(Object.keys(shop.storefront.resources)).toContain("pagerduty:index/service:Service::storefront");
  });

  test("the plan of the declared components is the YAML twin's plan", () => {
    const loaded = loadModels(readFileSync(path.join(__dirname, "typescript-twin.yaml"), "utf8"), "typescript-twin.yaml");
    if (!loaded.ok) throw new Error("the YAML twin does not load");
    const { renderPlan } = jest.requireActual<typeof import("../../backends/render")>("../../backends/render");
    expect(JSON.stringify(shop.system.plan)).toBe(JSON.stringify(renderPlan(loaded.models.prod, settings)));
  });
});

describe("values from other resources (pulumi.Input<string>)", () => {
  let registeredWithOutput: Registered[];
  let fromOutput: Shop;
  beforeAll(async () => {
    registered = [];
    // The host comes from another resource, as a load balancer's DNS name would.
    const host = pulumi.output(new Promise<string>((resolve) => setTimeout(() => resolve("shop.example.test"), 20)));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fromOutput = (require("../../examples/typescript/shop") as typeof import("../../examples/typescript/shop")).shop("prod", settings, host);
    await settle(fromOutput.system);
    registeredWithOutput = registered;
  }, 120_000);

  test("an Output host reaches the providers as its value: the same resources and inputs as the YAML twin", () => {
    const providerResources = (rs: Registered[]) => rs.filter((r) => !r.type.startsWith("readiness:"));
    expect(byKey(providerResources(registeredWithOutput))).toEqual(byKey(providerResources(fromYaml())));
  });

  test("the plan shows where the value goes as an explicit $input placeholder, never a made-up value", () => {
    const planned = JSON.stringify(fromOutput.system.plan);
    expect(planned).not.toMatch(/pulumi-input\.invalid/);
    const grafanaCheck = fromOutput.system.plan.resources.find((r) => r.type === "grafana:syntheticMonitoring/check:Check");
    expect(grafanaCheck?.inputs.target).toEqual({ $concat: ["https://", { $input: "environments.prod.vars.host" }, "/"] });
    const domain = fromOutput.system.plan.resources.find((r) => r.type === "cloudflare:index/workersCustomDomain:WorkersCustomDomain");
    expect(domain?.inputs.hostname).toEqual({ $concat: ["status.", { $input: "environments.prod.vars.host" }] });
  });

  test("an Output check target written inline in a service is named in the plan by its place in the spec", () => {
    const system = new ReadinessSystem("named", { spec: base, environment: "prod", settings });
    new ServiceMonitoring("api", { system, service: { name: "API", tier: "internal", checks: [{ id: "home", http: pulumi.output("https://api.example.test/"), every: "1m", severity: "ticket" }] } });
    expect(() => system.done()).not.toThrow();
    expect(JSON.stringify(system.plan)).toContain('"$input":"services.api.checks.home.http"');
  });
});

describe("component outputs", () => {
  const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
  const secretness = <T>(o: pulumi.Output<T>) => (o as unknown as { isSecret: Promise<boolean> }).isSecret;

  test("ids, keys and URLs come out of the component that made them, typed and without a cast", async () => {
    expect(await value(shop.home.grafanaCheckId)).toBe("grafana:syntheticMonitoring/check:Check::storefront/home");
    expect(await value(shop.home.cloudflareHealthcheckId)).toBe("cloudflare:index/healthcheck:Healthcheck::storefront/home");
    expect(await value(shop.home.datadogTestId)).toBeUndefined(); // datadog is not a backend of this environment
    expect(await value(shop.storefront.pagerdutyServiceId)).toBe("pagerduty:index/service:Service::storefront");
    expect(await value(shop.oncall.scheduleIds)).toEqual({ "shop-primary": "pagerduty:index/schedule:Schedule::shop-primary" });
    expect(await value(shop.statusPage.url)).toBe("https://status.shop.example.test/");
  });

  test("the PagerDuty integration key is a secret output", async () => {
    expect(await value(shop.storefront.pagerdutyIntegrationKey)).toMatch(/integrationKey/);
    expect(await secretness(shop.storefront.pagerdutyIntegrationKey)).toBe(true);
  });

  test("the stack outputs hold nothing derived from the clock", async () => {
    expect(Object.keys(shop.system)).not.toContain("onCallNow");
    expect(Object.keys(await value(shop.system.pagerdutyServiceIds))).toEqual(["storefront"]);
  });
});

describe("ReadinessSystem", () => {
  test("a spec mistake in a declared component fails with its field path, not a stack trace", () => {
    const system = new ReadinessSystem("tiny", { spec: base, environment: "prod", settings });
    new ServiceMonitoring("api", { system, service: { name: "API", tier: "standard", slos: [{ id: "x", objective: 100, sli: { errors: { prometheus: "a" }, total: { prometheus: "b" } } }] } });
    expect(() => system.done()).toThrow(/services\[0\]\.slos\[0\]\.objective: objective is a percentage below 100/);
  });

  test("a component declared after the system rendered is refused instead of silently left out", () => {
    const system = new ReadinessSystem("tiny2", { spec: base, environment: "prod", settings });
    new ServiceMonitoring("api", { system, service: { name: "API", tier: "internal" } });
    expect(system.plan.resources.length).toBeGreaterThan(0);
    expect(() => new ServiceMonitoring("late", { system, service: { name: "Late", tier: "internal" } })).toThrow(/declared after system tiny2 was rendered/);
  });

  test("without done(), the system renders by itself once the program's synchronous run ends", async () => {
    const system = new ReadinessSystem("tiny3", { spec: base, environment: "prod", settings });
    new ServiceMonitoring("api", { system, service: { name: "API", tier: "internal" } });
    await new Promise((r) => setImmediate(r));
    expect(() => new ServiceMonitoring("late", { system, service: { name: "Late", tier: "internal" } })).toThrow(/was rendered/);
  });
});
