/**
 * `readiness up|preview` as shipped: `node bin/readiness.js` against the stand-in `pulumi` CLI
 * (test/support/fakePulumi/pulumi), which answers the Automation API's calls as the CLI does and
 * runs the project's program (this repo's index.ts) in the SDK's mock runtime, keeping state in a
 * temp folder. One project, deployed, changed and deployed again, in order.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";

const ROOT = path.join(__dirname, "..", "..");
const FAKE = path.join(ROOT, "test", "support", "fakePulumi");
const dir = mkdtempSync(path.join(os.tmpdir(), "readiness-up-"));
const state = path.join(dir, ".state");
// NODE_OPTIONS: `readiness up` and the stand-in's program runs load the SDK's function serializer
// (the TypeScript compiler, @npmcli/arborist) only if used, which nothing here does (~0.7 s a process).
const ENV = { ...process.env, PATH: [FAKE, path.dirname(process.execPath), "/usr/bin", "/bin"].join(path.delimiter), PULUMI_BACKEND_URL: `file://${state}`, READINESS_DEBUG: "", NODE_OPTIONS: `--require ${path.join(ROOT, "test", "support", "lazySdk.js")}` };

const service = (id: string) => `  - id: ${id}\n    name: ${id}\n    tier: internal\n`;
const spec = (system: string, services: string[], maxServices = 2) => `apiVersion: readiness/v1
system:
  name: ${system}
environments:
  prod:
    stacks: { maxServices: ${maxServices} }
    backends: [grafana, pagerduty]
    paging: true
routing:
  page: { escalation: platform-oncall }
  ticket: { email: sre@${system}.test }
oncall:
  timezone: Europe/Berlin
  people:
    - { id: ana, name: Ana Diaz, email: ana@${system}.test }
  schedules:
    - { id: platform, rotation: weekly, handoff: monday 09:00, members: [ana] }
  escalations:
    - id: platform-oncall
      levels:
        - { notify: [schedule:platform] }
services:
${services.map(service).join("")}`;

function readiness(args: string[], extra: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "readiness.js"), ...args], { cwd: dir, env: { ...ENV, ...extra }, encoding: "utf8", timeout: 900_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const pulumi = (...args: string[]) => execFileSync(path.join(FAKE, "pulumi"), args, { cwd: dir, env: ENV, encoding: "utf8" });
const stacks = () => (JSON.parse(pulumi("stack", "ls", "--json")) as { name: string }[]).map((s) => s.name);
const stackState = (s: string) => JSON.parse(readFileSync(path.join(state, ".fake-pulumi", "readiness", `${s}.json`), "utf8")) as { resources: Record<string, { type: string; name: string; protect?: boolean }> };
const calls = () => readFileSync(path.join(state, "calls.log"), "utf8").trim().split("\n").map((l) => (JSON.parse(l) as { args: string[] }).args);
const stackFile = (s: string) => YAML.parse(readFileSync(path.join(dir, `Pulumi.${s}.yaml`), "utf8")) as { config: Record<string, unknown> };

beforeAll(() => {
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: readiness\nruntime: nodejs\nmain: index.ts\n");
  // The user's program: this package's own, as `pulumi new` from the README would give.
  writeFileSync(path.join(dir, "index.ts"), `export * from ${JSON.stringify(path.join(ROOT, "index"))};\n`);
  writeFileSync(path.join(dir, "readiness.yaml"), spec("shop", ["checkout", "gateway", "search"]));
  // Settings once per environment: non-secret ones in Pulumi.prod.yaml, secrets set on stack prod.
  writeFileSync(path.join(dir, "Pulumi.prod.yaml"), "config:\n  grafana:url: https://grafana.example.test/\n");
  pulumi("stack", "init", "prod");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readiness up and preview through bin/readiness.js and the Automation API", () => {
  it("checks every stack's settings before running any, naming what each misses and the one command per key", () => {
    const r = readiness(["up", "--env", "prod"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("shop-prod-shard-01: grafana:auth (secret), pagerduty:token (secret)");
    expect(r.stderr).toContain("shop-prod-routing: grafana:auth (secret)\n");
    expect(r.stderr).toContain("pulumi config set --secret pagerduty:token <value> --stack prod");
    expect(calls().some((a) => a[0] === "up" || (a[0] === "stack" && a[1] === "init" && a[2] !== "prod"))).toBe(false);
  }, 900_000);

  it("refuses a CLI older than the minimum, saying which it needs", () => {
    const r = readiness(["preview", "--env", "prod"], { FAKE_PULUMI_VERSION: "v3.100.0" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("needs the Pulumi CLI 3.127.0 or newer (pulumi state move); this one is 3.100.0");
  }, 900_000);

  it("previews a never-deployed environment (shards read shared outputs not there yet) and leaves no stack behind", () => {
    pulumi("config", "set", "--secret", "grafana:auth", "glsa_token", "--stack", "prod");
    pulumi("config", "set", "--secret", "pagerduty:token", "pd_token", "--stack", "prod");
    const r = readiness(["preview", "--env", "prod"]);
    expect(r.stderr).not.toMatch(/does not export/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^readiness preview: 4 of 4 stacks succeeded \(\d+ create\)\n {2}shop-prod-shared {2}succeeded/);
    expect(stacks()).toEqual(["prod"]);
    expect(existsSync(path.join(dir, "Pulumi.shop-prod-shared.yaml"))).toBe(false);
  }, 900_000);

  it("deploys every stack with the environment's settings, secrets kept secret, output prefixed per line", () => {
    const r = readiness(["up", "--env", "prod"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^readiness up: 4 of 4 stacks succeeded/);
    expect(stacks()).toEqual(["prod", "shop-prod-routing", "shop-prod-shard-01", "shop-prod-shard-02", "shop-prod-shared"]);
    const shard = stackFile("shop-prod-shard-02").config;
    expect(shard["grafana:url"]).toBe("https://grafana.example.test/");
    expect(shard["grafana:auth"]).toEqual({ secure: expect.any(String) });
    expect(JSON.stringify(shard)).not.toContain("glsa_token");
    expect(shard["readiness:shard"]).toBe("shard-02");
    for (const line of r.stderr.split("\n").filter(Boolean)) expect(line).toMatch(/^\[shop-prod-(shared|shard-0[12]|routing)\] /);
  }, 900_000);

  it("names the failed stack with the CLI's reason (stderr) or the engine's (a diagnostic), and starts nothing after it", () => {
    const passphrase = "error: getting secrets manager: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables";
    const r = readiness(["up", "--env", "prod"], { FAKE_PULUMI_FAIL: "up@shop-prod-shared", FAKE_PULUMI_FAIL_STDERR: passphrase });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`[shop-prod-shared] ${passphrase}\n`);
    expect(r.stdout).toContain("  shop-prod-shared  failed: getting secrets manager: passphrase must be set with PULUMI_CONFIG_PASSPHRASE");
    expect(r.stdout).toContain("  shop-prod-shard-01  not run");
    const d = readiness(["preview", "--env", "prod"], { FAKE_PULUMI_FAIL_DIAGNOSTIC: "grafana: 401 Unauthorized: invalid API key" });
    expect(d.status).toBe(1);
    expect(d.stdout).toContain("  shop-prod-shared  failed: grafana: 401 Unauthorized: invalid API key");
  }, 900_000);

  it("stops before any change when the layout shrinks: names the service that changes shard with its state move, and the dropped stacks", () => {
    // Three services a shard: one shard, so search moves to shard-01 and the policy, now naming one shard's contact points only, too.
    writeFileSync(path.join(dir, "readiness.yaml"), spec("shop", ["checkout", "gateway", "search"], 3));
    const before = calls().length;
    const r = readiness(["up", "--env", "prod"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"search" from shop-prod-shard-02 to shop-prod-shard-01');
    expect(r.stderr).toContain("pulumi state move --source 'shop-prod-shard-02' --dest 'shop-prod-shard-01' --yes");
    expect(r.stderr).toMatch(/no longer has shop-prod-routing \(\d+ resources\), shop-prod-shard-02 \(\d+ resources\)/);
    expect(r.stderr).toContain("pulumi destroy --stack shop-prod-shard-02 && pulumi stack rm shop-prod-shard-02");
    expect(calls().slice(before).filter((a) => ["up", "destroy", "state"].includes(a[0]) || a[1] === "set-all")).toEqual([]);
  }, 900_000);

  it("with --move and --destroy-removed moves first (nothing protected is deleted), then deploys, then destroys the dropped stacks; one stack owns the policy", () => {
    const r = readiness(["up", "--env", "prod", "--move", "--destroy-removed"]);
    expect(r.stderr).not.toContain("error:");
    expect(r.stdout).toMatch(/^readiness up: 2 of 2 stacks succeeded/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("  shop-prod-shard-02  destroyed and removed: not in the layout");
    expect(r.stdout).toContain("  shop-prod-routing  destroyed and removed: not in the layout");
    const moved = calls().filter((a) => a[0] === "state");
    expect(moved.map((a) => `${a[3]} -> ${a[5]}`).sort()).toEqual(["shop-prod-routing -> shop-prod-shard-01", "shop-prod-shard-02 -> shop-prod-shard-01"]);
    expect(stacks()).toEqual(["prod", "shop-prod-shard-01", "shop-prod-shared"]);
    const shard = Object.values(stackState("shop-prod-shard-01").resources);
    expect(shard.filter((r) => r.type === "pagerduty:index/service:Service").map((r) => r.name).sort()).toEqual(["checkout", "gateway", "search"]);
    expect(shard.filter((r) => r.type === "grafana:alerting/notificationPolicy:NotificationPolicy")).toHaveLength(1);
    expect(Object.values(stackState("shop-prod-shared").resources).some((r) => r.type.includes("notificationPolicy"))).toBe(false);
  }, 900_000);

  it("deploys a second system from the same project into its own stacks, never touching the first's", () => {
    mkdirSync(path.join(dir, "blog"));
    writeFileSync(path.join(dir, "blog", "readiness.yaml"), spec("blog", ["posts"]));
    const shop = ["shop-prod-shared", "shop-prod-shard-01"].map((s) => readFileSync(path.join(state, ".fake-pulumi", "readiness", `${s}.json`), "utf8"));
    const r = readiness(["up", "--env", "prod", "--file", "blog/readiness.yaml"]);
    expect(r.status).toBe(0);
    expect(stacks()).toEqual(["blog-prod-shard-01", "blog-prod-shared", "prod", "shop-prod-shard-01", "shop-prod-shared"]);
    expect(["shop-prod-shared", "shop-prod-shard-01"].map((s) => readFileSync(path.join(state, ".fake-pulumi", "readiness", `${s}.json`), "utf8"))).toEqual(shop);
    // The first system's run sees the second's stacks as none of its own: no orphan, no move.
    const again = readiness(["preview", "--env", "prod"]);
    expect(again.stderr).not.toMatch(/no longer has|change stack/);
    expect(again.status).toBe(0);
  }, 900_000);
});
