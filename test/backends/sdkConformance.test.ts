/**
 * Conformance with the provider SDKs: every resource rendered from the example, from every valid
 * fixture and from built models that use every feature is written out as TypeScript typed against
 * the SDK `*Args` (test/support/sdkSource.ts) and compiled with tsc. The same compilation carries
 * planted mistakes (a misspelt input, a wrong type, a missing required input), both in the
 * SDK-typed form and as a renderer would write them against `PlanResource`, and each must be
 * reported: the check can fail.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import type { Plan, PlannedResource, PlanValue } from "../../plan/plan";
import { loadModels } from "../../specification/loadModels";
import type { Model } from "../../specification/model";
import { exampleModel } from "../support/example";
import { budget, makeHeartbeat, makeModel, makePerson, makeService, makeSlo, makeAlert, makeCheck } from "../support/model";
import { planSdkSource, sdkSource, type SdkSource } from "../support/sdkSource";
import { typeCheck, type Problem } from "../support/compile";

const settings = settingsFromConfig(
  (k: string) =>
    ({
      "grafana:url": "https://grafana.example.test/",
      "grafana:smUrl": "https://synthetic-monitoring-api.grafana.net",
      "datadog:site": "datadoghq.eu",
      "readiness:cloudflareAccountId": "acct",
      "readiness:cloudflareZoneId": "zone",
      "readiness:prometheusLabels": "release=kube-prometheus-stack",
      "readiness:blackboxProberUrl": "http://blackbox:9115",
      "readiness:kubeContext": "prod",
    })[k],
);

function fixtureModels(): [string, Model][] {
  const dir = path.join(__dirname, "..", "..", "fixtures", "valid");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => {
      const loaded = loadModels(readFileSync(path.join(dir, f), "utf8"), f);
      if (!loaded.ok) throw new Error(`fixture ${f} does not load`);
      return Object.entries(loaded.models).map(([env, m]): [string, Model] => [`${f}:${env}`, m]);
    });
}

/** Models that between them use every feature a renderer has a branch for. */
function featureModels(): [string, Model][] {
  const service = makeService({
    slos: [makeSlo()],
    alerts: [makeAlert(), makeAlert({ id: "queue", noData: "alerting" })],
    checks: [makeCheck(), makeCheck({ id: "body", expect: { status: 200, within: budget("5s"), bodyContains: "ok (yes)" } })],
    heartbeats: [makeHeartbeat()],
  });
  const backends: Model["backends"] = [...makeModel().backends, "prometheus"];
  return [
    ["every backend, created person, slack and email routes", makeModel({ backends, services: [service], oncall: { ...makeModel().oncall, people: [makePerson("ana", { create: true }), makePerson("ben")] } })],
    ["paging off", makeModel({ backends, paging: false, environment: "staging", services: [service] })],
  ];
}

const plans: [string, Plan][] = [
  ["example prod", renderPlan(exampleModel("prod"), settings)],
  ["example staging", renderPlan(exampleModel("staging"), settings)],
  ...[...fixtureModels(), ...featureModels()].map(([name, m]): [string, Plan] => [name, renderPlan(m, settings)]),
];

/** A copy of the first resource of `type` with its inputs changed by `edit`. */
function planted(type: string, edit: (inputs: Record<string, PlanValue>) => void): PlannedResource {
  const r = plans.flatMap(([, p]) => p.resources).find((x) => x.type === type);
  if (!r) throw new Error(`no ${type} rendered to plant a mistake in`);
  const inputs = JSON.parse(JSON.stringify(r.inputs)) as Record<string, PlanValue>;
  edit(inputs);
  return { ...r, inputs };
}

const MISSPELT = planted("grafana:alerting/ruleGroup:RuleGroup", (i) => {
  i.intervalSecond = i.intervalSeconds;
  delete i.intervalSeconds;
});
const WRONG_TYPE = planted("datadog:index/monitor:Monitor", (i) => {
  i.priority = 1;
});
const MISSING = planted("pagerduty:index/escalationPolicy:EscalationPolicy", (i) => {
  delete i.rules;
});
const MISSING_KIND = planted("kubernetes:apiextensions.k8s.io:CustomResource", (i) => {
  delete i.kind;
});

