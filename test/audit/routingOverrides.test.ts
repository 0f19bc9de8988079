/**
 * The audit's "where it goes / who it wakes" under route overrides: each alert shows the target
 * actually rendered for it (the service's channel, the alert's own email, a redacted webhook) in
 * every backend, only a high-urgency PagerDuty incident wakes anyone, and a webhook URL is never
 * printed in full by any audit format.
 */
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import { audit, locateFindings, renderJson, renderMarkdown, renderText, type LocatedReport } from "../../audit";
import type { Model } from "../../specification/model";
import { routingModel, routingSpecText } from "../support/routingSpec";
import { semanticDiff } from "../../diff/semanticDiff";

const settings = settingsFromConfig((k) => ({ "readiness:grafanaDatasourceUid": "prom" })[k as "readiness:grafanaDatasourceUid"]);
const NOW = new Date("2026-11-23T00:00:00Z");

function report(model: Model) {
  return audit(model, { now: NOW, plan: renderPlan(model, settings) });
}

/** The rendered items of one alert rule or monitor, by backend. */
function deployed(model: Model, service: string, ruleName: string, monitorName: string) {
  const items = report(model).rendered.filter((i) => i.service === service && (i.name === ruleName || i.name === monitorName));
  return Object.fromEntries(items.map((i) => [i.backend, { routes: i.routes, wakes: i.wakes }]));
}

describe("the rendered inventory under route overrides", () => {
  const prod = routingModel("prod");

  it("shows a service's own Slack channel for its alerts and the default for other services', in every backend", () => {
    const billing = deployed(prod, "billing", "BillingQueueDepth", "Billing: Queue deep");
    expect(billing).toEqual({
      prometheus: { routes: ["slack:#billing-team"], wakes: [] },
      grafana: { routes: ["slack:#billing-team"], wakes: [] },
      datadog: { routes: ["@slack-billing-team"], wakes: [] },
    });
    const search = deployed(prod, "search", "SearchSlow", "Search: Search slow");
    expect(search.prometheus.routes).toEqual(["slack:#ops"]);
    expect(search.grafana.routes).toEqual(["slack:#ops"]);
    expect(search.datadog.routes).toEqual(["@slack-ops"]);
  });

  it("shows an alert's own email over its service's channel", () => {
    const refund = deployed(prod, "billing", "BillingRefundSpike", "Billing: Refunds spiking");
    expect(refund.prometheus.routes).toEqual(["email:finance@acme.test"]);
    expect(refund.grafana.routes).toEqual(["email:finance@acme.test"]);
    expect(refund.datadog.routes).toEqual(["@finance@acme.test"]);
    const inventory = report(prod).alerts.find((a) => a.service === "billing" && a.id === "refund-spike");
    expect(inventory?.routes).toEqual(["email:finance@acme.test"]);
  });

  it("wakes the on-call for a high-urgency page, and nobody for a page its route makes low urgency", () => {
    const down = deployed(prod, "search", "SearchDown", "Search: Search down");
    for (const b of ["prometheus", "grafana", "datadog"]) expect(down[b].wakes).toEqual(["ana"]);
    const fraud = deployed(prod, "billing", "BillingFraudSpike", "Billing: Fraud spiking");
    expect(fraud.grafana.routes).toEqual(["escalation:primary", "webhook:https://hooks.acme.test/[redacted]"]);
    expect(fraud.prometheus.routes).toEqual(["escalation:primary", "webhook:https://hooks.acme.test/[redacted]"]);
    for (const b of ["prometheus", "grafana", "datadog"]) expect(fraud[b].wakes).toEqual([]);
    expect(report(prod).alerts.find((a) => a.id === "fraud-spike")?.wakes).toEqual([]);
  });

  it("wakes whoever a ticket's high-urgency override reaches", () => {
    const model = routingModel("prod", routingSpecText({ billingRouting: `      ticket: { escalation: primary, urgency: high }` }));
    const queue = deployed(model, "billing", "BillingQueueDepth", "Billing: Queue deep");
    for (const b of ["prometheus", "grafana", "datadog"]) expect(queue[b].wakes).toEqual(["ana"]);
  });

  it("wakes nobody where paging is false, whatever the overrides", () => {
    const staging = routingModel("staging", routingSpecText({ billingRouting: `      ticket: { escalation: primary, urgency: high }` }));
    const r = report(staging);
    expect(r.rendered.filter((i) => i.wakes.length > 0)).toEqual([]);
    expect(r.alerts.filter((a) => a.wakes.length > 0)).toEqual([]);
  });

  it("never prints a webhook URL in full, in any format", () => {
    const r = report(prod);
    const located: LocatedReport = { ...r, file: "readiness.yaml", findings: locateFindings(r.findings, "readiness.yaml") };
    for (const out of [renderText(located), renderJson(located), renderMarkdown(located)]) {
      expect(out).toContain("hooks.acme.test");
      expect(out).not.toContain("s3cr3t-token");
      expect(out).not.toContain("abc123");
    }
  });
});

describe("the semantic diff of route overrides", () => {
  it("names a service's new high-urgency route, who it can now wake, and shows a webhook by host only", () => {
    const before = routingModel("prod");
    const after = routingModel("prod", routingSpecText({ billingRouting: `      ticket: { escalation: primary, urgency: high }` }));
    const changes = semanticDiff(before, after, { fromDate: "2026-11-23" }).filter((c) => c.kind === "routing");
    expect(changes).toEqual([
      {
        kind: "routing",
        action: "changed",
        subject: "override billing/ticket",
        fields: [
          { field: "targets", before: "slack:#billing-team", after: "escalation:primary" },
          { field: "urgency", before: "low", after: "high" },
          { field: "can wake", before: "nobody", after: "ana" },
        ],
      },
    ]);
    const withoutAlertRoutes = { ...before, services: before.services.map((s) => ({ ...s, alerts: s.alerts.map((a) => ({ ...a, route: undefined })) })) };
    const removed = semanticDiff(before, withoutAlertRoutes, { fromDate: "2026-11-23" }).find((c) => c.subject === "override billing/fraud-spike");
    expect(removed).toMatchObject({ action: "removed", fields: expect.arrayContaining([{ field: "targets", before: "escalation:primary, webhook:https://hooks.acme.test/[redacted]", after: undefined }]) });
    expect(JSON.stringify(removed)).not.toContain("s3cr3t");
  });
});
