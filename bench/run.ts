/**
 * `npm run bench`: the offline pipeline against the floor `pulumi up` pays anyway (registering the
 * same resources through the Pulumi SDK), for generated specs of 10, 100 and 1,000 services.
 * Figures go to bench/results.json; the README shows the latest table.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const SIZES = [10, 100, 1000];
/** Median of three for the small sizes; the 1,000-service SDK run takes minutes, so it runs once. */
const repeatsFor = (n: number) => (n >= 1000 ? 1 : 3);

function measure(mode: string, n: number): Record<string, number> {
  const out = execFileSync(process.execPath, [path.join(__dirname, "..", "bin", "run-ts.js"), path.join(__dirname, "measure.ts"), mode, String(n)], { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split("\n").pop() as string);
}

/** The median run by total time, so one slow start does not decide the figure. */
function median(mode: string, n: number): Record<string, number> {
  const runs = Array.from({ length: repeatsFor(n) }, () => measure(mode, n)).sort((a, b) => a.totalMs - b.totalMs);
  return runs[Math.floor(runs.length / 2)];
}

const rows = SIZES.map((n) => {
  const offline = median("offline", n);
  const sdk = median("pulumi", n);
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
  };
  process.stdout.write(`${JSON.stringify(row)}\n`);
  return row;
});

// A company-sized spec: 1,000 services in 50 team files, split into stacks of 50 services; the
// whole process (load every file, plan, partition) with its peak memory.
const composed = measure("composed", 1000);
process.stdout.write(`${JSON.stringify(composed)}\n`);
// Registering the shared stack and the largest shard of that layout through the SDK (mock runtime).
const stacks = measure("stack-pulumi", 1000);
process.stdout.write(`${JSON.stringify(stacks)}\n`);

const result = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, repeats: Object.fromEntries(SIZES.map((n) => [n, repeatsFor(n)])), rows, composed, stacks };
writeFileSync(path.join(__dirname, "results.json"), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write("\n| services | resources | offline ms | µs/resource | peak MiB | Pulumi mock ms | µs/resource | peak MiB | floor / offline |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
for (const r of rows) process.stdout.write(`| ${r.services} | ${r.resources} | ${r.offlineMs} | ${r.offlineUsPerResource} | ${r.offlinePeakRssMiB} | ${r.pulumiMockMs} | ${r.pulumiMockUsPerResource} | ${r.pulumiMockPeakRssMiB} | ${r.floorOverOffline}x |\n`);
