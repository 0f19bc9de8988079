/**
 * `stacks: { by: owner }`: one shard stack per owning team (its team file's name by default), split
 * further by `maxServices`; the moves from a `maxServices` layout; each team stack's program in the
 * mock runtime registering exactly its part of the plan.
 */
import * as pulumi from "@pulumi/pulumi";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadModels, formatDiagnostic } from "../../specification";
import { fsIncludeReader } from "../../files/includeReader";
import { settingsFromConfig } from "../../plan/settings";
import { renderPlan } from "../../backends/render";
import { layoutStacks, stackNamer } from "../../stacks/layout";
import { shardOfOwners } from "../../stacks/partition";
import { layoutMembers, stateMoves, stateMoveText } from "../../stacks/moves";
import { buildStackProgram } from "../../stacks/program";
import { stacksText } from "../../cli/stacks";
import { setStackMocks } from "../support/stackMocks";

const FILE = path.join(__dirname, "..", "..", "fixtures", "composed", "valid", "readiness.yaml");
const FIXTURE_TEXT = readFileSync(FILE, "utf8");
const SHARED_STACK = "acme/readiness/prod-shared";
const ROOT_TYPE = "readiness:stack:ReadinessStack";
const SERVICE_TYPE = "readiness:service:ServiceMonitoring";
const settings = settingsFromConfig((k: string) => ({ "grafana:url": "https://grafana.example.test/", "grafana:smUrl": "https://sm.example.test" })[k]);

/** The composed fixture (gateway in the root, checkout in teams/payments.yaml, search in teams/search.yaml) with its root edited. */
function load(edit: (text: string) => string) {
  return loadModels(edit(FIXTURE_TEXT), FILE, fsIncludeReader);
}

function layout(stacks: string, edit: (text: string) => string = (t) => t.replace("  name: shop\n", "  name: shop\n  owner: Platform Team\n")) {
  const r = load((t) => edit(t.replace("stacks: { maxServices: 2 }", `stacks: ${stacks}`)));
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  const model = r.models.prod;
  const parts = layoutStacks(r.spec, model, settings);
  const name = stackNamer("shop", "prod", true);
  return { spec: r.spec, model, plan: renderPlan(model, settings), parts, name, members: layoutMembers(parts, name) };
}

const keyOf = (r: { type: string; name: string }) => `${r.type}::${r.name}`;

