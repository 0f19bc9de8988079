/** `readiness plan --format json`: versioned, lossless (the Plan comes back from it), credentials in URLs redacted. */
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import { PLAN_VERSION, planJson } from "../../plan/format/json";
import { planText } from "../../plan/format/text";
import { redactCredentials } from "../../plan/format/value";
import type { Plan } from "../../plan/plan";
import { exampleModel } from "../support/example";
import { makeCheck, makeModel, makeService } from "../support/model";

const settings = settingsFromConfig((k: string) => ({ "grafana:url": "https://grafana.example.test/", "readiness:cloudflareAccountId": "acct", "readiness:cloudflareZoneId": "zone" })[k]);

/** A Plan read back from the JSON: refs, secrets and concatenations are the Plan's own objects. */
function fromJson(text: string): Plan & { planVersion: number } {
  const doc = JSON.parse(text);
  return {
    ...doc,
    resources: doc.resources.map((r: Record<string, unknown>) => ({ ...r, ...(r.protect ? {} : { protect: undefined }) })),
  };
}

/** Plan values with keys sorted, as JSON compares them. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

describe("plan --format json", () => {
  test.each(["prod", "staging"] as const)("is versioned and gives back the %s plan exactly: every input in full, refs and secrets as objects", (env) => {
    const plan = renderPlan(exampleModel(env), settings);
    const back = fromJson(planJson(plan));
    expect(back.planVersion).toBe(PLAN_VERSION);
    expect(canonical(back.resources)).toEqual(canonical(plan.resources.map((r) => ({ ...r, protect: r.protect || undefined }))));
    expect(canonical(back.lookups)).toEqual(canonical(plan.lookups));
    expect(canonical(back.components)).toEqual(canonical(plan.components));
  });

  test("long strings are in full (the status page Worker), while text output abbreviates them", () => {
    const plan = renderPlan(exampleModel("prod"), settings);
    const script = plan.resources.find((r) => r.type === "cloudflare:index/workersScript:WorkersScript")!;
    const content = script.inputs.content as string;
    expect(content.length).toBeGreaterThan(5000);
    const back = fromJson(planJson(plan)).resources.find((r) => r.name === script.name)!;
    expect(back.inputs.content).toBe(content);
    expect(planText(plan)).not.toContain(content.slice(0, 200));
  });

  test("secrets are { $secret: key } and never a value; refs name resource, type and output", () => {
    const json = JSON.parse(planJson(renderPlan(exampleModel("prod"), settings)));
    const grafana = json.resources.find((r: { type: string }) => r.type === "pulumi:providers:grafana");
    expect(grafana.inputs.auth).toEqual({ $secret: "grafana:auth" });
    const cp = json.resources.find((r: { type: string; inputs: { pagerduties?: unknown } }) => r.type === "grafana:alerting/contactPoint:ContactPoint" && r.inputs.pagerduties);
    expect(cp.inputs.pagerduties[0].integrationKey).toMatchObject({ type: "pagerduty:index/serviceIntegration:ServiceIntegration", output: "integrationKey", secret: true });
  });

  test("credentials embedded in URLs are redacted in JSON and text, the rest of the URL kept", () => {
    const url = "https://probe:hunter2@api.example.test/health?region=eu&token=abc123";
    const model = makeModel({ services: [makeService({ checks: [makeCheck({ url })] })] });
    const plan = renderPlan(model, settings);
    for (const out of [planJson(plan), planText(plan)]) {
      expect(out).not.toContain("hunter2");
      expect(out).not.toContain("abc123");
    }
    expect(planJson(plan)).toContain("https://[redacted]@api.example.test/health?region=eu&token=[redacted]");
    expect(redactCredentials("see https://api.example.test/x?key=&a=1 and http://u@h/")).toBe("see https://api.example.test/x?key=&a=1 and http://[redacted]@h/");
  });

  test("is byte-identical for the same spec and settings", () => {
    expect(planJson(renderPlan(exampleModel("prod"), settings))).toBe(planJson(renderPlan(exampleModel("prod"), settings)));
  });
});
