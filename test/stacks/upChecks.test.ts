/** The pure parts of `readiness up`'s checks: settings per stack, what is deployed where, failure reasons, output lines, the CLI version. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadModels } from "../../specification";
import { fsIncludeReader } from "../../files/includeReader";
import { settingsFromConfig } from "../../plan/settings";
import { isEnvironmentStack, layoutStacks, stackNamer } from "../../stacks/layout";
import { deployedMembers, layoutMembers, movedServices } from "../../stacks/moves";
import { inheritedSettings, missingSettings, missingSettingsText } from "../../stacks/settings";
import { failureReason, linePrefixer, versionAtLeast } from "../../cli/up";

const FILE = path.join(__dirname, "..", "..", "fixtures", "composed", "valid", "readiness.yaml");
const settings = settingsFromConfig((k: string) => ({ "grafana:url": "https://grafana.example.test/", "grafana:smUrl": "https://sm.example.test" })[k]);

function parts(maxServices = 2) {
  const r = loadModels(readFileSync(FILE, "utf8").replace("maxServices: 2", `maxServices: ${maxServices}`), FILE, fsIncludeReader);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return layoutStacks(r.spec, r.models.prod, settings);
}
const name = stackNamer("shop", "prod", true);

describe("settings given once per environment", () => {
  it("lists per stack the keys its part of the plan reads that the environment's stack lacks, and one command per key", () => {
    const missing = missingSettings(parts(), name, new Set(["grafana:auth"]));
    expect(missing.map((m) => m.stack)).toEqual(["shop-prod-shared", "shop-prod-shard-01", "shop-prod-shard-02", "shop-prod-routing"]);
    expect(missing[0].secrets).toEqual(["grafana:smAccessToken", "pagerduty:token"]);
    // Routing holds only Grafana's policy: it needs no PagerDuty token.
    expect(missing.find((m) => m.stack === "shop-prod-routing")!.secrets).toEqual(["grafana:smAccessToken"]);
    const text = missingSettingsText("prod", missing);
    expect(text).toContain("  pulumi config set --secret pagerduty:token <value> --stack prod\n");
    expect(text.match(/pagerduty:token <value>/g)).toHaveLength(1);
    expect(missingSettings(parts(), name, new Set(["grafana:auth", "grafana:smAccessToken", "pagerduty:token"]))).toEqual([]);
  });

  it("copies every setting but the ones readiness sets per stack", () => {
    expect(inheritedSettings({ "grafana:url": 1, "readiness:shard": 2, "readiness:environment": 3, "readiness:cloudflareAccountId": 4 })).toEqual({ "grafana:url": 1, "readiness:cloudflareAccountId": 4 });
  });
});

describe("the environment's stacks", () => {
  it("are the system's and environment's split stacks by name, not another system's or environment's", () => {
    expect(["shop-prod-shared", "shop-prod-shard-12", "shop-prod-routing", "shop-prod-team-payments-02"].every((s) => isEnvironmentStack(s, "shop", "prod"))).toBe(true);
    expect(["prod", "prod-shared", "blog-prod-shared", "shop-staging-shared", "shop-prod-eu-shared", "shop-prod-shard-x"].some((s) => isEnvironmentStack(s, "shop", "prod"))).toBe(false);
  });

  it("read from state give the same members as the layout they were deployed from, and name the services that move", () => {
    const before = parts(2);
    const urns = new Map<string, { urn: string; custom?: boolean }[]>();
    for (const p of before)
      urns.set(
        name(p.name),
        p.plan.resources.map((r) => ({ urn: `urn:pulumi:${name(p.name)}::readiness::readiness:stack:ReadinessStack$x:y:Z::${r.name}`.replace("x:y:Z", r.type), custom: true })),
      );
    urns.get("shop-prod-shared")!.push({ urn: "urn:pulumi:shop-prod-shared::readiness::readiness:stack:ReadinessStack::shop", custom: false });
    const deployed = deployedMembers(urns);
    expect(deployed).toEqual(layoutMembers(before, name));
    expect(movedServices(deployed, parts(3), name)).toEqual([
      // A service's contact point lives under the routing component, so it is named by itself.
      { service: "grafana:alerting/contactPoint:ContactPoint pagerduty-search", from: "shop-prod-shard-02", to: "shop-prod-shard-01" },
      { service: "grafana:alerting/notificationPolicy:NotificationPolicy shop", from: "shop-prod-routing", to: "shop-prod-shard-01" },
      { service: "search", from: "shop-prod-shard-02", to: "shop-prod-shard-01" },
    ]);
  });
});

describe("what a failed stack reports", () => {
  it("is the engine's first error diagnostic, else the CLI's error line, else the API's message", () => {
    expect(failureReason(["update failed", "grafana: 401 Unauthorized\nmore"], "", "code: 255")).toBe("grafana: 401 Unauthorized");
    expect(failureReason([], "warning: x\nerror: no stack named 'a' found\n", "code: -2\n stdout: ")).toBe("no stack named 'a' found");
    expect(failureReason([], "", "code: -2\n stdout: \n stderr: spawn pulumi ENOENT")).toBe("spawn pulumi ENOENT");
  });

  it("prefixes every line, however the chunks split them", () => {
    const out: string[] = [];
    const p = linePrefixer("[s] ", (t) => out.push(t));
    p.write("a\nb");
    p.write("c\n\nd");
    p.end();
    expect(out.join("")).toBe("[s] a\n[s] bc\n[s] \n[s] d\n");
  });
});

describe("the CLI version", () => {
  it("compares major, minor and patch, ignoring a leading v and prereleases", () => {
    expect(versionAtLeast("v3.127.0", "3.127.0")).toBe(true);
    expect(versionAtLeast("3.200.1-alpha.1", "3.127.0")).toBe(true);
    expect(versionAtLeast("v3.99.9", "3.127.0")).toBe(false);
    expect(versionAtLeast("4.0.0", "3.127.0")).toBe(true);
  });
});
