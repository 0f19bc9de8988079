/**
 * Alert notifications to the status page: where a component is decided by alerts, Grafana, the
 * Alertmanager export (and its operator resource) and Datadog send that service's page and ticket
 * alerts to the Worker's /api/alerts/<source>, beside their normal routing and never instead of it,
 * with the token as a secret; what they send is what the Worker reads.
 */
import { parse } from "yaml";
import type { Model, Service, Severity, StatusComponent, StatusPage } from "../../specification/model";
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import { planJson } from "../../plan/format/json";
import { planMarkdown } from "../../plan/format/markdown";
import { planText } from "../../plan/format/text";
import { printable } from "../../plan/format/value";
import type { Plan, PlannedResource, PlanValue } from "../../plan/plan";
import { alertmanagerConfig, renderAlertmanagerConfig } from "../../backends/prometheus/alertmanager";
import { alertmanagerConfigResource } from "../../backends/prometheus/alertmanagerConfigResource";
import { DATADOG_STATUS_PAGE_PAYLOAD } from "../../backends/datadog/statusPageAlerts";
import { alertmanagerDelivery } from "../../backends/prometheus/delivery";
import { grafanaDelivery } from "../../backends/grafana/delivery";
import { audit } from "../../audit";
import { parseAlertNotification } from "../../statuspage/worker/alerts";
import { amtoolCheck, amtoolRoute } from "../support/selfHostedTools";
import { budget, dur, makeAlert, makeCheck, makeModel, makeService } from "../support/model";
import { inputsOf } from "../support/inputs";

const TOKEN = "sup3r-s3cret-watchdog-token";
const config: Record<string, string> = {
  "readiness:cloudflareAccountId": "acct",
  "readiness:cloudflareZoneId": "zone",
  "readiness:grafanaDatasourceUid": "prom",
  "readiness:watchdogToken": TOKEN,
};
const settings = settingsFromConfig((k) => config[k]);

const both = { prometheus: "sum(rate(errors_total[5m]))", datadog: "sum:errors{*}" };
const alertsOf = (serviceId: string) =>
  (["page", "ticket", "info"] as Severity[]).map((severity) => makeAlert({ id: `${severity}-alert`, serviceId, severity, declaredSeverity: severity, summary: `${serviceId} ${severity}`, query: both }));
const service = (id: string): Service => makeService({ id, name: id, alerts: alertsOf(id) });
const component = (id: string, decidedBy: StatusComponent["decidedBy"]): StatusComponent => ({ id, name: id, group: "All", decidedBy, alertAfter: 3, ...(decidedBy === "alerts" ? {} : { probe: { url: `https://${id}.example.test/health`, method: "GET", expectStatus: 200, timeout: budget("10s") } }) });
const page = (components: StatusComponent[]): StatusPage => ({ title: "Status", hostname: "status.example.test", probeEvery: dur("1m"), historyDays: 90, components });

/** batch is decided by alerts, web by both, api by probes; other is not on the page. */
function model(over: Partial<Model> = {}): Model {
  return makeModel({
    backends: ["grafana", "datadog", "pagerduty", "cloudflare"],
    services: ["api", "batch", "web", "other"].map(service),
    statusPage: page([component("api", "probes"), component("batch", "alerts"), component("web", "both")]),
    ...over,
  });
}

const byType = (plan: Plan, type: string) => plan.resources.filter((r) => r.type === type);
const named = (plan: Plan, type: string, name: string): PlannedResource | undefined => byType(plan, type).find((r) => r.inputs.name === name);
type Obj = { [k: string]: PlanValue };
const policiesOf = (plan: Plan) => (inputsOf(byType(plan, "grafana:alerting/notificationPolicy:NotificationPolicy")[0]).policies ?? []) as Obj[];

const LABELS = ["api", "batch", "web", "other"].flatMap((s) => (["page", "ticket", "info"] as const).map((severity) => ({ env: "prod", service: s, severity })));
const withoutStatusPage = (routes: string[]) => routes.filter((r) => !r.startsWith("status-page:"));

