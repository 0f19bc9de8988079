/**
 * One measurement in a fresh process (so peak memory is its own): `offline N` times
 * validate+resolve+render; `pulumi N` registers the same plan through the Pulumi SDK's mock runtime.
 * Prints one JSON line.
 */
import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import { generateSpec } from "./generateSpec";
import { loadModels } from "../specification/loadModels";
import { renderPlan } from "../backends/render";
import { settingsFromConfig } from "../plan/settings";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateComposedSpec } from "./composedSpec";
import { fsIncludeReader } from "../files/includeReader";
import { partitionPlan, ROUTING, shardOfServices } from "../stacks/partition";
import { execFileSync, spawnSync } from "node:child_process";

/** Wall time of a whole `node` process, median of `runs` after one warm-up (which also fills the code cache). */
function wallMedianMs(args: string[], runs: number): number {
  return processMedian(args, runs).ms;
}

/** One process's figures: wall time, its own peak RSS and its user and user+system CPU time (bench/peakRss.js reports them). */
interface ProcessFigures {
  ms: number;
  peakRssMiB: number;
  userMs: number;
  cpuMs: number;
}

/** The run of median wall time after one warm-up, `before` run ahead of every run (the warm-up's too). */
function processMedian(args: string[], runs: number, before: () => void = () => undefined, env: NodeJS.ProcessEnv = process.env): ProcessFigures {
  const once = () => {
    before();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["-r", path.join(__dirname, "peakRss.js"), ...args], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", env });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    const kib = Number(/readiness-bench-peak-rss-kib (\d+)/.exec(r.stderr)?.[1]);
    const [user, system] = (/readiness-bench-cpu-us (\d+) (\d+)/.exec(r.stderr) ?? []).slice(1).map(Number);
    return { ms: Math.round(ms), peakRssMiB: Math.round(kib / 1024), userMs: Math.round(user / 1000), cpuMs: Math.round((user + system) / 1000) };
  };
  once();
  const all = Array.from({ length: runs }, once).sort((a, b) => a.ms - b.ms);
  return all[Math.floor(runs / 2)];
}

const [mode, n] = [process.argv[2], Number(process.argv[3])];
const settings = settingsFromConfig((k: string) => ({ "grafana:url": "https://grafana.example.test/", "grafana:smUrl": "https://sm.example.test", "readiness:cloudflareAccountId": "acct", "readiness:cloudflareZoneId": "zone" })[k]);

/** `composed N`: N services over 50 team files, split into stacks of 50 services: load, plan, partition. */
function composed() {
  withComposedSpec(({ root, files, file }) => {
    const t0 = performance.now();
    const r = loadModels(root, file, fsIncludeReader);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics.slice(0, 3)));
    const t1 = performance.now();
    const plan = renderPlan(r.models.prod, settings);
    const tPlan = performance.now();
    const parts = partitionPlan(plan, shardOfServices(r.models.prod.services.map((s) => s.id), { maxServices: 50 }));
    const t2 = performance.now();
    const sizes = parts.map((p) => p.plan.resources.length);
    const routing = parts.find((p) => p.name === ROUTING);
    // The same work as a user runs it: the built CLI, one whole process (load, plan, partition, print).
    const processMs = wallMedianMs([path.join(__dirname, "..", "bin", "readiness.js"), "stacks", "--env", "prod", "--format", "json", "--file", file], 3);
    // The target: the offline plan of this environment as one process (load, plan, print the text plan).
    const planProcess = processMedian([path.join(__dirname, "..", "bin", "readiness.js"), "plan", "--env", "prod", "--file", file], 5);
    // A reviewer's diff: one SLO objective changed in one team file against HEAD, its base cached by an earlier run, and not.
    const diff = diffOfOneTeamFileChange(file);
    print({
      teams: Object.keys(files).length,
      loadMs: t1 - t0,
      renderMs: tPlan - t1,
      partitionMs: t2 - tPlan,
      totalMs: t2 - t0,
      processMs,
      planProcessMs: planProcess.ms,
      planProcessUserMs: planProcess.userMs,
      planProcessCpuMs: planProcess.cpuMs,
      planProcessPeakRssMiB: planProcess.peakRssMiB,
      diffProcessMs: diff.warm.ms,
      diffProcessUserMs: diff.warm.userMs,
      diffProcessCpuMs: diff.warm.cpuMs,
      diffProcessPeakRssMiB: diff.warm.peakRssMiB,
      diffOverPlan: Number((diff.warm.ms / planProcess.ms).toFixed(2)),
      diffOverPlanCpu: Number((diff.warm.cpuMs / planProcess.cpuMs).toFixed(2)),
      diffColdProcessMs: diff.cold.ms,
      diffColdProcessUserMs: diff.cold.userMs,
      diffColdProcessCpuMs: diff.cold.cpuMs,
      diffColdProcessPeakRssMiB: diff.cold.peakRssMiB,
      diffColdOverPlan: Number((diff.cold.ms / planProcess.ms).toFixed(2)),
      resources: sizes.reduce((a, b) => a + b, 0),
      stacks: parts.length,
      sharedResources: sizes[0],
      largestShardResources: Math.max(...parts.filter((p) => p.name.startsWith("shard-")).map((p) => p.plan.resources.length)),
      routingResources: routing?.plan.resources.length ?? 0,
    });
  });
}

/**
 * `readiness diff --env prod` as one process after one team file's SLO objective changed, in a git
 * repository of the spec: `warm` with the base in the diff's cache (the warm-up run stores it, as
 * the first diff of a pull request does for every later one), `cold` with the cache emptied before
 * every run (the first diff against a base: it renders the base and stores it).
 */
