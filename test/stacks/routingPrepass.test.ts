/**
 * The routing pre-pass of `readiness up`: a route that goes leaves the notification policy before
 * the stack holding its contact point deletes it (Grafana refuses to delete a contact point in use).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadModels } from "../../specification/loadModels";
import { fsIncludeReader } from "../../files/includeReader";
import { settingsFromConfig } from "../../plan/settings";
import { isRef, type PlanValue } from "../../plan/plan";
import { layoutStacks } from "../../stacks/layout";
import { prepassKeep, prunedRouting, routedContactPoints } from "../../stacks/routingPrepass";

const FILE = path.join(__dirname, "..", "..", "fixtures", "composed", "valid", "readiness.yaml");
const settings = settingsFromConfig((k: string) => ({ "grafana:url": "https://grafana.example.test/", "grafana:smUrl": "https://sm.example.test" })[k]);

function parts() {
  const r = loadModels(readFileSync(FILE, "utf8"), FILE, fsIncludeReader);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return layoutStacks(r.spec, r.models.prod, settings);
}
const refsIn = (v: PlanValue): number => (isRef(v) ? 1 : Array.isArray(v) ? v.reduce((n: number, x) => n + refsIn(x), 0) : v && typeof v === "object" ? Object.values(v).reduce((n: number, x) => n + refsIn(x as PlanValue), 0) : 0);

describe("the routing pre-pass", () => {
  it("knows which contact points the policy routes to, by their Grafana names", () => {
    // Grafana names carry the system and environment (contact point names are unique per org).
    expect(routedContactPoints(parts())).toEqual(["shop-prod-email-sre@shop.test", "shop-prod-pagerduty-checkout", "shop-prod-pagerduty-gateway", "shop-prod-pagerduty-search"]);
  });

  it("is needed only when a contact point routed to before is going", () => {
    const now = ["email-sre@shop.test", "pagerduty-checkout", "pagerduty-gateway"];
    expect(prepassKeep(undefined, now)).toBeUndefined();
    expect(prepassKeep(["email-sre@shop.test", "pagerduty-checkout"], now)).toBeUndefined();
    expect(prepassKeep(["email-sre@shop.test", "pagerduty-checkout", "pagerduty-gateway", "pagerduty-search"], now)).toEqual(now);
  });

  it("drops the going route, names kept contact points literally, and reads from no stack", () => {
    const all = parts();
    const pruned = prunedRouting(all, ["shop-prod-email-sre@shop.test", "shop-prod-pagerduty-checkout", "shop-prod-pagerduty-gateway"])!;
    expect(pruned.reads).toEqual([]);
    const policy = pruned.plan.resources.find((r) => r.type.endsWith("NotificationPolicy"))!;
    const text = JSON.stringify(policy.inputs);
    expect(text).not.toContain("search");
    expect(text).toContain('"contactPoint":"shop-prod-pagerduty-checkout"');
    expect(refsIn(policy.inputs)).toBe(0);
    // The full routing part still routes to search, by reference.
    expect(JSON.stringify(all.find((p) => p.name === "routing")!.plan.resources)).toContain("pagerduty-search");
  });

  it("refuses to prune away the policy's default contact point", () => {
    expect(prunedRouting(parts(), ["shop-prod-pagerduty-checkout"])).toBeUndefined();
  });
});
