/**
 * examples/typescript (the spec as TypeScript data, no YAML) registers, in the mock runtime, the
 * same resources with the same inputs and parents as its YAML twin (typescript-twin.yaml) through
 * ReadinessStack: the two paths share every line after validation.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { loadModels } from "../../specification";
import { SECRET_KEYS, settingsFromConfig } from "../../backends/settings";
import { ReadinessStack } from "../../components/readinessStack";

interface Registered {
  type: string;
  name: string;
  inputs: string;
  parent: string;
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
      registered.push({ type: args.type, name: args.name, inputs: JSON.stringify(args.inputs), parent: "" });
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

describe("examples/typescript", () => {
  let fromTypeScript: Registered[];
  let fromYaml: Registered[];
  beforeAll(async () => {
    registered = [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require("../../examples/typescript/index") as { pagerdutyServiceIds: pulumi.Output<unknown> };
    await new Promise<void>((resolve) => example.pagerdutyServiceIds.apply(() => resolve()));
    await new Promise((r) => setTimeout(r, 300));
    fromTypeScript = registered;

    registered = [];
    const loaded = loadModels(readFileSync(path.join(__dirname, "typescript-twin.yaml"), "utf8"), "typescript-twin.yaml");
    if (!loaded.ok) throw new Error("the YAML twin does not load");
    const settings = settingsFromConfig((k) => CONFIG[k]);
    await settle(new ReadinessStack("shop", { model: loaded.models.prod, settings }));
    fromYaml = registered;
  }, 120_000);

  test("declares a service, an SLO, a check, a rotation with escalation and a status page", () => {
    const types = new Set(fromTypeScript.map((r) => r.type));
    for (const t of [
      "readiness:service:ServiceMonitoring",
      "grafana:alerting/ruleGroup:RuleGroup", // the SLO's recording and burn-rate rules
      "grafana:syntheticMonitoring/check:Check",
      "pagerduty:index/schedule:Schedule",
      "pagerduty:index/escalationPolicy:EscalationPolicy",
      "cloudflare:index/workersScript:WorkersScript",
    ])
      expect(types).toContain(t);
  });

  test("registers exactly the resources of its YAML twin, with the same inputs", () => {
    expect(fromTypeScript.length).toBeGreaterThan(15);
    expect(byKey(fromTypeScript)).toEqual(byKey(fromYaml));
  });
});
