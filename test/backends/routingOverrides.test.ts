/**
 * Route overrides (services[].routing, services[].alerts[].route) as every backend renders them:
 * a service's own Slack channel reaches that service's alerts and no other's, an alert's own route
 * beats its service's, a webhook is delivered but never printed in full, a route's urgency becomes
 * PagerDuty urgency, and an environment with `paging: false` still pages nobody.
 */
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import type { Plan, PlannedResource } from "../../plan/plan";
import { planJson } from "../../plan/format/json";
import { planMarkdown } from "../../plan/format/markdown";
import { planText } from "../../plan/format/text";
import { alertmanagerConfig, renderAlertmanagerConfig } from "../../backends/prometheus/alertmanager";
import type { Model } from "../../specification/model";
import { amtoolCheck, amtoolRoute } from "../support/selfHostedTools";
import { HOOK, loadRoutingSpec, routingModel, routingSpecText } from "../support/routingSpec";

const settings = settingsFromConfig((k) => ({ "readiness:grafanaDatasourceUid": "prom" })[k as "readiness:grafanaDatasourceUid"]);
const planOf = (model: Model): Plan => renderPlan(model, settings);
const byType = (plan: Plan, type: string) => plan.resources.filter((r) => r.type === type);
const monitor = (plan: Plan, name: string) => byType(plan, "datadog:index/monitor:Monitor").find((r) => r.name === name) as PlannedResource;
const contactPoint = (plan: Plan, name: string) => byType(plan, "grafana:alerting/contactPoint:ContactPoint").find((r) => r.name === name);

type Policy = { matchers?: { label: string; value: string }[]; contactPoint?: { resource: string }; continue?: boolean; policies?: Policy[] };
function policies(plan: Plan): Policy[] {
  return byType(plan, "grafana:alerting/notificationPolicy:NotificationPolicy")[0].inputs.policies as unknown as Policy[];
}
/** Grafana's choice, by its rules: the first top-level policy whose matchers all hold, and the contact points under it. */
function grafanaTargets(plan: Plan, labels: Record<string, string>): string[] {
  const holds = (p: Policy) => (p.matchers ?? []).every((m) => labels[m.label] === m.value);
  const branch = policies(plan).find(holds);
  if (!branch) return [];
  return (branch.policies ?? []).filter(holds).map((p) => p.contactPoint?.resource ?? "");
}

/** 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

/** The Alertmanager configuration with webhook URLs inline, which the amtool here (0.25, without webhook url_file) can read. */
const amText = (model: Model) => renderAlertmanagerConfig(model, { inlineWebhookUrls: true });

describe("a service's own route", () => {
  const model = routingModel("prod");
  const plan = planOf(model);

  it("sends the service's tickets to its Slack channel in Grafana, and only its", () => {
    expect(grafanaTargets(plan, { service: "billing", alert: "queue-depth", severity: "ticket" })).toEqual(["slack-billing-team"]);
    expect(grafanaTargets(plan, { service: "search", alert: "slow", severity: "ticket" })).toEqual(["slack-ops"]);
    // Checks, SLO and absence rules of the service carry no `alert` label and still take its route.
    expect(grafanaTargets(plan, { service: "billing", check: "home", severity: "ticket" })).toEqual(["slack-billing-team"]);
    expect(contactPoint(plan, "slack-billing-team")?.inputs.slacks).toEqual([expect.objectContaining({ recipient: "#billing-team" })]);
  });

  it("puts the service's Slack handle on its Datadog monitors, and only its", () => {
    expect(monitor(plan, "billing/queue-depth").inputs.message).toContain("@slack-billing-team");
    expect(monitor(plan, "billing/queue-depth").inputs.message).not.toContain("@slack-ops");
    expect(monitor(plan, "search/slow").inputs.message).toContain("@slack-ops");
    expect(monitor(plan, "search/slow").inputs.message).not.toContain("@slack-billing-team");
  });

  it("routes the service's tickets to its own Alertmanager receiver, and no other service's (amtool)", () => {
    const text = amText(model);
    expect(amtoolCheck(text).ok).toBe(true);
    expect(amtoolRoute(text, { env: "prod", service: "billing", alert: "queue-depth", severity: "ticket" })).toEqual(["service/billing/ticket"]);
    expect(amtoolRoute(text, { env: "prod", service: "search", alert: "slow", severity: "ticket" })).toEqual(["ticket"]);
    const receiver = alertmanagerConfig(model).receivers.find((r) => r.name === "service/billing/ticket");
    expect(receiver?.slack_configs).toEqual([expect.objectContaining({ channel: "#billing-team" })]);
  });
});