describe("Grafana", () => {
  const plan = renderPlan(model(), settings);

  it("has a webhook contact point to /api/alerts/grafana with the token as a bearer secret", () => {
    expect(inputsOf(named(plan, "grafana:alerting/contactPoint:ContactPoint", "shop-prod-statuspage-alerts"))).toEqual({
      name: "shop-prod-statuspage-alerts",
      webhooks: [{ url: "https://status.example.test/api/alerts/grafana", httpMethod: "POST", authorizationScheme: "Bearer", authorizationCredentials: { $secret: "readiness:watchdogToken" }, disableResolveMessage: false }],
    });
  });

  it("puts a continuing branch for the alert-decided services' page and ticket alerts right after the watchdog", () => {
    const [watchdog, statusPage] = policiesOf(plan);
    expect(watchdog.matchers).toEqual([{ label: "watchdog", match: "=", value: "true" }]);
    expect(statusPage).toMatchObject({
      matchers: [
        { label: "service", match: "=~", value: "batch|web" },
        { label: "severity", match: "=~", value: "page|ticket" },
      ],
      contactPoint: expect.objectContaining({ resource: "statuspage-alerts", output: "name" }),
      continue: true,
    });
  });

  it("delivers only those alerts to the status page, and everything exactly where it went without the branch", () => {
    const withPage = grafanaDelivery(model(), plan)!;
    const bare = model({ statusPage: page([component("api", "probes")]) });
    const without = grafanaDelivery(bare, renderPlan(bare, settings))!;
    for (const labels of LABELS) {
      const d = withPage(labels);
      const sent = ["batch", "web"].includes(labels.service) && labels.severity !== "info";
      expect({ labels, sent: d.routes.includes("status-page:https://status.example.test/api/alerts/grafana") }).toEqual({ labels, sent });
      expect({ labels, routes: withoutStatusPage(d.routes), wakes: d.wakes }).toEqual({ labels, ...without(labels) });
    }
  });

  it("keeps the root's fallback for an alert no other branch takes (a severity routed nowhere)", () => {
    const m = model({ routing: { ...model().routing, ticket: { severity: "ticket", targets: [] } } });
    const d = grafanaDelivery(m, renderPlan(m, settings))!({ service: "batch", severity: "ticket" });
    expect(d.routes).toEqual(["status-page:https://status.example.test/api/alerts/grafana", "email:team@example.test"]);
    expect(policiesOf(renderPlan(m, settings)).at(-1)).toEqual({ contactPoint: expect.objectContaining({ resource: "email-team@example.test" }) });
  });
});

describe("the Alertmanager export", () => {
  const m = model();
  const am = alertmanagerConfig(m);
  const text = renderAlertmanagerConfig(m);

  it("has a receiver posting to /api/alerts/alertmanager with the token read from the watchdog's file", () => {
    expect(am.receivers.find((r) => r.name === "statuspage-alerts")).toEqual({
      name: "statuspage-alerts",
      webhook_configs: [{ url: "https://status.example.test/api/alerts/alertmanager", send_resolved: true, http_config: { authorization: { type: "Bearer", credentials_file: "/etc/alertmanager/watchdog-token" } } }],
    });
  });

  it("routes the alert-decided services' page and ticket alerts there first, continuing", () => {
    expect(am.route.routes![0].receiver).toBe("watchdog");
    expect(am.route.routes![1]).toMatchObject({ receiver: "statuspage-alerts", matchers: ['env="prod"', 'service=~"batch|web"', 'severity=~"page|ticket"'], continue: true });
  });

  it("is accepted by amtool, which routes to the page and still to people", () => {
    expect(amtoolCheck(text)).toMatchObject({ ok: true });
    expect(amtoolRoute(text, { env: "prod", service: "batch", severity: "page" })).toEqual(["statuspage-alerts", "page/batch"]);
    expect(amtoolRoute(text, { env: "prod", service: "web", severity: "ticket" })).toEqual(["statuspage-alerts", "ticket"]);
    expect(amtoolRoute(text, { env: "prod", service: "web", severity: "info" })).toEqual(["info"]);
    expect(amtoolRoute(text, { env: "prod", service: "api", severity: "page" })).toEqual(["page/api"]);
    expect(amtoolRoute(text, { env: "prod", service: "other", severity: "page" })).toEqual(["page/other"]);
  });

  it("delivers everything else exactly where it went without the route, and wakes no one through it", () => {
    const withPage = alertmanagerDelivery(m, am);
    const bare = model({ statusPage: page([component("api", "probes")]) });
    const without = alertmanagerDelivery(bare, alertmanagerConfig(bare));
    for (const labels of LABELS) {
      const d = withPage(labels);
      expect({ labels, routes: withoutStatusPage(d.routes), wakes: d.wakes }).toEqual({ labels, ...without(labels) });
    }
  });

  it("is not gated by business hours, which only silence deliveries to people", () => {
    const hours = { timezone: "Europe/Berlin", days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 17, minute: 0 } };
    const gated = model({ oncall: { ...model().oncall, businessHours: hours as NonNullable<Model["oncall"]["businessHours"]> }, services: ["api", "batch", "web"].map((id) => makeService({ id, name: id, alerts: [makeAlert({ serviceId: id, businessHoursOnly: true, query: both })] })) });
    const route = alertmanagerConfig(gated).route.routes!.find((r) => r.receiver === "statuspage-alerts")!;
    expect(route.routes).toBeUndefined();
    expect(route.active_time_intervals).toBeUndefined();
  });

  it("becomes an operator receiver reading the token from the Secret, and a continuing route", () => {
    const spec = alertmanagerConfigResource(m, { namespace: "monitoring", labels: {}, secretName: "readiness-alertmanager" }).spec as { route: { routes: Obj[] }; receivers: Obj[] };
    expect(spec.receivers.find((r) => r.name === "statuspage-alerts")).toEqual({
      name: "statuspage-alerts",
      webhookConfigs: [{ url: "https://status.example.test/api/alerts/alertmanager", sendResolved: true, httpConfig: { authorization: { type: "Bearer", credentials: { name: "readiness-alertmanager", key: "watchdog-token" } } } }],
    });
    expect(spec.route.routes[1]).toMatchObject({
      receiver: "statuspage-alerts",
      continue: true,
      matchers: [
        { name: "env", matchType: "=", value: "prod" },
        { name: "service", matchType: "=~", value: "batch|web" },
        { name: "severity", matchType: "=~", value: "page|ticket" },
      ],
    });
  });
});

