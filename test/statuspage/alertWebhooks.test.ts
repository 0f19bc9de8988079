/**
 * End to end in workerd: an alert readiness renders for an alert-decided service is routed to the
 * status page by the rendered Grafana policy and Alertmanager export, and the notification each
 * sends (its documented body carrying that alert's labels; Datadog's from the rendered payload
 * template) moves the component to outage and back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Model } from "../../specification/model";
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import type { PlanValue } from "../../plan/plan";
import { alertmanagerConfig } from "../../backends/prometheus/alertmanager";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule } from "../../rules/rule";
import { alertmanagerDelivery } from "../../backends/prometheus/delivery";
import { grafanaDelivery } from "../../backends/grafana/delivery";
import { dur, makeAlert, makeModel, makeService } from "../support/model";
import { alertComponent, startWorker, statusPage, WATCHDOG_TOKEN } from "./harness";

const settings = settingsFromConfig((k) => ({ "readiness:cloudflareAccountId": "acct", "readiness:cloudflareZoneId": "zone", "readiness:grafanaDatasourceUid": "prom" })[k]);
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, "fixtures", name), "utf8")) as { alerts: Record<string, unknown>[] } & Record<string, unknown>;

const page = statusPage([alertComponent("charge-run", "Nightly charges", "Back office")]);
const model: Model = makeModel({
  backends: ["grafana", "datadog", "pagerduty", "cloudflare"],
  services: [makeService({ id: "charge-run", name: "Nightly charges", alerts: [makeAlert({ id: "failing", serviceId: "charge-run", summary: "Charge run failing", query: { prometheus: "charge_run_failed > 0", datadog: "sum:charge_run.failed{*}" } })] })],
  statusPage: { ...page, probeEvery: dur("1m") },
});
const plan = renderPlan(model, settings);
type Obj = { [k: string]: PlanValue };

/** Labels of the rendered alert rule as the alerting engine sends them (with `alertname`). */
const promLabels = () => {
  const rule = prometheusRuleGroups(model).flatMap((g) => g.rules.filter(isAlertRule)).find((r) => r.labels.alert === "failing")!;
  return { ...rule.labels, alertname: rule.alert };
};
const grafanaLabels = () => {
  const rules = plan.resources.filter((r) => r.type === "grafana:alerting/ruleGroup:RuleGroup").flatMap((r) => r.inputs.rules as Obj[]);
  const rule = rules.find((r) => (r.labels as Record<string, string> | undefined)?.alert === "failing")!;
  return { ...(rule.labels as Record<string, string>), alertname: String(rule.name), grafana_folder: "shop" };
};

/** The provider's documented body with one alert, carrying `labels`, in `status`. */
function amShape(file: string, labels: Record<string, string>, status: "firing" | "resolved") {
  const body = fixture(file);
  return { ...body, status, commonLabels: labels, alerts: [{ ...body.alerts[0], status, labels }] };
}

/** Datadog's post: the rendered webhook payload with the monitor's variables filled in. */
function datadogShape(transition: string) {
  const monitor = plan.resources.find((r) => r.type === "datadog:index/monitor:Monitor" && r.name === "charge-run/failing")!;
  const hook = plan.resources.find((r) => r.type === "datadog:index/webhook:Webhook" && r.inputs.name === "shop-prod-readiness-statuspage-alerts")!;
  const vars: Record<string, string> = { ALERT_ID: "777", ALERT_TRANSITION: transition, TAGS: (monitor.inputs.tags as string[]).join(","), EVENT_TITLE: `[${transition}] ${String(monitor.inputs.name)}`, ALERT_SCOPE: "", LAST_UPDATED: String(Date.now()) };
  expect(String(monitor.inputs.message)).toContain("@webhook-shop-prod-readiness-statuspage-alerts");
  return JSON.parse(String(hook.inputs.payload).replace(/\$([A-Z_]+)/g, (_, v: string) => JSON.stringify(vars[v]).slice(1, -1))) as unknown;
}

describe("alert notifications readiness renders, received by the Worker", () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    worker = await startWorker(page);
  });
  afterAll(async () => {
    await worker?.mf.dispose();
  });

  const send = (source: string, body: unknown) =>
    worker.fetch(`/api/alerts/${source}`, { method: "POST", headers: { Authorization: `Bearer ${WATCHDOG_TOKEN}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const status = async () => {
    const body = (await (await worker.fetch("/api/status")).json()) as { components: { id: string; status: string }[] };
    return body.components.find((c) => c.id === "charge-run")?.status;
  };

  it("routes the rendered rules' labels to the status page in Grafana and Alertmanager", () => {
    expect(grafanaDelivery(model, plan)!(grafanaLabels()).routes).toContain("status-page:https://status.acme.test/api/alerts/grafana");
    expect(alertmanagerDelivery(model, alertmanagerConfig(model))(promLabels()).routes).toContain("status-page:https://status.acme.test/api/alerts/alertmanager");
  });

  it.each([
    ["grafana", (s: "firing" | "resolved") => amShape("grafana-webhook.json", grafanaLabels(), s)],
    ["alertmanager", (s: "firing" | "resolved") => amShape("alertmanager-webhook.json", promLabels(), s)],
    ["datadog", (s: "firing" | "resolved") => datadogShape(s === "firing" ? "Triggered" : "Recovered")],
  ] as const)("sets the component to outage and back from %s", async (source, body) => {
    const firing = await send(source, body("firing"));
    expect(firing.status).toBe(202);
    expect(await firing.json()).toEqual({ signals: 1, applied: 1, stale: 0, dropped: 0 });
    expect(await status()).toBe("outage");
    expect((await send(source, body("resolved"))).status).toBe(202);
    expect(await status()).toBe("operational");
  });
});
