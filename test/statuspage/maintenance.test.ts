/**
 * Scheduled maintenance and the Atom feed, in workerd: announced through the admin API, shown
 * before and while it runs, left out of uptime; and a feed that parses as XML (Chromium's parser)
 * and has what RFC 4287 requires of a feed and of each entry.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LocalService } from "./harness";
import { ADMIN_TOKEN, component, startService, startWorker, statusPage } from "./harness";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" };
const HOUR = 3_600_000;

describe("scheduled maintenance", () => {
  let failing: LocalService;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    failing = await startService("failing");
    worker = await startWorker(
      statusPage([component("api", "API", "Merchant-facing", failing.url, { alertAfter: 1 }), component("webhooks", "Webhooks", "Merchant-facing", failing.url, { alertAfter: 1 })]),
    );
  });
  afterAll(async () => {
    await worker?.mf.dispose();
    await failing?.close();
  });

  const post = (body: unknown, path = "/api/maintenance", method = "POST", headers: Record<string, string> = {}) =>
    worker.fetch(path, { method, headers: { ...auth, ...headers }, body: JSON.stringify(body) });
  const status = async () => (await (await worker.fetch("/api/status")).json()) as { overall: string; components: { id: string; status: string; uptime: number | null }[]; maintenance: { id: string; title: string }[] };

  it.each([
    [{ title: "t", body: "b", components: ["api"], startsAt: "2025-03-10T02:00:00Z", endsAt: "2025-03-10T01:00:00Z" }, "endsAt: must be after startsAt"],
    [{ title: "t", body: "b", components: ["api"], startsAt: "2025-03-10T02:00:00Z", endsAt: "2025-03-19T02:00:00Z" }, "at most 7 days"],
    [{ title: "t", body: "b", components: ["payroll"], startsAt: "2025-03-10T02:00:00Z", endsAt: "2025-03-10T03:00:00Z" }, "unknown component payroll"],
    [{ title: "t", body: "b", components: [], startsAt: "2025-03-10T02:00:00Z", endsAt: "2025-03-10T03:00:00Z" }, "at least one component"],
    [{ title: "t", body: "b", components: ["api"], startsAt: "tomorrow", endsAt: "2025-03-10T03:00:00Z" }, "startsAt: must be an ISO 8601 time"],
  ])("refuses %j: %s", async (body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });

  it("announces upcoming maintenance without changing the component's status", async () => {
    const start = new Date(Date.now() + 48 * HOUR).toISOString();
    const end = new Date(Date.now() + 50 * HOUR).toISOString();
    const res = await post({ title: "Database upgrade", body: "Webhooks are paused for up to two hours.", components: ["webhooks"], startsAt: start, endsAt: end });
    expect(res.status).toBe(201);
    const html = await (await worker.fetch("/")).text();
    expect(html).toMatch(/Scheduled maintenance<\/h2>[\s\S]*Database upgrade[\s\S]*<span class="label">Scheduled<\/span> · Affects Webhooks/);
    expect((await status()).components.find((c) => c.id === "webhooks")?.status).toBe("unknown");
  });

  it("shows maintenance in progress as the component's status and leaves its probes out of uptime", async () => {
    const res = await post({ title: "Card vault migration", body: "API writes may fail.", components: ["api"], startsAt: new Date(Date.now() - 1000).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() });
    expect(res.status).toBe(201);
    await worker.runProbes(new Date());
    await worker.runProbes(new Date(Date.now() + 1));
    const body = await status();
    expect(body.components.find((c) => c.id === "api")).toMatchObject({ status: "maintenance", uptime: null });
    expect(body.components.find((c) => c.id === "webhooks")).toMatchObject({ status: "outage", uptime: 0 });
    const history = (await (await worker.fetch("/api/history")).json()) as { components: { id: string; days: { probes: number; status: string }[] }[] };
    const today = history.components.find((c) => c.id === "api")!.days.at(-1)!;
    expect(today).toMatchObject({ probes: 0, status: "maintenance" });
    const html = await (await worker.fetch("/")).text();
    expect(html).toMatch(/API<\/span><span class="status s-maintenance">[^]*?Under maintenance/);
    expect(html).toMatch(/<span class="label">In progress<\/span> · Affects API/);
  });

  it("takes If-Match on a change and answers 409 when stale; a cancelled window is no longer shown", async () => {
    const id = (await status()).maintenance.find((m) => m.title === "Database upgrade")!.id;
    const stale = await post({ cancelled: true }, `/api/maintenance/${id}`, "PATCH", { "If-Match": '"7"' });
    expect(stale.status).toBe(409);
    const ok = await post({ cancelled: true }, `/api/maintenance/${id}`, "PATCH", { "If-Match": '"1"' });
    expect(ok.status).toBe(200);
    expect((await status()).maintenance.map((m) => m.title)).not.toContain("Database upgrade");
  });
});

describe("the Atom feed", () => {
  it("lists incidents and maintenance as entries with what RFC 4287 requires, and parses as XML", async () => {
    const worker = await startWorker(statusPage([component("api", "API & more", "Merchant-facing", "http://127.0.0.1:9/")]));
    const dir = mkdtempSync(join(tmpdir(), "readiness-feed-"));
    try {
      const incident = await worker.fetch("/api/incidents", { method: "POST", headers: auth, body: JSON.stringify({ title: "Errors <b>& timeouts</b>", status: "investigating", body: "Looking \u0001 into it.", components: ["api"] }) });
      expect(incident.status).toBe(201);
      const start = new Date(Date.now() + HOUR).toISOString();
      await worker.fetch("/api/maintenance", { method: "POST", headers: auth, body: JSON.stringify({ title: "Upgrade", body: "Short pause.", components: ["api"], startsAt: start, endsAt: new Date(Date.now() + 2 * HOUR).toISOString() }) });
      const res = await worker.fetch("/feed.atom");
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      const xml = await res.text();

      // Well-formed: Chromium's XML parser (libxml2) reports any error as a <parsererror> element.
      const file = join(dir, "feed.xml");
      writeFileSync(file, xml);
      const dom = execFileSync(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", `--user-data-dir=${join(dir, "profile")}`, "--dump-dom", `file://${file}`], { encoding: "utf8", timeout: 30_000, stdio: ["ignore", "pipe", "ignore"] });
      expect(dom).not.toContain("parsererror");
      expect(dom).toContain("Errors &lt;b&gt;&amp; timeouts&lt;/b&gt;");

      const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
      const head = xml.slice(0, xml.indexOf("<entry>"));
      expect(head).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
      for (const el of ["id", "title", "updated"]) expect(head.match(new RegExp(`<${el}[ >]`, "g"))).toHaveLength(1);
      expect(head).toMatch(/<author><name>[^<]+<\/name><\/author>/);
      expect(head).toContain('<link rel="self" type="application/atom+xml" href="https://status.acme.test/feed.atom"/>');
      expect(/<updated>([^<]+)<\/updated>/.exec(head)?.[1]).toMatch(rfc3339);
      const entries = xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
      expect(entries).toHaveLength(2);
      const ids = new Set<string>();
      for (const e of entries) {
        for (const el of ["id", "title", "updated", "published", "content"]) expect(e.match(new RegExp(`<${el}[ >]`, "g"))).toHaveLength(1);
        const id = /<id>([^<]+)<\/id>/.exec(e)![1];
        expect(id).toMatch(/^tag:status\.acme\.test,\d{4}-\d{2}-\d{2}:(incident|maintenance)\/[A-Za-z0-9-]+$/);
        ids.add(id);
        expect(/<updated>([^<]+)<\/updated>/.exec(e)![1]).toMatch(rfc3339);
      }
      expect(ids.size).toBe(2);
      expect(xml).toContain("<title type=\"text\">Investigating: Errors &lt;b&gt;&amp; timeouts&lt;/b&gt;</title>");
      expect(xml).toContain("<title type=\"text\">Scheduled maintenance: Upgrade</title>");
      expect(xml).not.toContain("\u0001");
    } finally {
      await worker.mf.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
