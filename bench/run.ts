/**
 * `npm run bench`: the offline pipeline against the floor `pulumi up` pays anyway (registering the
 * same resources through the Pulumi SDK), for generated specs of 10, 100 and 1,000 services.
 * Figures go to bench/results.json; the README shows the latest table.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * BENCH_SIZES=10,100 limits the generated sizes (the 1,000-service SDK run takes minutes);
 * BENCH_SIZES=none times only the CLI and keeps the previous rows of results.json.
 */
const PREVIOUS = JSON.parse(readFileSync(path.join(__dirname, "results.json"), "utf8")) as { cli: Record<string, number>; rows: Record<string, number>[]; repeats: Record<string, number>; userProgram?: Record<string, unknown> };
const SIZES = process.env.BENCH_SIZES === "none" || process.env.BENCH_ONLY === "composed" ? [] : (process.env.BENCH_SIZES ?? "10,100,1000").split(",").map(Number);
/** BENCH_ONLY=composed measures only the 1,000-service composed layout and keeps every other figure of results.json. */
const ONLY_COMPOSED = process.env.BENCH_ONLY === "composed";
const ROOT = path.join(__dirname, "..");
/** What Pulumi.yaml's `nodeargs` gives the program: the SDK captures a stack for every resource. */
const STACK_TRACE_FLAG = "--stack-trace-limit=0";
/** Median of three for the small sizes; the 1,000-service SDK run takes minutes, so it runs once. */
const repeatsFor = (n: number) => (n >= 1000 ? 1 : 3);

