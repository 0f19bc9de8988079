/** A small spec with route overrides, for the routing-override tests of backends and audit. */
import { loadModels, formatDiagnostic, type LoadModelsResult } from "../../specification/loadModels";
import type { Model } from "../../specification/model";

/** A secret-bearing webhook URL: its path and query must never be printed. */
export const HOOK = "https://hooks.acme.test/services/T000/B000/s3cr3t-token?sig=abc123";

/**
 * Two services. `billing` sends its tickets to its own Slack channel; its `refund-spike` alert
 * goes to email (overriding the service route), and its `fraud-spike` page opens a low-urgency
 * incident and calls the webhook. `search` keeps the defaults. The default page route is
 * explicitly high urgency.
 */
export function routingSpecText(over: { billingRouting?: string; extraAlert?: string } = {}): string {
  return `apiVersion: readiness/v1
system: { name: shop }
environments:
  staging: { backends: [grafana, datadog, pagerduty], paging: false }
  prod: { backends: [grafana, datadog, pagerduty], paging: true }
routing:
  page: { escalation: primary, urgency: high }
  ticket: { slack: "#ops" }
  info: { email: ops@acme.test }
oncall:
  timezone: UTC
  people:
    - { id: ana, name: Ana, email: ana@acme.test }
    - { id: bob, name: Bob, email: bob@acme.test }
  schedules:
    - { id: main, rotation: weekly, handoff: "monday 09:00", members: [ana] }
  escalations:
    - { id: primary, levels: [{ notify: ["schedule:main"] }] }
    - { id: payments, levels: [{ notify: ["person:bob"] }] }
services:
  - id: billing
    name: Billing
    tier: standard
    routing:
${over.billingRouting ?? `      ticket: { slack: "#billing-team" }`}
    alerts:
      - id: refund-spike
        summary: Refunds spiking
        severity: ticket
        for: 5m
        above: 10
        query: { prometheus: "sum(rate(refunds_total[5m]))", datadog: "sum:refunds{*}" }
        route: { email: finance@acme.test }
      - id: queue-depth
        summary: Queue deep
        severity: ticket
        for: 5m
        above: 100
        query: { prometheus: "max(queue_depth)", datadog: "max:queue.depth{*}" }
      - id: fraud-spike
        summary: Fraud spiking
        severity: page
        for: 1m
        above: 5
        query: { prometheus: "sum(rate(fraud_total[5m]))", datadog: "sum:fraud{*}" }
        route: { escalation: primary, webhook: "${HOOK}", urgency: low }
${over.extraAlert ?? ""}
  - id: search
    name: Search
    tier: standard
    alerts:
      - id: slow
        summary: Search slow
        severity: ticket
        for: 5m
        above: 2
        query: { prometheus: "max(search_latency_seconds)", datadog: "max:search.latency{*}" }
      - id: down
        summary: Search down
        severity: page
        for: 1m
        below: 1
        query: { prometheus: "min(up{job=\\"search\\"})", datadog: "min:search.up{*}" }
`;
}

/** The spec loaded (diagnostics and all). */
export function loadRoutingSpec(text = routingSpecText()): LoadModelsResult {
  return loadModels(text, "readiness.yaml");
}

/** The spec resolved for one environment; throws with the diagnostics if it does not load. */
export function routingModel(env: "staging" | "prod", text = routingSpecText()): Model {
  const r = loadRoutingSpec(text);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.models[env];
}
