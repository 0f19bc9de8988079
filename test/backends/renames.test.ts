/**
 * A rename declared with `previously:` keeps resources: for every environment and every provider,
 * a resource (or component) whose logical name changed lists its old name as an alias, of the same
 * type, so Pulumi updates it in place instead of deleting and recreating it.
 */
import { loadModels, formatDiagnostic } from "../../specification";
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import type { Plan } from "../../plan/plan";
import { exampleText } from "../support/example";

const settings = settingsFromConfig((k: string) => ({ "grafana:url": "https://grafana.example.test/", "readiness:cloudflareAccountId": "acct", "readiness:cloudflareZoneId": "zone" })[k]);

function plans(text: string): Record<string, Plan> {
  const r = loadModels(text, "readiness.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return Object.fromEntries(r.environments.map((env) => [env, renderPlan(r.models[env], settings)]));
}

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the example no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** The example with a service, a check and an SLO renamed, each declaring its old id. */
function renamedExample(): string {
  let t = exampleText();
  t = replaceOnce(t, "  - id: billing-api\n", "  - id: billing\n    previously: [billing-api]\n");
  t = t.split("check:billing-api/").join("check:billing/").split("slo:billing-api/").join("slo:billing/");
  t = replaceOnce(t, "      - id: health\n        http: https://${vars.apiHost}/webhooks/health", "      - id: healthz\n        previously: [health]\n        http: https://${vars.apiHost}/webhooks/health");
  t = replaceOnce(t, "      - id: charge-success\n", "      - id: charges-ok\n        previously: [charge-success]\n");
  t = t.split("slo:charge-run/charge-success").join("slo:charge-run/charges-ok");
  return t;
}

const before = plans(exampleText());
const after = plans(renamedExample());

describe.each(Object.keys(before))("renaming in %s", (env) => {
  const key = (x: { type: string; name: string }) => `${x.type}::${x.name}`;
  const old = new Set([...before[env].resources, ...before[env].components].map(key));

  it("renames some resources at all (the edit reaches the plan)", () => {
    expect(after[env].resources.filter((r) => !old.has(key(r))).length).toBeGreaterThan(5);
  });

  it("gives every resource whose name changed an alias to its old name of the same type", () => {
    for (const r of after[env].resources.filter((x) => !old.has(key(x)))) {
      // Contact points are named after the PagerDuty service on the routing component; a rename
      // recreates them (they hold no history), which the README says.
      if (r.parent === "routing") continue;
      const hits = (r.aliases ?? []).filter((a) => old.has(`${r.type}::${a}`));
      expect({ resource: key(r), aliasesAnOldName: hits.length === 1 }).toEqual({ resource: key(r), aliasesAnOldName: true });
    }
  });

  it("gives every renamed component an alias to its old name", () => {
    for (const c of after[env].components.filter((x) => !old.has(key(x)))) {
      expect({ component: key(c), aliases: c.aliases?.filter((a) => old.has(`${c.type}::${a}`)) }).toEqual({ component: key(c), aliases: [expect.any(String)] });
    }
  });

  it("never aliases a name that a current resource of the same type has", () => {
    const current = new Set(after[env].resources.map(key));
    for (const r of after[env].resources) for (const a of r.aliases ?? []) expect(current.has(`${r.type}::${a}`)).toBe(false);
  });

  it("adds no aliases where nothing was renamed", () => {
    expect(before[env].resources.filter((r) => r.aliases).map(key)).toEqual([]);
    expect(before[env].components.filter((c) => c.aliases).map(key)).toEqual([]);
  });
});