function measure(mode: string, n: number, nodeArgs: string[] = []): Record<string, number> {
  const out = execFileSync(process.execPath, [...nodeArgs, path.join(ROOT, "bin", "run-ts.js"), path.join(__dirname, "measure.ts"), mode, String(n)], { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split("\n").pop() as string);
}

/** The median run by total time, so one slow start does not decide the figure. */
function median(mode: string, n: number, nodeArgs: string[] = []): Record<string, number> {
  const runs = Array.from({ length: repeatsFor(n) }, () => measure(mode, n, nodeArgs)).sort((a, b) => a.totalMs - b.totalMs);
  return runs[Math.floor(runs.length / 2)];
}

/** Whole-process wall time of a command, median of `runs` after one warm-up (which also fills the code cache). */
function wallMedianMs(args: string[], runs = 5): number {
  const once = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}`);
    return performance.now() - t0;
  };
  once();
  const times = Array.from({ length: runs }, once).sort((a, b) => a - b);
  return Math.round(times[Math.floor(runs / 2)]);
}

// The CLI as a user calls it: whole processes on the example, against node doing nothing.
execFileSync(process.execPath, [path.join(ROOT, "scripts", "build.js")]);
const BIN = path.join(ROOT, "bin", "readiness.js");
const cli = ONLY_COMPOSED
  ? PREVIOUS.cli
  : {
      nodeNothingMs: wallMedianMs(["-e", "0"]),
      helpMs: wallMedianMs([BIN, "--help"]),
      versionMs: wallMedianMs([BIN, "--version"]),
      validateMs: wallMedianMs([BIN, "validate"]),
      planProdMs: wallMedianMs([BIN, "plan", "--env", "prod"]),
    };
process.stdout.write(`${JSON.stringify({ cli })}\n`);

/**
 * What `tsc` costs a user of the package: fixtures/user-program (60 lines) type-checked with
 * library checks on against this build's published declarations, beside an empty program that
 * imports only @pulumi/pulumi (the floor: the SDK's own declarations). Whole-process median of 3.
 */
function userProgramTypecheck() {
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build.js"), "--types"], { stdio: "ignore" });
  const dir = mkdtempSync(path.join(os.tmpdir(), "readiness-user-program-"));
  mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
  // The package resolves as installed; its imports find the SDK copy the program itself uses.
  symlinkSync(ROOT, path.join(dir, "node_modules", "readiness"));
  symlinkSync(path.join(ROOT, "node_modules", "@pulumi", "pulumi"), path.join(dir, "node_modules", "@pulumi", "pulumi"));
  copyFileSync(path.join(ROOT, "fixtures", "user-program", "index.ts"), path.join(dir, "program.ts"));
  writeFileSync(path.join(dir, "empty.ts"), 'import * as pulumi from "@pulumi/pulumi";\nexport const x = pulumi.output(1);\n');
  const tsc = (file: string) => () => {
    const t0 = performance.now();
    const args = [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "--strict", "--module", "node16", "--moduleResolution", "node16", "--types", "node", "--typeRoots", path.join(ROOT, "node_modules", "@types"), file];
    const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`tsc ${file} exited ${r.status}: ${r.stdout}${r.stderr}`);
    return performance.now() - t0;
  };
  const med = (f: () => number) => Math.round([f(), f(), f()].sort((a, b) => a - b)[1]);
  const figures = { programMs: med(tsc("program.ts")), sdkOnlyMs: med(tsc("empty.ts")), loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))) };
  rmSync(dir, { recursive: true, force: true });
  return figures;
}
const userProgram = ONLY_COMPOSED && PREVIOUS.userProgram ? PREVIOUS.userProgram : userProgramTypecheck();
process.stdout.write(`${JSON.stringify({ userProgram })}\n`);

const rows = SIZES.map((n) => {
  const offline = median("offline", n);
  const sdk = median("pulumi", n, [STACK_TRACE_FLAG]);
  const sdkFullTraces = median("pulumi", n);
  const row = {
    services: n,
    resources: offline.resources,
    offlineMs: Math.round(offline.totalMs),
    offlineUsPerResource: Math.round((offline.totalMs * 1000) / offline.resources),
    offlinePeakRssMiB: offline.peakRssMiB,
    pulumiMockMs: Math.round(sdk.totalMs),
    pulumiMockUsPerResource: Math.round((sdk.totalMs * 1000) / sdk.resources),
    pulumiMockPeakRssMiB: sdk.peakRssMiB,
    floorOverOffline: Number((sdk.totalMs / offline.totalMs).toFixed(1)),
    pulumiMockFullStackTracesMs: Math.round(sdkFullTraces.totalMs),
    pulumiMockFullStackTracesPeakRssMiB: sdkFullTraces.peakRssMiB,
  };
  process.stdout.write(`${JSON.stringify(row)}\n`);
  return row;
});

const previous = SIZES.length ? undefined : PREVIOUS;
if (previous) rows.push(...(previous.rows as typeof rows));
// A company-sized spec: 1,000 services in 50 team files, split into stacks of 50 services; the
// whole process (load every file, plan, partition) with its peak memory.
// With the machine's load while it ran: figures from a busy machine are slower than a quiet one's.
const composed = { ...measure("composed", 1000), loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))) };
process.stdout.write(`${JSON.stringify(composed)}\n`);
// Registering the shared stack and the largest shard of that layout through the SDK (mock runtime).
const stacks = measure("stack-pulumi", 1000);
process.stdout.write(`${JSON.stringify(stacks)}\n`);

const result = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, cli, pulumiNodeArgs: STACK_TRACE_FLAG, repeats: previous?.repeats ?? Object.fromEntries(SIZES.map((n) => [n, repeatsFor(n)])), rows, userProgram, composed, stacks };
writeFileSync(path.join(__dirname, "results.json"), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`\n| node -e 0 | --help | --version | validate | plan --env prod |\n|---:|---:|---:|---:|---:|\n| ${cli.nodeNothingMs} ms | ${cli.helpMs} ms | ${cli.versionMs} ms | ${cli.validateMs} ms | ${cli.planProdMs} ms |\n`);
process.stdout.write(`\n| services | resources | offline ms | µs/resource | peak MiB | Pulumi mock ms (${STACK_TRACE_FLAG}) | µs/resource | peak MiB | floor / offline | Pulumi mock ms (full stack traces) | peak MiB |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n`);
for (const r of rows) process.stdout.write(`| ${r.services} | ${r.resources} | ${r.offlineMs} | ${r.offlineUsPerResource} | ${r.offlinePeakRssMiB} | ${r.pulumiMockMs} | ${r.pulumiMockUsPerResource} | ${r.pulumiMockPeakRssMiB} | ${r.floorOverOffline}x | ${r.pulumiMockFullStackTracesMs} | ${r.pulumiMockFullStackTracesPeakRssMiB} |\n`);