/** What Datadog posts for a monitor that triggers: the payload template with its variables filled in. */
function datadogPost(monitor: PlannedResource, transition: string): unknown {
  const vars: Record<string, string> = { ALERT_ID: "4242", ALERT_TRANSITION: transition, TAGS: (monitor.inputs.tags as string[]).join(","), EVENT_TITLE: `[Triggered] ${String(monitor.inputs.name)}`, ALERT_SCOPE: "", LAST_UPDATED: String(Date.now()) };
  const body = String(inputsOf(named(renderPlan(model(), settings), "datadog:index/webhook:Webhook", "shop-prod-readiness-statuspage-alerts")).payload);
  return JSON.parse(body.replace(/\$([A-Z_]+)/g, (_, v: string) => JSON.stringify(vars[v]).slice(1, -1)));
}

describe("Datadog", () => {
  const plan = renderPlan(model(), settings);
  const monitor = (serviceId: string, severity: Severity) => byType(plan, "datadog:index/monitor:Monitor").find((r) => r.name === `${serviceId}/${severity}-alert`)!;

  it("has a webhook to /api/alerts/datadog with the Worker's payload and the token as a secret header", () => {
    expect(inputsOf(named(plan, "datadog:index/webhook:Webhook", "shop-prod-readiness-statuspage-alerts"))).toEqual({
      name: "shop-prod-readiness-statuspage-alerts",
      url: "https://status.example.test/api/alerts/datadog",
      encodeAs: "json",
      payload: DATADOG_STATUS_PAGE_PAYLOAD,
      customHeaders: { $concat: ['{"Authorization": "Bearer ', { $secret: "readiness:watchdogToken" }, '"}'] },
    });
  });

  it("notifies it from the alert-decided services' page and ticket monitors only, after their routes", () => {
    const hook = "@webhook-shop-prod-readiness-statuspage-alerts";
    expect(String(monitor("batch", "page").inputs.message)).toMatch(/@pagerduty-shop-prod-batch @webhook-shop-prod-readiness-statuspage-alerts$/);
    expect(String(monitor("web", "ticket").inputs.message)).toMatch(/@slack-alerts @webhook-shop-prod-readiness-statuspage-alerts$/);
    for (const [s, sev] of [["batch", "info"], ["api", "page"], ["other", "page"], ["other", "ticket"]] as const) expect({ s, sev, message: monitor(s, sev).inputs.message }).not.toEqual({ s, sev, message: expect.stringContaining(hook) });
  });

  it("notifies it from the alert-decided services' synthetic tests too", () => {
    const m = model({ services: [makeService({ id: "web", name: "web", checks: [makeCheck({ serviceId: "web" })] }), makeService({ id: "api", name: "api", checks: [makeCheck({ serviceId: "api" })] })] });
    const tests = byType(renderPlan(m, settings), "datadog:index/syntheticsTest:SyntheticsTest");
    expect(Object.fromEntries(tests.map((t) => [t.name, String(t.inputs.message).includes("@webhook-shop-prod-readiness-statuspage-alerts")]))).toEqual({ "web/health": true, "api/health": false });
  });

  it("posts a body the Worker reads as this service's alert firing and resolving", () => {
    expect(parseAlertNotification("datadog", datadogPost(monitor("batch", "page"), "Triggered"))).toEqual([{ key: "4242:", service: "batch", severity: "page", firing: true, name: "[Triggered] batch: batch page", at: expect.any(Number) }]);
    expect(parseAlertNotification("datadog", datadogPost(monitor("batch", "page"), "Recovered"))).toMatchObject([{ service: "batch", firing: false }]);
  });

  it("lists the handle in the audit without anyone it wakes", () => {
    const report = audit(model(), { now: new Date("2026-11-23T00:00:00Z"), plan });
    const item = report.rendered.find((i) => i.backend === "datadog" && i.name === "batch: batch ticket")!;
    expect(item).toMatchObject({ routes: ["@slack-alerts", "@webhook-shop-prod-readiness-statuspage-alerts"], wakes: [] });
  });
});

