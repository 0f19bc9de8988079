/**
 * The status page under an alert storm, in workerd (miniflare): one Alertmanager notification of
 * 2,800 alerts at the 256 KiB webhook limit, timed end to end, and a `GET /` sent while it is being
 * applied. Median of five storms on one Durable Object (the first inserts, the rest update and
 * drop past the cap, as Alertmanager's repeats do), then five storms and five `GET /` one after
 * the other (the page then lists the cap's worth of firing alerts). Figures go to bench/alertStorm.json.
 * Run: npx tsx bench/alertStorm.ts (miniflare finds workerd only outside run-ts.js's loader).
 */
import { performance } from "node:perf_hooks";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { alertComponent, alertStorm, startWorker, statusPage, WATCHDOG_TOKEN } from "../test/statuspage/harness";

const ALERTS = 2800;
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const worker = await startWorker(statusPage([alertComponent("charge-run", "Nightly charges", "Back office")]));
  try {
    const storm = alertStorm("charge-run", ALERTS);
    const timed = async <T>(f: () => Promise<T>) => {
      const t0 = performance.now();
      const r = await f();
      return { r, ms: performance.now() - t0 };
    };
    const idleGet = [];
    for (let i = 0; i < RUNS; i++) idleGet.push((await timed(async () => (await worker.fetch("/")).text())).ms);
    const post: number[] = [];
    const concurrentGet: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [p, g] = await Promise.all([
        timed(async () => {
          const res = await worker.fetch("/api/alerts/alertmanager", { method: "POST", headers: { Authorization: `Bearer ${WATCHDOG_TOKEN}` }, body: storm });
          if (res.status !== 202) throw new Error(`storm answered ${res.status}`);
          return res.text();
        }),
        // Sent once the body is on its way, so it arrives while the notification is read and applied.
        new Promise((r) => setTimeout(r, 10)).then(() => timed(async () => (await worker.fetch("/")).text())),
      ]);
      post.push(p.ms);
      concurrentGet.push(g.ms);
    }
    const postAlone: number[] = [];
    const getAfter: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      postAlone.push((await timed(async () => (await worker.fetch("/api/alerts/alertmanager", { method: "POST", headers: { Authorization: `Bearer ${WATCHDOG_TOKEN}` }, body: storm })).text())).ms);
      getAfter.push((await timed(async () => (await worker.fetch("/")).text())).ms);
    }
    const result = {
      node: process.version,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
      alerts: ALERTS,
      bodyBytes: Buffer.byteLength(storm),
      runs: RUNS,
      stormPostMedianMs: Math.round(median(post)),
      stormPostMaxMs: Math.round(Math.max(...post)),
      concurrentGetMedianMs: Math.round(median(concurrentGet)),
      concurrentGetMaxMs: Math.round(Math.max(...concurrentGet)),
      stormPostAloneMedianMs: Math.round(median(postAlone)),
      idleGetMedianMs: Math.round(median(idleGet)),
      getWithCapFiringMedianMs: Math.round(median(getAfter)),
    };
    writeFileSync(path.join(__dirname, "alertStorm.json"), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await worker.mf.dispose();
  }
}

void main();
