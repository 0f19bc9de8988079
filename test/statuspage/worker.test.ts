/**
 * The built worker.js in workerd (miniflare) against real local HTTP services: what a merchant and
 * an operator get from the deployed status page.
 */
import { createHash } from "node:crypto";
import type { Response as WorkerResponse } from "miniflare";
import type { LocalService } from "./harness";
import { ADMIN_TOKEN, component, startService, startWorker, statusPage } from "./harness";

const DAY = 86_400_000;

describe("the status page Worker in workerd", () => {
  let services: Record<"healthy" | "failing" | "flaky" | "hanging", LocalService>;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const runMs: number[] = [];
  let now: Date;

  beforeAll(async () => {
    const [healthy, failing, flaky, hanging] = await Promise.all([startService("healthy"), startService("failing"), startService("flaky"), startService("hanging")]);
    services = { healthy, failing, flaky, hanging };
    worker = await startWorker(
      statusPage([
        component("billing-api", "API", "Merchant-facing", healthy.url, { bodyContains: '"status":"ok"' }),
        component("dashboard", "Dashboard", "Merchant-facing", flaky.url),
        component("webhooks", "Webhooks", "Merchant-facing", failing.url),
        component("charge-run", "Nightly charges", "Back office", hanging.url, { timeout: "1s", alertAfter: 2 }),
      ]),
    );
    now = new Date();
    // Two days ago, yesterday, and twice today: four runs over three UTC days.
    const startOfToday = Math.floor(now.getTime() / DAY) * DAY;
    for (const at of [new Date(now.getTime() - 2 * DAY), new Date(now.getTime() - DAY), new Date(Math.max(startOfToday, now.getTime() - 5000)), now]) {
      const started = Date.now();
      await worker.runProbes(at);
      runMs.push(Date.now() - started);
    }
  });

  afterAll(async () => {
    await worker?.mf.dispose();
    await Promise.all(Object.values(services ?? {}).map((s) => s.close()));
  });

  const statusBody = async () => (await (await worker.fetch("/api/status")).json()) as {
    overall: string;
    components: { id: string; name: string; group: string; status: string; uptime: number | null }[];
    incidents: { id: string; title: string; status: string }[];
    updatedAt: string | null;
  };

  it("probes every component on each run, and a service that never answers costs no more than its timeout", () => {
    expect(services.healthy.hits()).toBe(4);
    expect(services.failing.hits()).toBe(4);
    expect(services.hanging.hits()).toBe(4);
    for (const ms of runMs) {
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(2500);
    }
  });

  it.each([
    ["billing-api", "operational", 100],
    ["dashboard", "degraded", 75],
    ["webhooks", "outage", 0],
    ["charge-run", "outage", 0],
  ])("reports %s as %s with %s%% uptime", async (id, status, uptime) => {
    const body = await statusBody();
    const c = body.components.find((x) => x.id === id);
    expect(c).toMatchObject({ status, uptime });
  });

  it("lists components with name and group, the worst status overall, and the time of the last probe", async () => {
    const body = await statusBody();
    expect(body.components.map((c) => [c.id, c.name, c.group])).toEqual([
      ["billing-api", "API", "Merchant-facing"],
      ["dashboard", "Dashboard", "Merchant-facing"],
      ["webhooks", "Webhooks", "Merchant-facing"],
      ["charge-run", "Nightly charges", "Back office"],
    ]);
    expect(body.overall).toBe("outage");
    expect(Date.parse(body.updatedAt ?? "")).toBeGreaterThanOrEqual(now.getTime() - 2000);
  });

  it("keeps a daily history: probes and failures per UTC day, and the day's worst state", async () => {
    const history = (await (await worker.fetch("/api/history")).json()) as {
      historyDays: number;
      components: { id: string; days: { date: string; status: string; probes: number; failures: number; uptime: number | null }[] }[];
    };
    expect(history.historyDays).toBe(30);
    const days = (id: string) => {
      const c = history.components.find((x) => x.id === id);
      expect(c?.days).toHaveLength(30);
      return c!.days.slice(-3).map((d) => [d.probes, d.failures, d.status]);
    };
    // Runs 1 and 2 fall on the two earlier days; runs 3 and 4 on today.
    expect(days("billing-api")).toEqual([[1, 0, "operational"], [1, 0, "operational"], [2, 0, "operational"]]);
    expect(days("dashboard")).toEqual([[1, 1, "degraded"], [1, 0, "operational"], [2, 0, "operational"]]);
    expect(days("webhooks")).toEqual([[1, 1, "degraded"], [1, 1, "degraded"], [2, 2, "outage"]]);
    expect(days("charge-run")).toEqual([[1, 1, "degraded"], [1, 1, "outage"], [2, 2, "outage"]]);
    const older = history.components[0].days.slice(0, -3);
    expect(older.every((d) => d.status === "unknown" && d.probes === 0 && d.uptime === null)).toBe(true);
  });

  it("serves the page with every security header, a CSP that admits exactly its own stylesheet, and a short cache", async () => {
    const res = await worker.fetch("/");
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=30");
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(style).digest("base64");
    expect(res.headers.get("Content-Security-Policy")).toContain(`style-src 'sha256-${hash}'`);
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('<html lang="en">');
  });

  it.each(["/", "/api/status", "/api/history", "/health", "/nope"])("sends security headers on %s", async (path) => {
    const res = await worker.fetch(path);
    await res.arrayBuffer();
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("Strict-Transport-Security")).toMatch(/^max-age=\d{7,}/);
    expect(res.headers.get("Content-Security-Policy")).toMatch(/frame-ancestors 'none'/);
    if (path !== "/") expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it("answers /health 200 while scheduled runs are recent, without probing, and 404 for unknown paths", async () => {
    const hits = services.healthy.hits();
    const health = await worker.fetch("/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", lastRun: expect.any(String) });
    expect(services.healthy.hits()).toBe(hits);
    expect((await worker.fetch("/admin")).status).toBe(404);
  });

  const post = (body: string, token?: string, method = "POST", path = "/api/incidents") =>
    worker.fetch(path, { method, body, headers: { "Content-Type": "application/json", ...(token !== undefined ? { Authorization: `Bearer ${token}` } : {}) } });
  const valid = JSON.stringify({ title: "Webhooks delayed", status: "investigating", body: "We are looking into it.", components: ["webhooks"] });

  it.each<{ what: string; send: () => Promise<WorkerResponse>; code: number }>([
    { what: "no token", send: () => post(valid), code: 401 },
    { what: "a wrong token", send: () => post(valid, "correct-horse-battery-stapl"), code: 401 },
    { what: "a token with extra characters", send: () => post(valid, `${ADMIN_TOKEN}x`), code: 401 },
    { what: "a body over 16 KiB", send: () => post(JSON.stringify({ title: "x", status: "investigating", body: "y".repeat(17 * 1024), components: [] }), ADMIN_TOKEN), code: 413 },
    { what: "malformed JSON", send: () => post('{"title": "x", ', ADMIN_TOKEN), code: 400 },
    { what: "an unknown status", send: () => post(JSON.stringify({ title: "x", status: "panicking", body: "b", components: [] }), ADMIN_TOKEN), code: 400 },
    { what: "an unknown component", send: () => post(JSON.stringify({ title: "x", status: "identified", body: "b", components: ["payroll"] }), ADMIN_TOKEN), code: 400 },
    { what: "an unexpected field", send: () => post(JSON.stringify({ title: "x", status: "identified", body: "b", components: [], severity: 1 }), ADMIN_TOKEN), code: 400 },
    { what: "GET on the incident list", send: () => worker.fetch("/api/incidents"), code: 405 },
    { what: "PUT on an incident", send: () => post(valid, ADMIN_TOKEN, "PUT", "/api/incidents/abc"), code: 405 },
    { what: "POST on the page", send: () => post(valid, ADMIN_TOKEN, "POST", "/"), code: 405 },
  ])("refuses an incident request with $what: $code", async ({ send, code }) => {
    const res = await send();
    const body = (await res.json()) as { error: string };
    expect(res.status).toBe(code);
    expect(body.error.length).toBeGreaterThan(0);
    if (code === 401) expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    if (code === 405) expect(res.headers.get("Allow")).toMatch(/GET|POST|PATCH/);
    const incidents = (await statusBody()).incidents;
    expect(incidents.filter((i) => i.title === "Webhooks delayed" || i.title === "x")).toEqual([]);
  });

  it("says what was wrong with a refused body", async () => {
    const res = await post(JSON.stringify({ title: "x", status: "panicking", body: "b", components: ["payroll"] }), ADMIN_TOKEN);
    expect(((await res.json()) as { error: string }).error).toMatch(/status: must be one of investigating, identified, monitoring, resolved/);
  });

  it("shows an incident's text escaped, lets it override a component's status, and restores the probes' word once resolved", async () => {
    const created = await post(
      JSON.stringify({ title: "<script>alert(1)</script> API errors", status: "investigating", body: 'Merchants see "500" & <b>retries</b>', components: ["billing-api"], impact: "outage" }),
      ADMIN_TOKEN,
    );
    expect(created.status).toBe(201);
    const incident = (await created.json()) as { id: string; status: string };
    expect(incident.status).toBe("investigating");

    const during = await statusBody();
    expect(during.components.find((c) => c.id === "billing-api")?.status).toBe("outage");
    expect(during.incidents.map((i) => [i.id, i.status])).toEqual([[incident.id, "investigating"]]);
    const html = await (await worker.fetch("/")).text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; API errors");
    expect(html).toContain("Merchants see &quot;500&quot; &amp; &lt;b&gt;retries&lt;/b&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("Active incidents");

    const patched = await post(JSON.stringify({ status: "resolved", body: "Fixed." }), ADMIN_TOKEN, "PATCH", `/api/incidents/${incident.id}`);
    expect(patched.status).toBe(200);
    const after = await statusBody();
    expect(after.components.find((c) => c.id === "billing-api")?.status).toBe("operational");
    expect(after.incidents.map((i) => [i.id, i.status])).toEqual([[incident.id, "resolved"]]);
    const page = await (await worker.fetch("/")).text();
    expect(page).not.toContain("Active incidents");
    expect(page).toMatch(/Past incidents[\s\S]*API errors[\s\S]*Fixed\./);
  });

  it("answers 404 when patching an incident that does not exist, and 401 before saying so without a token", async () => {
    expect((await post(JSON.stringify({ status: "resolved" }), ADMIN_TOKEN, "PATCH", "/api/incidents/2020-01-01-deadbeef")).status).toBe(404);
    expect((await post(JSON.stringify({ status: "resolved" }), undefined, "PATCH", "/api/incidents/2020-01-01-deadbeef")).status).toBe(401);
  });
});
