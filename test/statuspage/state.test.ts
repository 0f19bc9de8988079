/**
 * The Durable Object's promise, in workerd: concurrent writes are all kept or refused with 409,
 * scheduled runs neither overlap nor double-count, and no stored value, however corrupt, breaks
 * the page or makes a response leave without its headers.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Response as WorkerResponse } from "miniflare";
import type { LocalService } from "./harness";
import { ADMIN_TOKEN, component, sqlite, startService, startWorker, stateDatabase, statusPage } from "./harness";

type Worker = Awaited<ReturnType<typeof startWorker>>;
const json = { "Content-Type": "application/json" };
const auth = { ...json, Authorization: `Bearer ${ADMIN_TOKEN}` };

async function statusOf(worker: Worker) {
  const res = await worker.fetch("/api/status");
  expect(res.status).toBe(200);
  return (await res.json()) as { components: { id: string; status: string; uptime: number | null }[]; incidents: { id: string; title: string; updates: unknown[]; version: number }[] };
}

function expectHeaders(res: WorkerResponse) {
  expect(res.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'/);
  expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(res.headers.get("Strict-Transport-Security")).toMatch(/^max-age=/);
  expect(res.headers.get("Cache-Control")).toMatch(/no-store|max-age/);
}

describe("writes to the status page's Durable Object", () => {
  let service: LocalService;
  let worker: Worker;
  beforeAll(async () => {
    service = await startService("healthy");
    worker = await startWorker(statusPage([component("api", "API", "Merchant-facing", service.url), component("webhooks", "Webhooks", "Merchant-facing", service.url)]));
  });
  afterAll(async () => {
    await worker?.mf.dispose();
    await service?.close();
  });

  it("keeps every one of 100 incidents posted at once", async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        worker.fetch("/api/incidents", { method: "POST", headers: auth, body: JSON.stringify({ title: `parallel ${i}`, status: "investigating", body: `report ${i}`, components: ["api"] }) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(201));
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(100);
    const titles = (await statusOf(worker)).incidents.map((i) => i.title).filter((t) => t.startsWith("parallel "));
    expect(new Set(titles)).toEqual(new Set(Array.from({ length: 100 }, (_, i) => `parallel ${i}`)));
  });

  it("answers 50 PATCHes sent with the same If-Match with exactly one 200 and 49 409s, and records exactly the accepted one", async () => {
    const created = await worker.fetch("/api/incidents", { method: "POST", headers: auth, body: JSON.stringify({ title: "contended", status: "investigating", body: "start", components: ["webhooks"] }) });
    const { id } = (await created.json()) as { id: string };
    const etag = created.headers.get("ETag");
    expect(etag).toBe('"1"');
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => worker.fetch(`/api/incidents/${id}`, { method: "PATCH", headers: { ...auth, "If-Match": etag! }, body: JSON.stringify({ body: `operator ${i}` }) })),
    );
    const codes = responses.map((r) => r.status);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    const conflict = responses.find((r) => r.status === 409)!;
    expect(conflict.headers.get("ETag")).toBe('"2"');
    expectHeaders(conflict);
    const winner = (await responses.find((r) => r.status === 200)!.json()) as { body: string };
    const stored = (await statusOf(worker)).incidents.find((i) => i.id === id)!;
    expect(stored.version).toBe(2);
    expect(stored.updates).toHaveLength(2);
    expect((stored.updates[1] as { body: string }).body).toBe(winner.body);
  });

  it("keeps all of 50 parallel PATCHes that each name the version they read, retrying on 409 as a client should", async () => {
    const created = await worker.fetch("/api/incidents", { method: "POST", headers: auth, body: JSON.stringify({ title: "retried", status: "investigating", body: "start", components: [] }) });
    const { id } = (await created.json()) as { id: string };
    const patch = async (i: number): Promise<number> => {
      let conflicts = 0;
      for (;;) {
        const current = (await statusOf(worker)).incidents.find((x) => x.id === id)!;
        const res = await worker.fetch(`/api/incidents/${id}`, { method: "PATCH", headers: { ...auth, "If-Match": `"${current.version}"` }, body: JSON.stringify({ body: `note ${i}` }) });
        await res.arrayBuffer();
        if (res.status === 200) return conflicts;
        expect(res.status).toBe(409);
        conflicts += 1;
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => patch(i)));
    const stored = (await statusOf(worker)).incidents.find((i) => i.id === id)!;
    expect(stored.version).toBe(51);
    const bodies = stored.updates.slice(1).map((u) => (u as { body: string }).body);
    expect(new Set(bodies)).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `note ${i}`)));
  });
});

/** A service that answers after `delayMs` and remembers how many requests it served at once. */
async function slowService(delayMs: number) {
  let inFlight = 0;
  let maxInFlight = 0;
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      res.writeHead(200).end("ok");
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/`, hits: () => hits, maxInFlight: () => maxInFlight, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("scheduled runs", () => {
  it("never overlap, and count each run once: overlapping runs both counted, a repeated delivery not", async () => {
    const service = await slowService(400);
    const worker = await startWorker(statusPage([component("api", "API", "Merchant-facing", service.url, { timeout: "5s" })]));
    try {
      const now = Date.now();
      await Promise.all([worker.runProbes(new Date(now - 1000)), worker.runProbes(new Date(now)), worker.runProbes(new Date(now))]);
      expect(service.maxInFlight()).toBe(1);
      expect(service.hits()).toBe(2);
      const history = (await (await worker.fetch("/api/history")).json()) as { components: { days: { probes: number }[] }[] };
      expect(history.components[0].days.reduce((n, d) => n + d.probes, 0)).toBe(2);
    } finally {
      await worker.mf.dispose();
      await service.close();
    }
  });
});

describe("corrupt or old-format stored values", () => {
  let service: LocalService;
  beforeAll(async () => {
    service = await startService("healthy");
  });
  /** A persist directory where the page has run once (its Durable Object's database made, one probe run), copied per case. */
  let seed: string | undefined;
  afterAll(async () => {
    if (seed) rmSync(seed, { recursive: true, force: true });
    await service?.close();
  });
  const page = () => statusPage([component("healthy", "API", "Merchant-facing", service.url)]);

  /** A fresh copy of `seed`, made on first use: one workerd run for all the cases instead of one each. */
  async function seeded(): Promise<string> {
    if (!seed) {
      seed = mkdtempSync(join(tmpdir(), "statuspage-seed-"));
      const worker = await startWorker(page(), { persist: seed });
      try {
        await worker.runProbes(new Date());
      } finally {
        await worker.mf.dispose();
      }
    }
    const persist = mkdtempSync(join(tmpdir(), "statuspage-state-"));
    cpSync(seed, persist, { recursive: true });
    return persist;
  }

  /** Every read path and a write answer without a 500 (with their headers), and the page still shows the component. */
  async function expectServed(worker: Worker, expectedStatus = "degraded") {
    for (const path of ["/", "/api/status", "/api/history", "/health"]) {
      const res = await worker.fetch(path);
      await res.arrayBuffer();
      expect(res.status).not.toBe(500);
      expect([200, 503]).toContain(res.status);
      expectHeaders(res);
    }
    await worker.runProbes(new Date());
    const posted = await worker.fetch("/api/incidents", { method: "POST", headers: auth, body: JSON.stringify({ title: "after repair", status: "investigating", body: "b", components: ["healthy"] }) });
    expect(posted.status).toBe(201);
    const body = await statusOf(worker);
    expect(body.components.find((c) => c.id === "healthy")?.status).toBe(expectedStatus); // the worst open incident's impact
    expect(body.incidents.some((i) => i.title === "after repair")).toBe(true);
    expect((await worker.fetch("/")).status).toBe(200);
  }

  it.each([
    ["latest", "null"],
    ["history", "null"],
    ["history", '{"healthy":"x"}'],
    ["history", "[null]"],
    ["history", '{"healthy":[null,{"date":"2025-01-01","probes":"many"}]}'],
    ["incidents", "[null]"],
    ["incidents", '{"not":"a list"}'],
    ["incidents", "not json at all"],
    ["incidents", '[{"id":"2025-01-01-old","title":"Old format","status":"identified","impact":"outage","body":"no updates field","components":["healthy"],"createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z"}]'],
    ["incidents", '[{"id":"2025-01-01-bad","title":"Bad impact","status":"resolved","impact":"\\"><b>x</b>","body":"b","components":[],"createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z","updates":[]}]'],
  ])("an older version's KV %s=%s is imported without a 500 and repaired", async (key, value) => {
    const persist = mkdtempSync(join(tmpdir(), "statuspage-state-"));
    try {
      // The older version's value is in KV before the new version first runs, without a second
      // workerd: nothing reaches the Durable Object before the first request below, and the
      // object's constructor is where the KV import happens.
      const worker = await startWorker(page(), { persist });
      try {
        const kv = (await worker.mf.getKVNamespace("STATUS_KV")) as unknown as { put(key: string, value: string): Promise<void> };
        await kv.put(key, value);
        // The old-format incident is kept (repaired with its text as its only update) and still says outage.
        await expectServed(worker, value.includes("Old format") ? "outage" : "degraded");
        const html = await (await worker.fetch("/")).text();
        expect(html).not.toContain("<b>x</b>");
        if (value.includes("Old format")) expect(html).toContain("no updates field");
      } finally {
        await worker.mf.dispose();
      }
      const rows = sqlite(stateDatabase(persist), "SELECT value FROM docs").trim().split("\n");
      for (const row of rows) expect(() => JSON.parse(row)).not.toThrow();
    } finally {
      rmSync(persist, { recursive: true, force: true });
    }
  });

  it.each([
    ["latest:healthy", "null"],
    ["latest:healthy", '{"last":{"at":"yesterday"}}'],
    ["days:healthy", "null"],
    ["days:healthy", '"x"'],
    ["days:healthy", "[null]"],
    ["days:healthy", '[{"date":"2025-01-01","probes":1,"failures":9,"slow":0,"outage":0}]'],
    ["incident:2025-01-01-aaaa", "[null]"],
    ["incident:2025-01-01-aaaa", "{not json"],
    ["incident:2025-01-01-aaaa", '{"id":"2025-01-01-aaaa","title":"No updates","status":"monitoring","impact":"degraded","body":"b","components":["healthy"],"createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z"}'],
    ["incident:2025-01-01-aaaa", '{"id":"2025-01-01-aaaa","title":"Injected","status":"identified","impact":"x onmouseover=alert(1)","body":"b","components":[],"createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z","updates":[]}'],
  ])("a corrupt Durable Object value %s=%s is served without a 500 and repaired in storage", async (key, value) => {
    const persist = await seeded();
    try {
      const db = stateDatabase(persist);
      sqlite(db, `INSERT INTO docs (key, value) VALUES ('${key}', '${value.replace(/'/g, "''")}') ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
      const worker = await startWorker(page(), { persist });
      try {
        await expectServed(worker);
        expect(await (await worker.fetch("/")).text()).not.toContain("onmouseover");
      } finally {
        await worker.mf.dispose();
      }
      const stored = sqlite(db, `SELECT value FROM docs WHERE key = '${key}'`).trim();
      if (stored !== "") {
        expect(stored).not.toBe(value);
        expect(() => JSON.parse(stored)).not.toThrow();
      }
    } finally {
      rmSync(persist, { recursive: true, force: true });
    }
  });
});

