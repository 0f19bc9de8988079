/**
 * `status`, `audit --prometheus` and `diff --prometheus` against Debian's real Prometheus on
 * 127.0.0.1, over a backfilled history (backfill.ts): shop has a steady 1% error ratio, checkout a
 * 20-minute total outage three hours ago, a queue gauge flaps twelve times, a heartbeat is two
 * hours late, and ledger's metric was never exported. The loaded rule file leaves checkout-slos
 * out and has one shop-slos rule changed by hand so that it fails to evaluate. One server serves
 * every test.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import type { Model } from "../../specification/model";
import { prometheusRuleGroups } from "../../rules/groups";
import { onCallAt } from "../../oncall/rotation";
import { zone } from "../../oncall/zone";
import { runInProcess } from "../support/cli";
import { freePort, promQuery, waitFor } from "../support/liveHarness";
import { liveScope } from "../../live/scope";
import { flapStarts, FLAPS, HEARTBEAT_AGO, OUTAGE_SECONDS, STEP } from "./backfill";
import { liveSpec, PULUMI_PROD } from "./liveSpec";
import { loadedRules, UNLOADED_GROUP, DRIFTED_GROUP } from "./liveRules";
import { startBackfilledPrometheus, type BackfilledPrometheus } from "./server";
import type { StatusReport } from "../../live/status";

jest.setTimeout(60_000);

/* eslint-disable @typescript-eslint/no-require-imports */
const commands = () => [require("../../cli/status"), require("../../cli/audit"), require("../../cli/diff")];
/* eslint-enable @typescript-eslint/no-require-imports */
const run = (args: string[]) => runInProcess(commands(), args);

/** The change under review: checkout's page factor 10 -> 70 (it can no longer fire on a 20-minute outage over 30m) and a new queue alert. */
const BEFORE = { checkoutFactor: 10, queueAlert: false };
const AFTER = { checkoutFactor: 70, queueAlert: true };