describe("an alert's own route", () => {
  const model = routingModel("prod");
  const plan = planOf(model);

  it("wins over its service's route in Grafana, Datadog and Alertmanager", () => {
    expect(grafanaTargets(plan, { service: "billing", alert: "refund-spike", severity: "ticket" })).toEqual(["email-finance@acme.test"]);
    const message = monitor(plan, "billing/refund-spike").inputs.message as string;
    expect(message).toContain("@finance@acme.test");
    expect(message).not.toContain("@slack-billing-team");
    expect(amtoolRoute(amText(model), { env: "prod", service: "billing", alert: "refund-spike", severity: "ticket" })).toEqual(["alert/billing/refund-spike/ticket"]);
  });

  it("does not leak to another service's alert of the same id", () => {
    expect(grafanaTargets(plan, { service: "search", alert: "refund-spike", severity: "ticket" })).toEqual(["slack-ops"]);
  });
});

describe("a webhook", () => {
  const model = routingModel("prod");
  const plan = planOf(model);

  it("is a Grafana contact point and a Datadog webhook whose URL is a secret value", () => {
    const cp = byType(plan, "grafana:alerting/contactPoint:ContactPoint").find((r) => r.name.startsWith("webhook-hooks-acme-test-"));
    expect(cp?.inputs.webhooks).toEqual([{ url: { $secretValue: HOOK, shown: "https://hooks.acme.test/[redacted]" }, httpMethod: "POST" }]);
    expect(grafanaTargets(plan, { service: "billing", alert: "fraud-spike", severity: "page" })).toEqual(["pagerduty-billing-low", cp?.name]);
    const hook = byType(plan, "datadog:index/webhook:Webhook").find((r) => r.name.startsWith("shop-prod-webhook-hooks-acme-test-"));
    expect(hook?.inputs.url).toEqual({ $secretValue: HOOK, shown: "https://hooks.acme.test/[redacted]" });
    expect(monitor(plan, "billing/fraud-spike").inputs.message).toContain(`@webhook-${hook?.inputs.name as string}`);
  });

  it("is never printed in full: plan text, Markdown and JSON show only its host", () => {
    for (const out of [planText(plan), planMarkdown(plan), planJson(plan)]) {
      expect(out).not.toContain("s3cr3t-token");
      expect(out).not.toContain("abc123");
    }
    expect(planText(plan)).toContain("webhook-hooks-acme-test-");
    expect(planJson(plan)).toContain('"$secretValue": "https://hooks.acme.test/[redacted]"');
  });

  it("is read by Alertmanager from a file by default, so the export holds no secret", () => {
    const text = renderAlertmanagerConfig(model, { webhookUrlDir: "/run/hooks/" });
    expect(text).not.toContain("s3cr3t-token");
    const receiver = alertmanagerConfig(model, { webhookUrlDir: "/run/hooks" }).receivers.find((r) => r.name === "alert/billing/fraud-spike/page");
    expect(receiver?.webhook_configs).toEqual([{ url_file: expect.stringMatching(/^\/run\/hooks\/webhook-hooks-acme-test-[0-9a-f]{8}$/), send_resolved: true }]);
    // Inline, for an Alertmanager without url_file: amtool 0.25 accepts and routes it.
    expect(amtoolRoute(amText(model), { env: "prod", service: "billing", alert: "fraud-spike", severity: "page" })).toEqual(["alert/billing/fraud-spike/page"]);
  });

  it("must be https", () => {
    const r = loadRoutingSpec(routingSpecText({ billingRouting: `      ticket: { webhook: "http://hooks.acme.test/x" }` }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toEqual([expect.objectContaining({ path: "services[0].routing.ticket.webhook", message: expect.stringContaining("https") })]);
  });
});

describe("urgency", () => {
  const lowPage = routingModel("prod");
  const highTicket = routingModel("prod", routingSpecText({ billingRouting: `      ticket: { escalation: primary, urgency: high }` }));

  it("low on a page: PagerDuty gets `warning` from Grafana and Alertmanager, Datadog P3", () => {
    const plan = planOf(lowPage);
    const low = contactPoint(plan, "pagerduty-billing-low")?.inputs.pagerduties as { severity: string }[];
    expect(low.map((p) => p.severity)).toEqual(["warning"]);
    const am = alertmanagerConfig(lowPage).receivers.find((r) => r.name === "alert/billing/fraud-spike/page");
    expect(am?.pagerduty_configs?.[0]).toMatchObject({ severity: "warning", routing_key_file: "/etc/alertmanager/pagerduty/billing" });
    expect(monitor(plan, "billing/fraud-spike").inputs.priority).toBe("3");
    // A page with no urgency of its own stays high: the severity template and P1.
    expect(monitor(plan, "search/down").inputs.priority).toBe("1");
    expect(grafanaTargets(plan, { service: "search", alert: "down", severity: "page" })).toEqual(["pagerduty-search"]);
  });

  it("high on a ticket: PagerDuty gets `critical`, Datadog P1, and the PagerDuty service decides urgency by severity", () => {
    const plan = planOf(highTicket);
    expect(grafanaTargets(plan, { service: "billing", alert: "queue-depth", severity: "ticket" })).toEqual(["pagerduty-billing-high"]);
    expect((contactPoint(plan, "pagerduty-billing-high")?.inputs.pagerduties as { severity: string }[])[0].severity).toBe("critical");
    expect(alertmanagerConfig(highTicket).receivers.find((r) => r.name === "service/billing/ticket")?.pagerduty_configs?.[0]).toMatchObject({ severity: "critical" });
    expect(monitor(plan, "billing/queue-depth").inputs.priority).toBe("1");
    const services = byType(plan, "pagerduty:index/service:Service");
    expect(services.map((s) => s.inputs.incidentUrgencyRule)).toEqual(services.map(() => ({ type: "constant", urgency: "severity_based" })));
  });

  it("writing the severity's own default pins nothing, so no extra contact point appears", () => {
    const plan = planOf(lowPage);
    // The default page route says `urgency: high`, which a page has anyway.
    expect(contactPoint(plan, "pagerduty-search-high")).toBeUndefined();
  });
});

describe("paging: false", () => {
  const staging = routingModel("staging", routingSpecText({ billingRouting: `      ticket: { escalation: primary, urgency: high, slack: "#billing-team" }` }));
  const plan = planOf(staging);

  it("never pages, whatever the overrides say", () => {
    // PagerDuty services exist for tickets but are low urgency, and nothing sends `critical`.
    for (const s of byType(plan, "pagerduty:index/service:Service")) expect(s.inputs.incidentUrgencyRule).toEqual({ type: "constant", urgency: "low" });
    for (const cp of byType(plan, "grafana:alerting/contactPoint:ContactPoint")) {
      expect(cp.name).not.toMatch(/-high$/);
      for (const p of (cp.inputs.pagerduties ?? []) as { severity: string }[]) expect(p.severity).not.toBe("critical");
    }
    for (const m of byType(plan, "datadog:index/monitor:Monitor")) expect(m.inputs.priority).not.toBe("1");
    const text = amText(staging);
    expect(text).not.toContain("pagerduty");
    expect(amtoolCheck(text).ok).toBe(true);
    // The declared page with its own route becomes a ticket and keeps its chat/webhook targets only.
    expect(amtoolRoute(text, { env: "staging", service: "billing", alert: "fraud-spike", severity: "ticket" })).toEqual(["alert/billing/fraud-spike/ticket"]);
    expect(alertmanagerConfig(staging).receivers.find((r) => r.name === "alert/billing/fraud-spike/ticket")?.webhook_configs).toHaveLength(1);
  });

  it("resolves a route's `high` to `low`", () => {
    expect(staging.services.find((s) => s.id === "billing")?.routing?.ticket?.urgency).toBe("low");
  });
});

describe("escalation references of overrides", () => {
  it("reports an unknown escalation of a service route at its line", () => {
    const text = routingSpecText({ billingRouting: `      ticket: { escalation: primray }` });
    const r = loadRoutingSpec(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: "UnknownReference", path: "services[0].routing.ticket.escalation", line: lineOf(text, "primray"), hint: 'did you mean "primary"?' })]);
  });

  it("reports an unknown escalation of an alert route at its line", () => {
    const extraAlert = `      - { id: extra, summary: X, severity: page, for: 1m, above: 1, query: { prometheus: "x" }, route: { escalation: nobody } }`;
    const text = routingSpecText({ extraAlert });
    const r = loadRoutingSpec(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: "UnknownReference", path: "services[0].alerts[3].route.escalation", line: lineOf(text, "nobody") })]);
  });

  it("rejects an alert escalation other than its service's, since one PagerDuty service has one escalation policy", () => {
    const extraAlert = `      - { id: extra, summary: X, severity: page, for: 1m, above: 1, query: { prometheus: "x" }, route: { escalation: payments } }`;
    const r = loadRoutingSpec(routingSpecText({ extraAlert }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toEqual([expect.objectContaining({ path: "services[0].alerts[3].route.escalation", message: expect.stringContaining('differs from "primary"') })]);
  });

  it("gives a service routed to its own escalation a PagerDuty service on that policy", () => {
    const base = routingModel("prod");
    const model: Model = {
      ...base,
      services: base.services.map((s) =>
        s.id === "billing" ? { ...s, routing: { ...s.routing, page: { severity: "page", targets: [{ kind: "escalation", escalation: "payments" }] } }, alerts: s.alerts.map((a) => ({ ...a, route: undefined })) } : s,
      ),
    };
    const policyOf = (id: string) => (byType(planOf(model), "pagerduty:index/service:Service").find((r) => r.name === id)?.inputs.escalationPolicy as { resource: string }).resource;
    expect(policyOf("billing")).toBe("payments");
    expect(policyOf("search")).toBe("primary");
  });
});

describe("a spec routed only through overrides", () => {
  it("still gets a Grafana notification policy that delivers the overrides", () => {
    const base = routingModel("prod");
    const empty = { page: { severity: "page" as const, targets: [] }, ticket: { severity: "ticket" as const, targets: [] }, info: { severity: "info" as const, targets: [] } };
    const plan = planOf({ ...base, routing: empty });
    expect(grafanaTargets(plan, { service: "billing", alert: "queue-depth", severity: "ticket" })).toEqual(["slack-billing-team"]);
  });
});