function diffOfOneTeamFileChange(file: string): { warm: ProcessFigures; cold: ProcessFigures } {
  const cwd = path.dirname(file);
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=bench@example.test", "-c", "user.name=bench", ...args], { cwd, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "base");
  const team = path.join(cwd, "teams", readdirSync(path.join(cwd, "teams")).sort()[0]);
  writeFileSync(team, readFileSync(team, "utf8").replace(/objective: [\d.]+/, "objective: 99.5"));
  const cache = mkdtempSync(path.join(os.tmpdir(), "readiness-bench-cache-"));
  try {
    const args = [path.join(__dirname, "..", "bin", "readiness.js"), "diff", "--env", "prod", "--file", file];
    const env = { ...process.env, READINESS_CACHE_DIR: cache };
    const empty = () => rmSync(path.join(cache, "diff-base"), { recursive: true, force: true });
    const cold = processMedian(args, 3, empty, env);
    const warm = processMedian(args, 3, () => undefined, env);
    return { warm, cold };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** Writes the generated N-service spec over 50 team files into a temporary folder for `use`, then removes it. */
function withComposedSpec<T>(use: (spec: { root: string; files: Record<string, string>; file: string }) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), "readiness-bench-"));
  try {
    const { root, files } = generateComposedSpec(n, 50, 50);
    mkdirSync(path.join(dir, "teams"));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const file = path.join(dir, "readiness.yaml");
    writeFileSync(file, root);
    return use({ root, files, file });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `stack-pulumi N`: the shared stack and the largest shard of the composed layout registered in the SDK's mock runtime. */
async function stackRegistration() {
  let registered = 0;
  pulumi.runtime.setMocks({ newResource: (a: pulumi.runtime.MockResourceArgs) => (registered++, { id: `${a.name}-id`, state: { ...a.inputs, integrationKey: "k", url: "u", uid: "u" } }), call: (a: pulumi.runtime.MockCallArgs) => ({ ...a.inputs, id: "user" }) }, "bench", "prod", false);
  // The layout is computed while the files exist; registration needs only the models and plans.
  const { r, parts } = withComposedSpec(({ root, file }) => {
    const r = loadModels(root, file, fsIncludeReader);
    if (!r.ok) throw new Error("spec did not load");
    return { r, parts: partitionPlan(renderPlan(r.models.prod, settings), shardOfServices(r.models.prod.services.map((s) => s.id), { maxServices: 50 })) };
  });
  const largest = parts.filter((p) => p.name.startsWith("shard-")).sort((a, b) => b.plan.resources.length - a.plan.resources.length)[0];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ReadinessStack } = require("../components/readinessStack") as typeof import("../components/readinessStack");
  const timeOf = async (part: (typeof parts)[number]) => {
    registered = 0;
    const t0 = performance.now();
    new ReadinessStack(`bench-${part.name}`, { model: r.models.prod, settings, plan: part.plan, external: () => pulumi.output("from-shared"), secret: (k: string) => pulumi.secret(k) });
    const expected = part.plan.resources.length + part.plan.components.length;
    while (registered < expected) await new Promise((res) => setTimeout(res, 5));
    return performance.now() - t0;
  };
  const sharedMs = await timeOf(parts[0]);
  const shardMs = await timeOf(largest);
  print({ sharedResources: parts[0].plan.resources.length, sharedRegisterMs: sharedMs, largestShardResources: largest.plan.resources.length, largestShardRegisterMs: shardMs, totalMs: sharedMs + shardMs });
}

async function main() {
  if (mode === "composed") return composed();
  if (mode === "stack-pulumi") return stackRegistration();
  const text = generateSpec(n);
  if (mode === "offline") {
    // Warm the module caches once on a tiny spec, then measure the real one.
    const warm = loadModels(generateSpec(1), "bench.yaml");
    if (warm.ok) renderPlan(warm.models.prod, settings);
    const t0 = performance.now();
    const r = loadModels(text, "bench.yaml");
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics.slice(0, 3)));
    const t1 = performance.now();
    const plan = renderPlan(r.models.prod, settings);
    const t2 = performance.now();
    print({ validateResolveMs: t1 - t0, renderMs: t2 - t1, totalMs: t2 - t0, resources: plan.resources.length });
  } else {
    let registered = 0;
    pulumi.runtime.setMocks({ newResource: (a: pulumi.runtime.MockResourceArgs) => (registered++, { id: `${a.name}-id`, state: { ...a.inputs, integrationKey: "k", url: "u", uid: "u" } }), call: (a: pulumi.runtime.MockCallArgs) => ({ ...a.inputs, id: "user" }) }, "bench", "prod", false);
    const r = loadModels(text, "bench.yaml");
    if (!r.ok) throw new Error("spec did not load");
    const plan = renderPlan(r.models.prod, settings);
    // Loaded after setMocks on purpose: nothing may touch the Pulumi runtime before it is mocked.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ReadinessStack } = require("../components/readinessStack") as typeof import("../components/readinessStack");
    const t0 = performance.now();
    new ReadinessStack("bench", { model: r.models.prod, settings, secret: (k: string) => pulumi.secret(k) });
    const expected = plan.resources.length + plan.components.length;
    while (registered < expected) await new Promise((res) => setTimeout(res, 5));
    const t1 = performance.now();
    print({ totalMs: t1 - t0, resources: plan.resources.length });
  }
}

function print(figures: Record<string, number>) {
  const usage = process.resourceUsage();
  process.stdout.write(`${JSON.stringify({ mode, services: n, ...figures, peakRssMiB: Math.round(usage.maxRSS / 1024) })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${String(e?.stack ?? e)}\n`);
  process.exit(1);
});