function model(text: string): Model {
  const r = loadModels(text, "readiness.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.models.prod;
}

interface JsonFinding {
  rule: string;
  level: string;
  message: string;
  path: string;
}

describe("live: status, audit and backtest against a backfilled Prometheus", () => {
  let dir: string;
  let spec: string;
  let prom: BackfilledPrometheus;
  let changedAlert: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "readiness-live-status-"));
    const repo = join(dir, "repo");
    spec = join(repo, "readiness.yaml");
    execFileSync("mkdir", ["-p", repo]);
    writeFileSync(join(repo, "Pulumi.prod.yaml"), PULUMI_PROD);
    writeFileSync(spec, liveSpec(BEFORE));
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@test", "-c", "user.name=t", ...args], { cwd: repo, stdio: "ignore" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "before");
    const after = liveSpec(AFTER);
    writeFileSync(spec, after);
    const rules = loadedRules(prometheusRuleGroups(model(after)));
    changedAlert = rules.changedAlert;
    prom = await startBackfilledPrometheus(dir, rules.text);
    // The rules have evaluated once the late heartbeat's page is firing.
    await waitFor("the first rule evaluation", 20_000, async () => ((await promQuery(prom.url, 'ALERTS{alertname="CheckoutNightlyHeartbeatMissed", alertstate="firing"}')).length > 0 ? true : undefined), [prom.daemon]);
  });

  afterAll(async () => {
    await prom?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("status: each SLO's SLI, budget and burn match the arithmetic, from recordings where loaded and raw queries where not", async () => {
    const started = Date.now();
    const r = await run(["status", "-e", "prod", "--prometheus", prom.url, "-f", spec, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as StatusReport;
    const slo = (service: string) => report.slos.find((s) => s.service === service)!;

    // shop: 1 error in 100 against a 2% budget: SLI 99%, half the budget left, 0.5x burn everywhere.
    const shop = slo("shop");
    expect(shop.source).toBe("recording rules");
    expect(shop.sli).toBeCloseTo(0.99, 9);
    expect(shop.budgetRemaining).toBeCloseTo(0.5, 9);
    // Half of a 2% budget over 1h is 1% of 3600s of requests: 36s of total outage.
    expect(shop.outageSecondsLeft).toBeCloseTo(36, 6);
    expect(shop.burn.map((b) => [b.id, b.long, b.short, b.over])).toEqual([
      ["page-fast", expect.closeTo(0.5, 9), expect.closeTo(0.5, 9), false],
      ["ticket-slow", expect.closeTo(0.5, 9), expect.closeTo(0.5, 9), false],
    ]);
    expect(shop.firing).not.toContain("ShopAvailabilityBurnRatePage");

    // checkout: its group is not loaded, so raw queries; 1200s of errors in the 6h window (a
    // window a little short of 6h at its far edge, as the history ends just before now).
    const checkout = slo("checkout");
    expect(checkout.source).toBe("raw SLI queries");
    const ratio = 1 - (checkout.sli as number);
    expect(ratio).toBeGreaterThanOrEqual(OUTAGE_SECONDS / (6 * 3600) - 1e-9);
    expect(ratio).toBeLessThanOrEqual(OUTAGE_SECONDS / (6 * 3600 - 300));
    expect(checkout.budgetRemaining).toBeCloseTo(1 - ratio / 0.01, 9);
    expect(checkout.outageSecondsLeft).toBe(0);
    // Three hours after the outage, the 30m and 5m windows see no errors.
    expect(checkout.burn.map((b) => [b.long, b.short])).toEqual([[0, 0]]);

    // ledger's metric does not exist: no figures rather than made-up ones.
    expect(slo("ledger")).toMatchObject({ source: "raw SLI queries", sli: null, budgetRemaining: null });

    // Who is on call now for the page route: the primary schedule's current shift.
    const primary = model(liveSpec(AFTER)).oncall.schedules[0];
    const onCall = [onCallAt(primary, new Date(started)), onCallAt(primary, new Date())];
    expect(shop.route.severity).toBe("page");
    expect(onCall).toContain(shop.route.onCall[0].people[0]);
    expect(shop.route.onCall[0].target).toBe("escalation:oncall");

    const end = prom.timeline.end;
    const now = Date.now() / 1000;
    expect(report.checks).toEqual([{ service: "checkout", check: "health", url: "https://checkout.test/health", result: "pass", ageSeconds: expect.any(Number) }]);
    expect(report.checks[0].ageSeconds).toBeGreaterThanOrEqual(Math.floor(started / 1000 - end) - 1);
    expect(report.checks[0].ageSeconds).toBeLessThanOrEqual(now - end + 1);
    const [hb] = report.heartbeats;
    expect(hb).toMatchObject({ service: "checkout", heartbeat: "nightly", limitSeconds: 4200, late: true });
    expect(hb.ageSeconds).toBeGreaterThanOrEqual(HEARTBEAT_AGO);
    expect(hb.ageSeconds).toBeLessThanOrEqual(HEARTBEAT_AGO + now - end + 1);

    const text = await run(["status", "-e", "prod", "--prometheus", prom.url, "-f", spec]);
    expect(text.stdout).toContain("shop/availability: 98% over 1h, from recording rules");
    expect(text.stdout).toContain("SLI 99.000%; error budget left 50.0% (36s of total outage)");
    expect(text.stdout).toContain("checkout/availability: 99% over 6h, from raw SLI queries");
    expect(text.stdout).toMatch(/checkout\/nightly: last success 2h \d+s ago \(limit 1h 10m\): LATE/);
  });

  test("audit --prometheus: missing series, the unloaded and drifted groups, the failing rule, the page firing and the flapping alert, with rule ids and spec paths", async () => {
    const r = await run(["audit", "-e", "prod", "--prometheus", prom.url, "-f", spec, "--since", "9h", "--format", "json"]);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.rule.startsWith("live-"));
    const of = (rule: string) => findings.filter((f) => f.rule === rule);

    const byPath = (a: JsonFinding, b: JsonFinding) => (a.path < b.path ? -1 : 1);
    expect(of("live-series-missing").sort(byPath).map((f) => [f.level, f.path, f.message])).toEqual([
      ["error", "services[0].alerts[0].query.prometheus", expect.stringContaining('no series of shop_requests_total has handler="/pay" (its labels: code)')],
      ["warning", "services[2].slos[0].sli.errors.prometheus", expect.stringContaining("metric ledger_requests_total does not exist")],
      ["error", "services[2].slos[0].sli.total.prometheus", expect.stringContaining("metric ledger_requests_total does not exist")],
    ]);
    expect(of("live-rule-group-not-loaded").map((f) => [f.path, f.message])).toEqual([["services[1]", expect.stringContaining(`rule group ${UNLOADED_GROUP} `)]]);
    // Only the group changed by hand differs: Prometheus's re-printing of every other rule is not drift.
    expect(of("live-rule-group-drift").map((f) => [f.path, f.message])).toEqual([["services[0]", expect.stringContaining(`rule group ${DRIFTED_GROUP} `)]]);
    expect(of("live-rule-group-drift")[0].message).toContain(`${changedAlert}: expr differs`);
    expect(of("live-rule-evaluation-failed").map((f) => [f.path, f.message])).toEqual([
      ["services[0].slos[0]", expect.stringMatching(new RegExp(`rule ${changedAlert} in group ${DRIFTED_GROUP} failed its last evaluation: found duplicate series`))],
    ]);
    expect(of("live-page-firing").map((f) => f.message)).toContainEqual(expect.stringMatching(/^CheckoutNightlyHeartbeatMissed \(page\) has been active for \d+s/));

    // Noise over 9h: the queue alert fired once per high stretch and re-fired 5m after each resolve.
    const queue = findings.filter((f) => f.message.startsWith("CheckoutQueueDepth "));
    expect(queue.map((f) => [f.rule, f.path])).toEqual([["live-alert-flapping", "services[1].alerts[0]"]]);
    expect(queue[0].message).toContain(`fired ${FLAPS} times in the last 9h, 1h firing in all, each paging people; ${FLAPS - 1} of them within 15m of resolving`);
    expect(of("live-alert-never-fired").map((f) => f.message)).toContainEqual("ShopAvailabilityBurnRatePage (page) never fired in the last 9h");

    // The same findings in SARIF, with the live rules in the driver's catalogue.
    const sarif = JSON.parse((await run(["audit", "-e", "prod", "--prometheus", prom.url, "-f", spec, "--since", "9h", "--format", "sarif"])).stdout) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[];
    };
    const [sarifRun] = sarif.runs;
    const live = sarifRun.results.filter((x) => x.ruleId.startsWith("live-"));
    expect(live.map((x) => x.ruleId).sort()).toEqual(findings.map((f) => f.rule).sort());
    for (const x of live) expect(sarifRun.tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
  });

  test("diff --prometheus: before -> after firing episodes and pages of each added or changed alert, exact", async () => {
    const r = await run(["diff", "-e", "prod", "--base", "HEAD", "-f", spec, "--prometheus", prom.url, "--since", "9h"]);
    expect(r.stderr).toBe("");
    // Nights by the time each high stretch starts (the first evaluation is at most one step later).
    const z = zone("UTC");
    const night = (t: number) => z.local(t * 1000).hour >= 22 || z.local(t * 1000).hour < 7;
    const nights = [flapStarts(prom.timeline), flapStarts(prom.timeline).map((t) => t + STEP)].map((ts) => ts.filter(night).length);
    expect(r.stdout).toMatch(
      new RegExp(`checkout/CheckoutQueueDepth \\(added, page\\): ${FLAPS} firing episodes \\(1h firing\\); would have paged ${FLAPS} times in the last 9h, (${nights.join("|")}) of them at night`),
    );
    // 10x over 30m fired once on the 20-minute outage; 70x never can (30m holds at most 20m of errors).
    expect(r.stdout).toMatch(/checkout\/CheckoutAvailabilityBurnRatePage \(changed, page\): 1 → 0 firing episodes \(\d+m( \d+s)? → 0s firing\); would have paged nobody \(before: 1\)/);
    // Unchanged alerts are not backtested.
    expect(r.stdout).not.toContain("ShopAvailabilityBurnRatePage");

    const md = await run(["diff", "-e", "prod", "--base", "HEAD", "-f", spec, "--prometheus", prom.url, "--since", "9h", "--format", "markdown"]);
    expect(md.stdout).toContain(`| \`checkout/CheckoutQueueDepth\` | added | page | ${FLAPS} | 1h | ${FLAPS} |`);
    expect(md.stdout).toContain("| `checkout/CheckoutAvailabilityBurnRatePage` | changed | page | 1 → 0 |");

    const json = JSON.parse((await run(["diff", "-e", "prod", "--base", "HEAD", "-f", spec, "--prometheus", prom.url, "--since", "9h", "--format", "json"])).stdout) as {
      backtest: { rows: { alert: string; change: string; before: { episodes: number; paged: number } | null; after: { episodes: number; paged: number } }[] };
    };
    expect(json.backtest.rows.find((x) => x.alert === "CheckoutQueueDepth")).toMatchObject({ change: "added", before: null, after: { episodes: FLAPS, paged: FLAPS } });
    expect(json.backtest.rows.find((x) => x.alert === "CheckoutAvailabilityBurnRatePage")).toMatchObject({ change: "changed", before: { episodes: 1, paged: 1 }, after: { episodes: 0, paged: 0 } });

    const plain = await run(["diff", "-e", "prod", "--base", "HEAD", "-f", spec]);
    expect(plain.stdout).not.toContain("Backtest");
    expect(r.stdout.startsWith(plain.stdout.trimEnd())).toBe(true);
  });
});

describe("live: a server that refuses, hangs or is not there", () => {
  let dir: string;
  let spec: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "readiness-live-errors-"));
    spec = join(dir, "readiness.yaml");
    writeFileSync(spec, liveSpec(AFTER));
    writeFileSync(join(dir, "Pulumi.prod.yaml"), PULUMI_PROD);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const oneLine = (stderr: string) => {
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  };

  test("nobody listening: one line, exit 1", async () => {
    const port = await freePort();
    const r = await run(["status", "-e", "prod", "--prometheus", `http://127.0.0.1:${port}`, "-f", spec]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`readiness: cannot reach Prometheus at http://127.0.0.1:${port}: connection refused`);
    expect(r.stdout).toBe("");
  });

  test("a server that never answers times out: one line, exit 1", async () => {
    const held: Socket[] = [];
    const server: NetServer = createNetServer((s) => held.push(s));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const r = await run(["audit", "-e", "prod", "--prometheus", url, "--timeout", "1s", "-f", spec]);
      expect(r.code).toBe(1);
      oneLine(r.stderr);
      expect(r.stderr).toBe(`readiness: cannot reach Prometheus at ${url}: no answer (timed out)`);
    } finally {
      for (const s of held) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test("a refusing server (401) says how to pass credentials; the token comes from a file and is never printed", async () => {
    const seen: (string | undefined)[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(401, { "content-type": "text/plain" }).end("unauthorized");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    writeFileSync(join(dir, "token"), "s3cret-token\n");
    process.env.READINESS_PROMETHEUS_BEARER_TOKEN_FILE = join(dir, "token");
    try {
      const r = await run(["status", "-e", "prod", "-f", spec, "--prometheus", url]);
      expect(r.code).toBe(1);
      oneLine(r.stderr);
      expect(r.stderr).toContain(`Prometheus at ${url} refused the request (HTTP 401)`);
      expect(r.stderr + r.stdout).not.toContain("s3cret-token");
      expect(seen[0]).toBe("Bearer s3cret-token");
    } finally {
      delete process.env.READINESS_PROMETHEUS_BEARER_TOKEN_FILE;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test("credentials in the URL are refused before anything is sent", async () => {
    const r = await run(["status", "-e", "prod", "--prometheus", "http://admin:pw@127.0.0.1:9/", "-f", spec]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("credentials in the URL would show in the process list");
    expect(r.stderr).not.toContain("pw@");
  });

  test("Grafana-managed and Datadog-only environments say what they cannot check live", () => {
    const base = model(liveSpec(AFTER));
    const grafana = liveScope({ ...base, backends: ["grafana", "pagerduty"] });
    expect(grafana.rules).toBe(false);
    expect(grafana.notes.join("\n")).toContain("Grafana-managed alert rules: whether they are loaded, how they last evaluated and what fires now live in Grafana");
    const datadog = liveScope({ ...base, backends: ["datadog", "pagerduty"] });
    expect(datadog).toMatchObject({ queries: false, rules: false });
    expect(datadog.notes[0]).toContain("monitors with Datadog only");
  });
});
