/**
 * `readiness stacks --moves`: the `pulumi state move` commands for resources whose stack changes
 * between two layouts, with URNs as Pulumi writes them in the source stack.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadModels } from "../../specification";
import type { Spec } from "../../specification/schema";
import { fsIncludeReader } from "../../files/includeReader";
import { settingsFromConfig } from "../../plan/settings";
import { layoutStacks, stackNamer } from "../../stacks/layout";
import { layoutMembers, stateMoves, stateMoveText } from "../../stacks/moves";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURE = path.join(ROOT, "fixtures", "composed", "valid");
const BIN = path.join(ROOT, "bin", "readiness.js");
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.test" };
const settings = settingsFromConfig((k: string) => ({ "grafana:url": "https://grafana.example.test/", "grafana:smUrl": "https://sm.example.test" })[k]);

/** The fixture's layout with `stacks:` replaced (undefined: not split). */
function layout(stacks: Spec["environments"][string]["stacks"]) {
  const file = path.join(FIXTURE, "readiness.yaml");
  const r = loadModels(readFileSync(file, "utf8"), file, fsIncludeReader);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const spec = { ...r.spec, environments: { ...r.spec.environments, prod: { ...r.spec.environments.prod, stacks } } };
  const parts = layoutStacks(spec, r.models.prod, settings);
  const name = stackNamer("shop", "prod", stacks !== undefined);
  return { parts, name, members: layoutMembers(parts, name) };
}

const ROOT_TYPE = "readiness:stack:ReadinessStack";
const SERVICE_TYPE = "readiness:service:ServiceMonitoring";

describe("stateMoves", () => {
  it("moves a service that changes shard as its component (children follow) plus its contact point, from the old shard", () => {
    const before = layout({ maxServices: 2 });
    const after = layout({ maxServices: 1 });
    const moves = stateMoves(before.members, after.parts, after.name, "readiness");
    expect(moves.map((m) => `${m.source} -> ${m.dest}`)).toEqual(["shop-prod-shard-01 -> shop-prod-shard-02", "shop-prod-shard-02 -> shop-prod-shard-03"]);
    expect(moves[0].urns).toEqual([
      `urn:pulumi:shop-prod-shard-01::readiness::${ROOT_TYPE}$readiness:routing:AlertRouting$grafana:alerting/contactPoint:ContactPoint::pagerduty-gateway`,
      `urn:pulumi:shop-prod-shard-01::readiness::${ROOT_TYPE}$${SERVICE_TYPE}::gateway`,
    ]);
    expect(moves[1].urns).toContain(`urn:pulumi:shop-prod-shard-02::readiness::${ROOT_TYPE}$${SERVICE_TYPE}::search`);
    // checkout stays in shard-01; nothing of it moves.
    expect(JSON.stringify(moves)).not.toContain("checkout");
  });

  it("finds nothing to move when the layout is the same", () => {
    const a = layout({ maxServices: 2 });
    expect(stateMoves(a.members, layout({ maxServices: 2 }).parts, a.name, "readiness")).toEqual([]);
    expect(stateMoveText([])).toBe("No resource changes stack: nothing to move.\n");
  });

  it("splits a one-stack environment: everything leaves the `prod` stack, whole components where they move whole", () => {
    const before = layout(undefined);
    expect(new Set(before.members.values())).toEqual(new Set(["prod"]));
    const after = layout({ maxServices: 2 });
    const moves = stateMoves(before.members, after.parts, after.name, "readiness");
    expect(moves.map((m) => m.dest)).toEqual(["shop-prod-routing", "shop-prod-shard-01", "shop-prod-shard-02", "shop-prod-shared"]);
    expect(moves.every((m) => m.source === "prod")).toBe(true);
    const shared = moves.find((m) => m.dest === "shop-prod-shared")!;
    expect(shared.urns).toContain(`urn:pulumi:prod::readiness::${ROOT_TYPE}$readiness:oncall:OnCall::oncall`);
    // The routing component is in several stacks now, so its resources go one by one.
    expect(shared.urns).toContain(`urn:pulumi:prod::readiness::${ROOT_TYPE}$readiness:routing:AlertRouting$grafana:alerting/contactPoint:ContactPoint::email-sre@shop.test`);
    const text = stateMoveText(moves);
    expect(text).toContain(`pulumi state move --source 'prod' --dest 'shop-prod-shard-02' --yes \\\n  'urn:pulumi:prod::readiness::${ROOT_TYPE}$readiness:routing:AlertRouting$grafana:alerting/contactPoint:ContactPoint::pagerduty-search' \\\n  'urn:pulumi:prod::readiness::${ROOT_TYPE}$${SERVICE_TYPE}::search'\n`);
  });
});

describe("readiness stacks --moves", () => {
  let repo: string;
  const readiness = (...args: string[]) => spawnSync("node", [BIN, ...args], { cwd: repo, encoding: "utf8", timeout: 60_000 });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: GIT_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), "readiness-moves-"));
    cpSync(FIXTURE, repo, { recursive: true });
    writeFileSync(path.join(repo, "Pulumi.yaml"), "name: monitoring\nruntime: nodejs\n");
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-q", "-m", "two services a shard");
    const file = path.join(repo, "readiness.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("stacks: { maxServices: 2 }", "stacks: { maxServices: 1 }"));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("against HEAD (team files read at HEAD too) prints the state move lines with the project's name", () => {
    const r = readiness("stacks", "--env", "prod", "--moves");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("pulumi state move --source 'shop-prod-shard-01' --dest 'shop-prod-shard-02' --yes \\\n");
    expect(r.stdout).toContain(`'urn:pulumi:shop-prod-shard-01::monitoring::${ROOT_TYPE}$${SERVICE_TYPE}::gateway'`);
    expect(r.stdout).toContain(`'urn:pulumi:shop-prod-shard-02::monitoring::${ROOT_TYPE}$${SERVICE_TYPE}::search'`);
  }, 60_000);

  it("against a saved --format json layout gives the same moves", () => {
    const now = readiness("stacks", "--env", "prod", "--format", "json");
    git("stash", "-q");
    const old = readiness("stacks", "--env", "prod", "--format", "json");
    git("stash", "pop", "-q");
    writeFileSync(path.join(repo, "old-layout.json"), old.stdout);
    const fromFile = readiness("stacks", "--env", "prod", "--moves", "--from", "old-layout.json", "--format", "json");
    const fromGit = readiness("stacks", "--env", "prod", "--moves", "--format", "json");
    expect(JSON.parse(fromFile.stdout)).toEqual(JSON.parse(fromGit.stdout));
    expect(JSON.parse(fromFile.stdout)).toHaveLength(2);
    expect(JSON.parse(now.stdout).map((s: { stack: string }) => s.stack)).toEqual(["shop-prod-shared", "shop-prod-shard-01", "shop-prod-shard-02", "shop-prod-shard-03", "shop-prod-routing"]);
  }, 60_000);

  it("refuses --from with --base, and a file that is not a layout", () => {
    expect(readiness("stacks", "--env", "prod", "--moves", "--from", "x.json", "--base", "HEAD").stderr).toContain("cannot be combined");
    writeFileSync(path.join(repo, "bad.json"), '{"stack": 1}');
    const r = readiness("stacks", "--env", "prod", "--moves", "--from", "bad.json");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("expected the output of readiness stacks --env E --format json");
  }, 60_000);
});