describe("every answer carries the security and cache headers", () => {
  let worker: Worker;
  beforeAll(async () => {
    worker = await startWorker(statusPage([component("api", "API", "Merchant-facing", "http://127.0.0.1:9/")]));
  });
  afterAll(async () => worker?.mf.dispose());

  it.each<[string, () => Promise<WorkerResponse>, number]>([
    ["health before any run", () => worker.fetch("/health"), 503],
    ["unknown path", () => worker.fetch("/nope"), 404],
    ["wrong method", () => worker.fetch("/api/status", { method: "DELETE" }), 405],
    ["no token", () => worker.fetch("/api/incidents", { method: "POST", body: "{}" }), 401],
    ["bad JSON", () => worker.fetch("/api/incidents", { method: "POST", headers: auth, body: "{" }), 400],
    ["body too large", () => worker.fetch("/api/incidents", { method: "POST", headers: auth, body: "x".repeat(20_000) }), 413],
    ["an internal path from outside", () => worker.fetch("/internal/run", { method: "POST", body: "{}" }), 404],
    ["patching a missing incident", () => worker.fetch("/api/incidents/nope", { method: "PATCH", headers: auth, body: '{"status":"resolved"}' }), 404],
  ])("%s: %s", async (_what, send, code) => {
    const res = await send();
    await res.arrayBuffer();
    expect(res.status).toBe(code);
    expectHeaders(res);
  });
});