describe("where nothing is decided by alerts", () => {
  it.each([
    ["no status page", { statusPage: undefined }],
    ["only probed components", { statusPage: page([component("api", "probes")]) }],
  ])("renders no contact point, route, receiver or webhook with %s", (_, over) => {
    const m = model(over);
    const plan = renderPlan(m, settings);
    expect(planJson(plan)).not.toContain("statuspage-alerts");
    expect(policiesOf(plan).every((p) => p.continue !== true)).toBe(true);
    expect(renderAlertmanagerConfig(m)).not.toContain("statuspage-alerts");
  });
});

describe("with paging: false", () => {
  // Pages become tickets there; the page still shows them (degraded), and nobody is woken.
  const m = model({ environment: "staging", paging: false, services: ["api", "batch", "web", "other"].map((id) => makeService({ id, name: id, alerts: alertsOf(id).map((a) => (a.severity === "page" ? { ...a, severity: "ticket" as const } : a)) })) });
  const plan = renderPlan(m, settings);

  it("still sends the alert-decided services' alerts, which wake no one there", () => {
    expect(named(plan, "grafana:alerting/contactPoint:ContactPoint", "shop-staging-statuspage-alerts")).toBeDefined();
    expect(named(plan, "datadog:index/webhook:Webhook", "shop-staging-readiness-statuspage-alerts")).toBeDefined();
    expect(amtoolRoute(renderAlertmanagerConfig(m), { env: "staging", service: "batch", severity: "ticket" })).toEqual(["statuspage-alerts", "ticket"]);
    const report = audit(m, { now: new Date("2026-11-23T00:00:00Z"), plan });
    const batch = report.rendered.filter((i) => i.service === "batch");
    expect(batch.filter((i) => i.routes.some((r) => r.startsWith("status-page:"))).length).toBeGreaterThan(0);
    expect(batch.flatMap((i) => i.wakes)).toEqual([]);
  });
});

it("never prints the token in plan text, JSON or markdown", () => {
  const plan = renderPlan(model(), settings);
  for (const out of [planText(plan), planJson(plan), planMarkdown(plan), renderAlertmanagerConfig(model())]) {
    expect(out).toContain("statuspage-alerts");
    expect(out).not.toContain(TOKEN);
  }
  // JSON keeps the config key (lossless); the printed form shows only [secret].
  expect(printable(named(plan, "grafana:alerting/contactPoint:ContactPoint", "shop-prod-statuspage-alerts")!.inputs as PlanValue)).toMatchObject({ webhooks: [{ authorizationCredentials: "[secret]" }] });
  expect(printable(named(plan, "datadog:index/webhook:Webhook", "shop-prod-readiness-statuspage-alerts")!.inputs as PlanValue)).toMatchObject({ customHeaders: '{"Authorization": "Bearer [secret]"}' });
});

it("exports YAML the same whatever the order of components (deterministic service pattern)", () => {
  const a = model();
  const b = model({ statusPage: page([component("web", "both"), component("batch", "alerts"), component("api", "probes")]) });
  expect(parse(renderAlertmanagerConfig(a))).toEqual(parse(renderAlertmanagerConfig(b)));
});
