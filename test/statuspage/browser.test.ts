/**
 * What a person sees: headless Chromium loads the page served by the Worker in workerd, and the
 * rendered DOM must show the components, their statuses, an open incident, a component without an
 * HTTP endpoint decided by its alerts, and a maintenance notice. The screenshot is
 * kept at out/statuspage.png as a CI artifact.
 */
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CHROMIUM, chromium } from "../support/chromium";
import type { LocalService } from "./harness";
import { readFileSync } from "node:fs";
import { ADMIN_TOKEN, alertComponent, component, startService, startWorker, statusPage, WATCHDOG_TOKEN } from "./harness";

const OUT = resolve(__dirname, "..", "..", "out");

/** The text a reader sees, in document order, tags dropped and whitespace collapsed. */
function visibleText(dom: string): string {
  return dom
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

describe("the status page in a browser", () => {
  let services: LocalService[] = [];
  let worker: Awaited<ReturnType<typeof startWorker>>;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM)).toBe(true); // fail, not skip: CI must have Chromium (Debian package `chromium`)
    const [healthy, failing] = await Promise.all([startService("healthy"), startService("failing")]);
    services = [healthy, failing];
    worker = await startWorker(
      statusPage([
        component("billing-api", "API", "Merchant-facing", healthy.url),
        component("webhooks", "Webhooks", "Merchant-facing", failing.url),
        alertComponent("charge-run", "Nightly charges", "Back office"),
        component("reports", "Reports", "Back office", failing.url),
      ]),
      { port: 0 },
    );
    for (let i = 0; i < 3; i++) await worker.runProbes(new Date());
    const res = await worker.fetch("/api/incidents", {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Webhook deliveries failing", status: "identified", body: "Deliveries return errors <since 14:00>; a fix is rolling out.", components: ["webhooks"], impact: "outage" }),
    });
    expect(res.status).toBe(201);
    const grafana = JSON.parse(readFileSync(join(__dirname, "fixtures", "grafana-webhook.json"), "utf8"));
    const alert = await worker.fetch("/api/alerts/grafana", { method: "POST", headers: { Authorization: `Bearer ${WATCHDOG_TOKEN}` }, body: JSON.stringify(grafana) });
    expect(alert.status).toBe(202);
    const maintenance = await worker.fetch("/api/maintenance", {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Reporting database upgrade", body: "Reports may be stale until it ends.", components: ["reports"], startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }),
    });
    expect(maintenance.status).toBe(201);
  });

  afterAll(async () => {
    await worker?.mf.dispose();
    await Promise.all(services.map((s) => s.close()));
  });

  /** One browser run for both tests below (a launch is ~2 s of CPU): the screenshot, and the DOM it laid out. */
  const SCREENSHOT = join(OUT, "statuspage.png");
  let rendered: Promise<string> | undefined;
  const render = () =>
    (rendered ??= (async () => {
      mkdirSync(OUT, { recursive: true });
      rmSync(SCREENSHOT, { force: true });
      return chromium([`--screenshot=${SCREENSHOT}`, "--window-size=1200,1600", "--dump-dom", worker.url.href], 30_000);
    })());

  it("shows each component with its status, the overall state and the open incident", async () => {
    const text = visibleText(await render());
    expect(text).toContain("Acme Billing status");
    expect(text).toContain("Partial outage");
    expect(text).toMatch(/Merchant-facing API ✓ Operational .*Webhooks ✕ Outage .*Back office Nightly charges ✕ Outage Monitored by alerts · Alert firing: ChargeRunFailing .*Reports ◆ Under maintenance/);
    expect(text).toMatch(/Scheduled maintenance Reporting database upgrade In progress · Affects Reports · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC to \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC Reports may be stale until it ends\./);
    expect(text).toMatch(/Active incidents Webhook deliveries failing Identified · Affects Webhooks/);
    expect(text).toContain("Deliveries return errors <since 14:00>; a fix is rolling out.");
    // Nightly charges had no alert firing during the three runs; Reports failed them before its maintenance was announced.
    expect(text).toMatch(/100\.00% uptime .*0\.00% uptime .*100\.00% uptime .*0\.00% uptime/);
  });

  it("renders a screenshot for review", async () => {
    await render();
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });
});