describe("stacks by owner", () => {
  it("gives each team one stack named after it: the team file's name, or system.owner for the root's services", () => {
    const { model, parts } = layout("{ by: owner }");
    // The model keeps what was written or composed; system.owner stands in only when stacks are laid out.
    expect(model.services.map((s) => [s.id, s.owner])).toEqual([
      ["checkout", "payments"],
      ["gateway", undefined],
      ["search", "search"],
    ]);
    expect(parts.map((p) => [p.name, p.services])).toEqual([
      ["shared", []],
      ["team-payments", ["checkout"]],
      ["team-platform-team", ["gateway"]],
      ["team-search", ["search"]],
      ["routing", []],
    ]);
    const text = stacksText("shop", "prod", parts);
    expect(text).toContain('\nshop-prod-team-payments  ');
    expect(text).toMatch(/shop-prod-team-search {2}\d+ resources, 1 lookup, services: "search"\n {2}reads from shared: grafana:oss\/folder:Folder "shop" \.uid/);
    expect(text).toContain('  reads from team-payments: grafana:alerting/contactPoint:ContactPoint "pagerduty-checkout" .name');
  });

  it("puts every resource of the plan in exactly one stack, each service's in its team's", () => {
    const { plan, parts } = layout("{ by: owner }");
    const nonProvider = (k: string) => !k.startsWith("pulumi:providers:");
    const all = parts.flatMap((p) => p.plan.resources.map(keyOf)).filter(nonProvider);
    expect([...all].sort()).toEqual(plan.resources.map(keyOf).filter(nonProvider).sort());
    expect(new Set(all).size).toBe(all.length);
    const payments = parts.find((p) => p.name === "team-payments")!.plan.resources.map(keyOf);
    expect(payments).toEqual(expect.arrayContaining(["grafana:alerting/ruleGroup:RuleGroup::checkout/checkout-slos", "pagerduty:index/service:Service::checkout", "grafana:alerting/contactPoint:ContactPoint::pagerduty-checkout"]));
    expect(payments.some((k) => /gateway|search/.test(k))).toBe(false);
  });

  it("an explicit services[].owner wins over the team file and system.owner", () => {
    const { parts } = layout("{ by: owner }", (t) => t.replace("    tier: internal\n", "    tier: internal\n    owner: search\n"));
    expect(parts.map((p) => [p.name, p.services])).toEqual([
      ["shared", []],
      ["team-payments", ["checkout"]],
      ["team-search", ["gateway", "search"]],
      ["routing", []],
    ]);
  });

  it("splits a team larger than maxServices into numbered stacks, in order of service id, leaving other teams alone", () => {
    const { parts } = layout("{ by: owner, maxServices: 1 }", (t) => t.replace("    tier: internal\n", "    tier: internal\n    owner: search\n"));
    expect(parts.map((p) => [p.name, p.services])).toEqual([
      ["shared", []],
      ["team-payments", ["checkout"]],
      ["team-search-01", ["gateway"]],
      ["team-search-02", ["search"]],
      ["routing", []],
    ]);
  });

  it("keeps a service's stack when another team grows, and refuses two teams whose stacks would share a name", () => {
    const before = shardOfOwners([{ id: "a1", owner: "a" }, { id: "b1", owner: "b" }, { id: "c1", owner: "c" }], 2);
    const after = shardOfOwners([{ id: "a0", owner: "a" }, { id: "a1", owner: "a" }, { id: "a2", owner: "a" }, { id: "b1", owner: "b" }, { id: "c1", owner: "c" }], 2);
    expect([before.get("b1"), before.get("c1")]).toEqual(["team-b", "team-c"]);
    expect([after.get("b1"), after.get("c1")]).toEqual(["team-b", "team-c"]);
    expect([after.get("a0"), after.get("a1"), after.get("a2")]).toEqual(["team-a-01", "team-a-01", "team-a-02"]);
    expect(() => shardOfOwners([{ id: "x", owner: "a" }, { id: "y", owner: "a" }, { id: "z", owner: "a" }, { id: "w", owner: "a-01" }], 2)).toThrow('teams "a" and "a-01" would both have a stack named team-a-01');
  });

  it("stack names are valid Pulumi stack names for any team file name", () => {
    const r = loadModels(
      "apiVersion: readiness/v1\nsystem: { name: shop }\nenvironments: { prod: { backends: [grafana], paging: true, stacks: { by: owner } } }\ninclude: [teams/*.yaml]\n",
      "readiness.yaml",
      { list: () => ["Payments Team (EU).yaml"], read: () => "services:\n  - { id: checkout, name: Checkout, tier: internal }\n" },
    );
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
    const parts = layoutStacks(r.spec, r.models.prod, settings);
    expect(parts.map((p) => p.name)).toEqual(["shared", "team-payments-team-eu"]);
    for (const p of parts) expect(`prod-${p.name}`).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it("a bad owner in a team file is located in that file", () => {
    const r = loadModels("apiVersion: readiness/v1\nsystem: { name: shop }\nenvironments: { prod: { backends: [grafana], paging: true, stacks: { by: owner } } }\ninclude: [teams/*.yaml]\n", "readiness.yaml", {
      list: () => ["payments.yaml"],
      read: () => "services:\n  - id: checkout\n    name: Checkout\n    tier: internal\n  - id: refunds\n    name: Refunds\n    owner: Payments Team\n    tier: internal\n",
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^teams\/payments\.yaml:7:12 services\[1\]\.owner: a team name is lower-case letters, digits and dashes/)]);
  });

  it("a service with no owner, no team file and no system.owner is a located error; so are a bad owner and an empty stacks", () => {
    const none = load((t) => t.replace("stacks: { maxServices: 2 }", "stacks: { by: owner }"));
    expect(none.ok).toBe(false);
    if (!none.ok) {
      const lines = none.diagnostics.map(formatDiagnostic);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/readiness\.yaml:26:\d+ services\[0\]: service "gateway" has no owner, and environments\.prod\.stacks\.by: owner puts each service in its team's stack \(set services\[\]\.owner/);
    }
    // Without by: owner nobody needs an owner.
    expect(load((t) => t).ok).toBe(true);
    const bad = load((t) => t.replace("    tier: internal\n", "    tier: internal\n    owner: Platform\n"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.diagnostics.map(formatDiagnostic).join("\n")).toMatch(/readiness\.yaml:29:\d+ services\[0\]\.owner: a team name is lower-case letters, digits and dashes/);
    const empty = load((t) => t.replace("stacks: { maxServices: 2 }", "stacks: {}"));
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.diagnostics.map(formatDiagnostic).join("\n")).toContain("give maxServices (shards of that many services) or by: owner (one shard per team), or both");
  });
});

describe("--moves from maxServices to by owner", () => {
  it("moves each service's component whole, with its contact point, from its numbered shard to its team's stack", () => {
    const before = layout("{ maxServices: 2 }");
    expect(new Set(before.members.values())).toEqual(new Set(["shop-prod-shared", "shop-prod-shard-01", "shop-prod-shard-02", "shop-prod-routing"]));
    const after = layout("{ by: owner }");
    const moves = stateMoves(before.members, after.parts, after.name, "readiness");
    expect(moves.map((m) => `${m.source} -> ${m.dest}`)).toEqual(["shop-prod-shard-01 -> shop-prod-team-payments", "shop-prod-shard-01 -> shop-prod-team-platform-team", "shop-prod-shard-02 -> shop-prod-team-search"]);
    expect(moves[1].urns).toEqual([
      `urn:pulumi:shop-prod-shard-01::readiness::${ROOT_TYPE}$readiness:routing:AlertRouting$grafana:alerting/contactPoint:ContactPoint::pagerduty-gateway`,
      `urn:pulumi:shop-prod-shard-01::readiness::${ROOT_TYPE}$${SERVICE_TYPE}::gateway`,
    ]);
    expect(moves[2].urns).toContain(`urn:pulumi:shop-prod-shard-02::readiness::${ROOT_TYPE}$${SERVICE_TYPE}::search`);
    // Nothing of shared or routing moves.
    expect(moves.some((m) => /shared|routing/.test(m.source + m.dest))).toBe(false);
    expect(stateMoveText(moves)).toContain("pulumi state move --source 'shop-prod-shard-02' --dest 'shop-prod-team-search' --yes \\\n");
    // And back: the same services, the other way.
    const back = stateMoves(after.members, before.parts, before.name, "readiness");
    expect(back.map((m) => `${m.source} -> ${m.dest}`)).toEqual(["shop-prod-team-payments -> shop-prod-shard-01", "shop-prod-team-platform-team -> shop-prod-shard-01", "shop-prod-team-search -> shop-prod-shard-02"]);
  });
});

describe("readiness stacks with by: owner (the built CLI)", () => {
  const BIN = path.join(__dirname, "..", "..", "bin", "readiness.js");
  const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.test" };
  let repo: string;
  const readiness = (...args: string[]) => spawnSync("node", [BIN, ...args], { cwd: repo, encoding: "utf8", timeout: 60_000 });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: GIT_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), "readiness-by-owner-"));
    cpSync(path.dirname(FILE), repo, { recursive: true });
    writeFileSync(path.join(repo, "Pulumi.yaml"), "name: monitoring\nruntime: nodejs\n");
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-q", "-m", "numbered shards");
    const file = path.join(repo, "readiness.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("stacks: { maxServices: 2 }", "stacks: { by: owner }").replace("    tier: internal\n", "    tier: internal\n    owner: platform\n"));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("lists the team stacks, and --moves against the numbered layout at HEAD moves each service to its team's stack", () => {
    const list = readiness("stacks", "--env", "prod");
    expect(list.stderr).toBe("");
    expect(list.stdout.split("\n").filter((l) => l.startsWith("shop-prod-")).map((l) => l.split("  ")[0])).toEqual(["shop-prod-shared", "shop-prod-team-payments", "shop-prod-team-platform", "shop-prod-team-search", "shop-prod-routing"]);
    const moves = readiness("stacks", "--env", "prod", "--moves", "--format", "json");
    expect(moves.status).toBe(0);
    expect(JSON.parse(moves.stdout).map((m: { source: string; dest: string }) => `${m.source} -> ${m.dest}`)).toEqual(["shop-prod-shard-01 -> shop-prod-team-payments", "shop-prod-shard-01 -> shop-prod-team-platform", "shop-prod-shard-02 -> shop-prod-team-search"]);
    expect(readiness("stacks", "--env", "prod", "--moves").stdout).toContain(`'urn:pulumi:shop-prod-shard-01::monitoring::${ROOT_TYPE}$${SERVICE_TYPE}::gateway'`);
  }, 60_000);
});

