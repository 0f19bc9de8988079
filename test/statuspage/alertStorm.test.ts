/**
 * Alert notifications under a storm and out of order, in workerd: a 2,800-alert Alertmanager
 * notification at the 256 KiB limit is applied with the page still answering, the alerts kept per
 * component are capped (the rest counted), expired rows leave storage on the next write, and a
 * notification older than what is stored for its alert (a replay, a late HA peer, a firing alert
 * whose end has passed) changes nothing. A watchdog's own "resolved" is not a heartbeat.
 * Timings of the storm are recorded by `bench/alertStorm.ts`, not asserted here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dur } from "../support/model";
import { MAX_ALERTS_PER_COMPONENT } from "../../statuspage/worker/alertState";
import { alertComponent, alertStorm, component, fakePagerDuty, sqlite, startService, startWorker, stateDatabase, statusPage, WATCHDOG_TOKEN } from "./harness";

const page = statusPage([alertComponent("charge-run", "Nightly charges", "Back office"), alertComponent("phones", "Phone line", "Support")]);
const auth = { Authorization: `Bearer ${WATCHDOG_TOKEN}`, "Content-Type": "application/json" };

type Worker = Awaited<ReturnType<typeof startWorker>>;
const post = (worker: Worker, source: string, body: unknown) => worker.fetch(`/api/alerts/${source}`, { method: "POST", headers: auth, body: typeof body === "string" ? body : JSON.stringify(body) });
const statusOf = async (worker: Worker, id: string) => {
  const body = (await (await worker.fetch("/api/status")).json()) as { components: { id: string; status: string; firingAlerts: string[] }[] };
  return body.components.find((c) => c.id === id)!;
};

describe("an alert storm", () => {
  const persist = mkdtempSync(join(tmpdir(), "statuspage-storm-"));
  let worker: Worker;
  beforeAll(async () => {
    worker = await startWorker(page, { persist });
  });
  afterAll(async () => {
    await worker?.mf.dispose();
    rmSync(persist, { recursive: true, force: true });
  });

  it("applies 2,800 alerts in one 256 KiB notification while GET / still answers, keeping at most the cap and counting the rest", async () => {
    const storm = alertStorm("charge-run", 2800);
    expect(Buffer.byteLength(storm)).toBeGreaterThan(200 * 1024);
    expect(Buffer.byteLength(storm)).toBeLessThanOrEqual(256 * 1024);
    const [posted, page] = await Promise.all([post(worker, "alertmanager", storm), new Promise((r) => setTimeout(r, 20)).then(() => worker.fetch("/"))]);
    expect(posted.status).toBe(202);
    expect(await posted.json()).toEqual({ signals: 2800, applied: 2800, stale: 0, dropped: 2800 - MAX_ALERTS_PER_COMPONENT });
    expect(page.status).toBe(200);
    const charge = await statusOf(worker, "charge-run");
    expect(charge.status).toBe("outage");
    expect(charge.firingAlerts).toHaveLength(MAX_ALERTS_PER_COMPONENT);
    // The same storm again (Alertmanager repeats it every repeat_interval) keeps the bound.
    expect(await (await post(worker, "alertmanager", storm)).json()).toMatchObject({ signals: 2800, applied: 2800 });
    expect((await statusOf(worker, "charge-run")).firingAlerts).toHaveLength(MAX_ALERTS_PER_COMPONENT);
    expect((await statusOf(worker, "phones")).status).toBe("operational");
  });

  it("prunes expired alerts from storage on the next write, and moves alerts an older version stored into the table", async () => {
    await worker.mf.dispose();
    const db = stateDatabase(persist);
    const expired = Date.parse("2020-01-01T00:00:00Z");
    sqlite(db, `INSERT INTO alerts (component, key, name, severity, firing, since, until, at, updated) VALUES ('phones', 'alertmanager:old', 'Old', 'page', 1, ${expired}, ${expired}, NULL, ${expired})`);
    const legacy = JSON.stringify({ "alertmanager:legacy": { name: "LineDown", severity: "page", since: new Date().toISOString(), until: new Date(Date.now() + 3600_000).toISOString() } });
    sqlite(db, `INSERT INTO docs (key, value) VALUES ('meta:alerts:phones', '${legacy}')`);
    worker = await startWorker(page, { persist });
    expect(await statusOf(worker, "phones")).toMatchObject({ status: "outage", firingAlerts: ["LineDown"] });
    await post(worker, "alertmanager", { status: "resolved", alerts: [{ status: "resolved", labels: { alertname: "X", service: "phones", severity: "ticket" } }] });
    await worker.mf.dispose();
    expect(sqlite(db, "SELECT count(*) FROM alerts WHERE key = 'alertmanager:old'").trim()).toBe("0");
    expect(sqlite(db, "SELECT count(*) FROM docs WHERE key LIKE 'meta:alerts:%'").trim()).toBe("0");
    expect(Number(sqlite(db, "SELECT value FROM docs WHERE key = 'meta:alertsDropped'").trim())).toBe(2 * (2800 - MAX_ALERTS_PER_COMPONENT));
    worker = await startWorker(page, { persist });
  });
});

describe("notifications out of order", () => {
  let worker: Worker;
  beforeAll(async () => {
    worker = await startWorker(page);
  });
  afterAll(async () => {
    await worker?.mf.dispose();
  });

  const am = (status: "firing" | "resolved", startsAt: string, endsAt: string, fingerprint = "f1") => ({
    status,
    alerts: [{ status, labels: { alertname: "ChargeRunFailing", service: "charge-run", severity: "page" }, startsAt, endsAt, fingerprint }],
  });
  const ZERO = "0001-01-01T00:00:00Z";

  it("ignores a replayed fire after its resolve (an HA Alertmanager pair, a retry)", async () => {
    const t0 = new Date(Date.now() - 600_000).toISOString();
    const t1 = new Date(Date.now() - 60_000).toISOString();
    await post(worker, "alertmanager", am("firing", t0, ZERO));
    expect((await statusOf(worker, "charge-run")).status).toBe("outage");
    await post(worker, "alertmanager", am("resolved", t0, t1));
    expect((await statusOf(worker, "charge-run")).status).toBe("operational");
    const replay = await post(worker, "alertmanager", am("firing", t0, ZERO));
    expect(await replay.json()).toEqual({ signals: 1, applied: 0, stale: 1, dropped: 0 });
    expect((await statusOf(worker, "charge-run")).status).toBe("operational");
    // A new episode of the same alert (a later startsAt) fires again.
    await post(worker, "alertmanager", am("firing", new Date().toISOString(), ZERO));
    expect((await statusOf(worker, "charge-run")).status).toBe("outage");
    await post(worker, "alertmanager", am("resolved", new Date().toISOString(), new Date().toISOString()));
    expect((await statusOf(worker, "charge-run")).status).toBe("operational");
  });

  it("takes a firing alert whose endsAt has passed as resolved", async () => {
    await post(worker, "grafana", am("firing", "2001-01-01T00:00:00Z", "2001-01-01T00:05:00Z", "f2"));
    expect((await statusOf(worker, "charge-run")).status).toBe("operational");
  });

  it("orders Datadog transitions by last_updated", async () => {
    const dd = (transition: string, lastUpdated: number) => ({ id: "99", transition, tags: "service:charge-run,severity:page", title: "t", scope: "", last_updated: String(lastUpdated) });
    const now = Date.now();
    await post(worker, "datadog", dd("Recovered", now));
    const late = await post(worker, "datadog", dd("Triggered", now - 60_000));
    expect(await late.json()).toMatchObject({ applied: 0, stale: 1 });
    expect((await statusOf(worker, "charge-run")).status).toBe("operational");
    await post(worker, "datadog", dd("Triggered", now + 1000));
    expect((await statusOf(worker, "charge-run")).status).toBe("outage");
    await post(worker, "datadog", dd("Recovered", now + 2000));
    expect((await statusOf(worker, "charge-run")).status).toBe("operational");
  });
});

describe("a resolved watchdog", () => {
  it("is not a heartbeat: the dead man's switch stays paged", async () => {
    const service = await startService("healthy");
    const pd = await fakePagerDuty();
    const worker = await startWorker(statusPage([component("api", "API", "Merchant-facing", service.url)], { deadMansSwitch: { after: dur("1s") } }), {
      build: { paging: true, backends: ["grafana", "pagerduty", "cloudflare"] },
      bindings: { PAGERDUTY_EVENTS_URL: pd.url },
    });
    const watchdog = (body: unknown) => worker.fetch("/api/watchdog/grafana", { method: "POST", headers: auth, body: JSON.stringify(body) });
    try {
      await worker.runProbes(new Date());
      await new Promise((r) => setTimeout(r, 1500));
      await worker.runProbes(new Date());
      expect(pd.events.map((e) => e.event_action)).toEqual(["trigger"]);
      const resolved = await watchdog({ status: "resolved", alerts: [{ status: "resolved", labels: { alertname: "Watchdog" } }] });
      expect(await resolved.json()).toMatchObject({ counted: false });
      await worker.runProbes(new Date());
      expect(pd.events.map((e) => e.event_action)).toEqual(["trigger"]);
      expect(await (await watchdog({ status: "firing", alerts: [{ status: "firing", labels: { alertname: "Watchdog" } }] })).json()).toMatchObject({ counted: true });
      await worker.runProbes(new Date());
      expect(pd.events.map((e) => e.event_action)).toEqual(["trigger", "resolve"]);
    } finally {
      await worker.mf.dispose();
      await pd.close();
      await service.close();
    }
  });
});
