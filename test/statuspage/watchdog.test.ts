/**
 * The status page Worker as the alerting pipeline's dead man's switch, in workerd, against a local
 * stand-in for the PagerDuty Events API: quiet while watchdogs arrive, exactly one page when one
 * stops, a resolve when it resumes, 401 for a wrong token; and /health going 503 when runs stop.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dur } from "../support/model";
import { component, fakePagerDuty, ROUTING_KEY, sqlite, startService, startWorker, stateDatabase, statusPage, WATCHDOG_TOKEN } from "./harness";
import type { LocalService } from "./harness";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the dead man's switch", () => {
  let service: LocalService;
  let pd: Awaited<ReturnType<typeof fakePagerDuty>>;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const watchdog = (source: string, token = WATCHDOG_TOKEN) =>
    worker.fetch(`/api/watchdog/${source}`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify({ status: "firing", alerts: [{ labels: { alertname: "Watchdog" } }] }) });

  beforeAll(async () => {
    service = await startService("healthy");
    pd = await fakePagerDuty();
    // A one-second silence limit keeps the test short; the arithmetic is the same as for 10m.
    worker = await startWorker(statusPage([component("api", "API", "Merchant-facing", service.url)], { deadMansSwitch: { after: dur("1s") } }), {
      build: { paging: true, backends: ["grafana", "pagerduty", "cloudflare"] },
      bindings: { PAGERDUTY_EVENTS_URL: pd.url },
    });
  });
  afterAll(async () => {
    await worker?.mf.dispose();
    await pd?.close();
    await service?.close();
  });

  it("refuses a watchdog with a wrong or missing token with 401, and an unknown source with 404", async () => {
    const wrong = await watchdog("grafana", "not-the-token");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(wrong.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const missing = await worker.fetch("/api/watchdog/grafana", { method: "POST", body: "{}" });
    expect(missing.status).toBe(401);
    expect((await watchdog("nagios")).status).toBe(404);
  });

  it("stays quiet while the watchdog arrives", async () => {
    expect((await watchdog("grafana")).status).toBe(202);
    await worker.runProbes(new Date());
    await sleep(600);
    expect((await watchdog("grafana")).status).toBe(202);
    await worker.runProbes(new Date());
    expect(pd.events).toEqual([]);
  });

  it("pages exactly once with the routing key when the watchdog stops, however many runs pass", async () => {
    await sleep(1500);
    await worker.runProbes(new Date());
    await worker.runProbes(new Date());
    await worker.runProbes(new Date());
    expect(pd.events).toHaveLength(1);
    expect(pd.events[0]).toMatchObject({ routing_key: ROUTING_KEY, event_action: "trigger", payload: { severity: "critical", component: "grafana", source: "status.acme.test" } });
    expect(String((pd.events[0].payload as { summary: string }).summary)).toMatch(/No grafana watchdog/);
  });

  it("resolves the same page when the watchdog resumes", async () => {
    expect((await watchdog("grafana")).status).toBe(202);
    await worker.runProbes(new Date());
    await worker.runProbes(new Date());
    expect(pd.events).toHaveLength(2);
    expect(pd.events[1]).toEqual({ routing_key: ROUTING_KEY, event_action: "resolve", dedup_key: pd.events[0].dedup_key });
  });

  it("pages for a source that never sent a watchdog, counting from the first run, and never in a paging: false environment", async () => {
    const pd2 = await fakePagerDuty();
    const page = statusPage([component("api", "API", "Merchant-facing", service.url)], { deadMansSwitch: { after: dur("1s") } });
    const paging = await startWorker(page, { build: { paging: true, backends: ["datadog", "grafana"] }, bindings: { PAGERDUTY_EVENTS_URL: pd2.url } });
    const quiet = await startWorker(page, { build: { paging: false, backends: ["datadog", "grafana"] }, bindings: { PAGERDUTY_EVENTS_URL: pd2.url } });
    try {
      await paging.fetch("/api/watchdog/grafana", { method: "POST", headers: { Authorization: `Bearer ${WATCHDOG_TOKEN}` }, body: "{}" });
      await Promise.all([paging.runProbes(new Date()), quiet.runProbes(new Date())]);
      expect(pd2.events).toEqual([]);
      await sleep(1500);
      await paging.fetch("/api/watchdog/grafana", { method: "POST", headers: { Authorization: `Bearer ${WATCHDOG_TOKEN}` }, body: "{}" });
      await Promise.all([paging.runProbes(new Date()), quiet.runProbes(new Date())]);
      expect(pd2.events.map((e) => [e.event_action, (e.payload as { component: string }).component])).toEqual([["trigger", "datadog"]]);
    } finally {
      await paging.mf.dispose();
      await quiet.mf.dispose();
      await pd2.close();
    }
  });
});

describe("/health", () => {
  it("answers 503 before the first run and when the last run is older than two intervals (2m for a 1m cron), 200 otherwise", async () => {
    const service = await startService("healthy");
    const persist = mkdtempSync(join(tmpdir(), "statuspage-health-"));
    const page = statusPage([component("api", "API", "Merchant-facing", service.url)], { probeEvery: dur("1m") });
    let worker = await startWorker(page, { persist });
    const lastRunAgo = async (seconds: number) => {
      await worker.mf.dispose();
      const at = new Date(Date.now() - seconds * 1000).toISOString();
      sqlite(stateDatabase(persist), `UPDATE docs SET value = '"${at}"' WHERE key = 'meta:lastRun'`);
      worker = await startWorker(page, { persist });
      return worker.fetch("/health");
    };
    try {
      expect((await worker.fetch("/health")).status).toBe(503);
      await worker.runProbes(new Date());
      expect((await worker.fetch("/health")).status).toBe(200);
      expect((await lastRunAgo(90)).status).toBe(200);
      const stale = await lastRunAgo(150);
      expect(stale.status).toBe(503);
      expect(((await stale.json()) as { error: string }).error).toMatch(/the last scheduled run was 15\ds ago, over two probe intervals \(120s\)/);
      expect(stale.headers.get("Cache-Control")).toBe("no-store");
      expect(stale.headers.get("X-Content-Type-Options")).toBe("nosniff");
      await worker.runProbes(new Date());
      expect((await worker.fetch("/health")).status).toBe(200);
    } finally {
      await worker.mf.dispose();
      await service.close();
      rmSync(persist, { recursive: true, force: true });
    }
  });
});