let current: ReturnType<typeof layout> | undefined;
const byOwner = () => (current ??= layout("{ by: owner }"));

const { registered, stackReferences } = setStackMocks("shop-prod-team", () => byOwner().parts);

describe("each team stack's program in the mock runtime", () => {
  it.each(["shared", "team-payments", "team-platform-team", "team-search", "routing"])("%s registers exactly its part of the plan", async (shard) => {
    registered.length = 0;
    stackReferences.length = 0;
    const { spec, model, parts } = byOwner();
    const stack = buildStackProgram({ spec, model, settings, shard, sharedStack: SHARED_STACK, secret: (k) => pulumi.secret(`secret:${k}`) });
    await new Promise<void>((resolve) => stack.urn.apply(() => resolve()));
    await new Promise((r) => setTimeout(r, 300));
    const part = parts.find((p) => p.name === shard)!;
    expect(registered.filter((r) => !r.type.startsWith("readiness:")).map(keyOf).sort()).toEqual(part.plan.resources.map(keyOf).sort());
    expect(stack.plan).toEqual(part.plan);
    // A team stack reads only shared; routing reads every team stack holding a contact point it routes to.
    const expected = shard === "shared" ? [] : shard === "routing" ? [SHARED_STACK, "acme/readiness/prod-team-payments", "acme/readiness/prod-team-platform-team", "acme/readiness/prod-team-search"] : [SHARED_STACK];
    expect([...stackReferences].sort()).toEqual(expected);
  });

  it("a stack the layout does not have is an error listing the team stacks", () => {
    const { spec, model } = byOwner();
    expect(() => buildStackProgram({ spec, model, settings, shard: "shard-01", sharedStack: SHARED_STACK })).toThrow(/its stacks: shared, team-payments, team-platform-team, team-search, routing/);
  });
});