/** The same three mistakes as a renderer would write them, against the typed PlanResource. */
const RENDERER_SIDE = `import type { PlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
const base = { name: "x", parent: "routing", provider: "grafana" as const };
export const fine: PlanResource[] = [
  { ...base, type: "grafana:oss/folder:Folder", inputs: { uid: "u", title: "t" } },
  { ...base, type: "grafana:oss/dashboard:Dashboard", inputs: { configJson: "{}", folder: ref("f", "grafana:oss/folder:Folder", "uid") } },
];
export const misspelt: PlanResource = { ...base, type: "grafana:oss/folder:Folder", inputs: { uid: "u", titel: "t" } };
export const wrongType: PlanResource = { ...base, type: "datadog:index/monitor:Monitor", inputs: { name: "n", type: "query alert", query: "q", message: "m", priority: 1 } };
export const missing: PlanResource = { ...base, type: "pagerduty:index/escalationPolicy:EscalationPolicy", inputs: { name: "n" } };
export const refOfWrongType: PlanResource = { ...base, type: "grafana:oss/dashboard:Dashboard", inputs: { configJson: "{}", folder: ref("c", "grafana:syntheticMonitoring/check:Check", "tenantId") } };
`;

describe("rendered resources conform to the provider SDKs' *Args", () => {
  let problems: Problem[];
  const sources = new Map<string, SdkSource>();
  beforeAll(() => {
    plans.forEach(([, plan], i) => sources.set(`plan${i}.ts`, planSdkSource(plan)));
    sources.set("misspelt.ts", sdkSource([MISSPELT]));
    sources.set("wrongType.ts", sdkSource([WRONG_TYPE]));
    sources.set("missing.ts", sdkSource([MISSING]));
    sources.set("missingKind.ts", sdkSource([MISSING_KIND]));
    problems = typeCheck({ ...Object.fromEntries([...sources].map(([k, s]) => [k, s.text])), "rendererSide.ts": RENDERER_SIDE });
  }, 240_000);

  test("the plans cover every resource type a renderer emits", () => {
    const types = new Set(plans.flatMap(([, p]) => p.resources.map((r) => r.type)));
    expect(types.size).toBeGreaterThanOrEqual(28);
    expect(types).toContain("kubernetes:apiextensions.k8s.io:CustomResource");
    expect(types).toContain("pulumi:providers:kubernetes");
    expect(types).toContain("kubernetes:core/v1:Secret");
  });

  test.each(plans.map(([name], i) => [name, i] as const))("%s compiles against the SDKs with no error", (_name, i) => {
    const source = sources.get(`plan${i}.ts`)!;
    const found = problems.filter((p) => p.file === `plan${i}.ts`).map((p) => `${source.lineOf.get(p.line) ?? `line ${p.line}`}: ${p.message}`);
    expect(found).toEqual([]);
  });

  test.each([
    ["misspelt.ts", /intervalSecond/],
    ["wrongType.ts", /number.*not assignable to.*string/s],
    ["missing.ts", /rules/],
    ["missingKind.ts", /kind/],
  ])("the planted mistake in %s is reported", (file, message) => {
    const found = problems.filter((p) => p.file === file);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((p) => p.message).join("\n")).toMatch(message);
  });

  test("a renderer writing the same mistakes against PlanResource does not compile, and a correct one does", () => {
    const lines = RENDERER_SIDE.split("\n");
    const at = (name: string) => lines.findIndex((l) => l.includes(`export const ${name}`)) + 1;
    const mine = problems.filter((p) => p.file === "rendererSide.ts");
    const on = (name: string) => mine.filter((p) => p.line === at(name)).map((p) => p.message).join("\n");
    expect(on("fine")).toBe("");
    expect(mine.filter((p) => p.line > at("fine") && p.line < at("misspelt"))).toEqual([]);
    expect(on("misspelt")).toMatch(/titel/);
    expect(on("wrongType")).toMatch(/number.*not assignable to.*string/s);
    expect(on("missing")).toMatch(/rules/);
    // A ref is accepted only where the SDK takes an Input of its output's type (tenantId is a number).
    expect(on("refOfWrongType")).toMatch(/PlanRef<number>/);
  });
});
