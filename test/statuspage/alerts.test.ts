/**
 * Components decided by alerts, in workerd: Grafana, Alertmanager and Datadog notification payloads
 * (shaped as their documentation shows, in fixtures/) move a component to outage and back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LocalService } from "./harness";
import { alertComponent, component, startService, startWorker, statusPage, WATCHDOG_TOKEN } from "./harness";

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, "fixtures", name), "utf8")) as Record<string, unknown>;

/** The same notification with every alert's status (and the group's) set to `status`, and its labels changed. */
function alertmanagerShape(body: Record<string, unknown>, status: "firing" | "resolved", labels: Record<string, string> = {}) {
  const alerts = (body.alerts as { status: string; labels: Record<string, string> }[]).map((a) => ({ ...a, status, labels: { ...a.labels, ...labels } }));
  return { ...body, status, alerts };
}

function datadogShape(body: Record<string, unknown>, status: "firing" | "resolved", labels: Record<string, string> = {}) {
  const tags = String(body.tags).split(",").map((t) => {
    const [k] = t.split(":");
    return labels[k] !== undefined ? `${k}:${labels[k]}` : t;
  });
  return { ...body, transition: status === "firing" ? "Triggered" : "Recovered", tags: tags.join(",") };
}

const SOURCES = [
  ["grafana", "grafana-webhook.json", alertmanagerShape],
  ["alertmanager", "alertmanager-webhook.json", alertmanagerShape],
  ["datadog", "datadog-webhook.json", datadogShape],
] as const;

describe("components decided by alerts", () => {
  let service: LocalService;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    service = await startService("healthy");
    worker = await startWorker(
      statusPage([
        component("billing-api", "API", "Merchant-facing", service.url),
        component("webhooks", "Webhooks", "Merchant-facing", service.url, { decidedBy: "both" }),
        alertComponent("charge-run", "Nightly charges", "Back office"),
      ]),
    );
    await worker.runProbes(new Date());
  });
  afterAll(async () => {
    await worker?.mf.dispose();
    await service?.close();
  });

  const send = (source: string, body: unknown, token = WATCHDOG_TOKEN) =>
    worker.fetch(`/api/alerts/${source}`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const statuses = async () => {
    const body = (await (await worker.fetch("/api/status")).json()) as { components: { id: string; status: string; firingAlerts: string[] }[] };
    return Object.fromEntries(body.components.map((c) => [c.id, c.status]));
  };

  it("shows a component with no HTTP endpoint as operational while none of its alerts fire", async () => {
    expect(await statuses()).toEqual({ "billing-api": "operational", webhooks: "operational", "charge-run": "operational" });
  });

  it.each(SOURCES)("moves it to outage on a page alert from %s and back when it resolves", async (source, file, shape) => {
    const body = fixture(file);
    const firing = await send(source, shape(body, "firing"));
    expect(firing.status).toBe(202);
    expect(await firing.json()).toEqual({ signals: 1, applied: 1, stale: 0, dropped: 0 });
    expect((await statuses())["charge-run"]).toBe("outage");
    const html = await (await worker.fetch("/")).text();
    expect(html).toMatch(/Nightly charges<\/span><span class="status s-outage">/);
    expect(html).toMatch(/Monitored by alerts · Alert firing: /);
    expect((await send(source, shape(body, "resolved"))).status).toBe(202);
    expect((await statuses())["charge-run"]).toBe("operational");
  });

  it.each(SOURCES)("shows a ticket alert from %s as degraded", async (source, file, shape) => {
    await send(source, shape(fixture(file), "firing", { severity: "ticket" }));
    expect((await statuses())["charge-run"]).toBe("degraded");
    await send(source, shape(fixture(file), "resolved", { severity: "ticket" }));
    expect((await statuses())["charge-run"]).toBe("operational");
  });

  it("lets alerts take a component decided by both down though its probe passes, and ignores them for one decided by probes", async () => {
    const body = fixture("alertmanager-webhook.json");
    await send("alertmanager", alertmanagerShape(body, "firing", { service: "webhooks" }));
    await send("alertmanager", alertmanagerShape(body, "firing", { service: "billing-api" }));
    expect(await statuses()).toMatchObject({ webhooks: "outage", "billing-api": "operational" });
    await send("alertmanager", alertmanagerShape(body, "resolved", { service: "webhooks" }));
    expect((await statuses()).webhooks).toBe("operational");
  });

  it("counts runs with a page alert firing against the component's uptime", async () => {
    const body = fixture("grafana-webhook.json");
    await send("grafana", alertmanagerShape(body, "firing"));
    await worker.runProbes(new Date(Date.now() + 1000));
    await send("grafana", alertmanagerShape(body, "resolved"));
    const history = (await (await worker.fetch("/api/history")).json()) as { components: { id: string; uptime: number }[] };
    expect(history.components.find((c) => c.id === "charge-run")?.uptime).toBe(50);
  });

  it("refuses a notification without the token (401) and ignores alerts naming no known service", async () => {
    const wrong = await send("grafana", fixture("grafana-webhook.json"), "nope");
    expect(wrong.status).toBe(401);
    const other = await send("grafana", alertmanagerShape(fixture("grafana-webhook.json"), "firing", { service: "payroll" }));
    expect(await other.json()).toEqual({ signals: 1, applied: 0, stale: 0, dropped: 0 });
    for (const junk of ["null", "[1,2]", '{"alerts":"x"}', "not json"]) {
      const res = await worker.fetch("/api/alerts/grafana", { method: "POST", headers: { Authorization: `Bearer ${WATCHDOG_TOKEN}` }, body: junk });
      expect(res.status).toBe(202);
    }
    expect((await statuses())["charge-run"]).toBe("operational");
  });
});
