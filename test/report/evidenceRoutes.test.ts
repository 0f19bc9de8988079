/**
 * Sign-off evidence reads routes and the status page as the renderers do: an alert's own route, else
 * its service's, else the top-level default (routeFor); a status page component decided by alerts is
 * watched through its service's page alerts, not a probe.
 */
import { formatDiagnostic, loadModels } from "../../specification/loadModels";
import type { EvidenceRef, Model } from "../../specification/model";
import { checkEvidence } from "../../report/evidence";

const SPEC = `apiVersion: readiness/v1
system: { name: shop, owner: team, runbookBase: https://runbooks.example.test/ }
environments:
  staging: { backends: [grafana, pagerduty, cloudflare], paging: false }
  prod: { backends: [grafana, pagerduty, cloudflare], paging: true }
routing:
  page:   { escalation: oncall }
  ticket: { slack: "#prod-alerts" }
  info:   { email: team@example.test }
oncall:
  timezone: UTC
  people:
    - { id: ana, name: Ana, email: ana@example.test }
    - { id: ben, name: Ben, email: ben@example.test }
  schedules:
    - { id: primary, rotation: weekly, handoff: monday 09:00, members: [ana, ben] }
  escalations:
    - id: oncall
      levels:
        - { notify: [schedule:primary], escalateAfter: 15m }
        - { notify: [person:ben] }
services:
  - id: api
    name: API
    tier: critical
    runbook: api.md
    statusPage: { component: API }
    checks:
      - { id: health, http: https://api.example.test/health, every: 1m, expect: { status: 200 }, severity: page }
    alerts:
      - id: edge-5xx
        summary: Edge functions return 5xx
        severity: ticket
        for: 0m
        above: 0
        query:
          prometheus: sum(rate(edge_5xx_total[5m]))
        route: { slack: "#prod-errors", email: errors@example.test }
      - id: slow
        summary: Slow responses
        severity: ticket
        for: 5m
        above: 1
        query:
          prometheus: histogram_quantile(0.99, rate(latency_bucket[5m]))
  - id: batch
    name: Nightly batch
    tier: critical
    runbook: batch.md
    routing:
      page: { escalation: oncall, slack: "#batch" }
    heartbeats:
      - { id: nightly, summary: The nightly run is late, every: 24h, grace: 1h, prometheus: batch_last_success_timestamp_seconds, severity: page }
statusPage:
  title: Status
  hostname: status.example.test
  probeEvery: 1m
  historyDays: 90
signoffs:
  - id: alerting
    title: Alerting reaches people
    gate: ga-blocking
    phase: launch
    evidence: [statusPage, routing:page, routing:ticket, check:api/health, alert:api/edge-5xx, alert:api/slow, heartbeat:batch/nightly]
`;

function models(text = SPEC): Record<string, Model> {
  const r = loadModels(text, "readiness.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.models;
}

/** Evidence as the spec's sign-off names it, resolved by the loader. */
function ref(text: string): EvidenceRef {
  const found = models().prod.signoffs.flatMap((s) => s.evidence).find((e) => e.text === text);
  if (!found) throw new Error(`the test spec names no evidence ${text}`);
  return found;
}
const onPageByAlerts = (text: string) => text.replace("    runbook: batch.md\n", "    runbook: batch.md\n    statusPage: { component: Nightly batch, decidedBy: alerts }\n");

describe("evidence follows route overrides as the renderers resolve them", () => {
  const { prod, staging } = models();

  it("names an alert's own route, not the top-level route of its severity", () => {
    const r = checkEvidence(prod, ref("alert:api/edge-5xx"));
    expect(r.holds).toBe(true);
    expect(r.reason).toMatch(/routed to Slack #prod-errors, email errors@example\.test \(the alert's own route\)$/);
    expect(r.reason).not.toContain("#prod-alerts");
  });

  it("keeps the top-level route for an alert of the same service without a route of its own", () => {
    expect(checkEvidence(prod, ref("alert:api/slow")).reason).toMatch(/routed to Slack #prod-alerts$/);
  });

  it("names a service's route for its heartbeat", () => {
    const r = checkEvidence(prod, ref("heartbeat:batch/nightly"));
    expect(r.holds).toBe(true);
    expect(r.reason).toMatch(/routed to escalation oncall, Slack #batch \(batch's page route\) \(can wake ana, ben\)$/);
  });

  it("names the overrides beside the default route of a severity", () => {
    const r = checkEvidence(prod, ref("routing:ticket"));
    expect(r.holds).toBe(true);
    expect(r.reason).toBe("ticket alerts go to Slack #prod-alerts by default; overridden for api/edge-5xx to Slack #prod-errors, email errors@example.test");
    expect(checkEvidence(prod, ref("routing:page")).reason).toMatch(/^page alerts go to escalation oncall \(can wake ana, ben\) by default; overridden for batch to escalation oncall, Slack #batch$/);
  });

  it("holds an alert with its own route where the top-level route of its severity reaches nobody", () => {
    const noTicket = models(SPEC.replace('  ticket: { slack: "#prod-alerts" }\n', "")).prod;
    expect(checkEvidence(noTicket, ref("alert:api/edge-5xx"))).toMatchObject({ holds: true, reason: expect.stringMatching(/routed to Slack #prod-errors/) });
    expect(checkEvidence(noTicket, ref("alert:api/slow"))).toMatchObject({ holds: false, reason: "alerts at ticket, but ticket routes to nobody" });
    expect(checkEvidence(noTicket, ref("routing:ticket"))).toMatchObject({ holds: false, reason: "ticket alerts route to nobody: api has ticket alerts and no ticket route of its own" });
  });

  it("holds a heartbeat on its service's route where the top-level page route reaches nobody", () => {
    const noPage = models(SPEC.replace("  page:   { escalation: oncall }\n", "")).prod;
    expect(checkEvidence(noPage, ref("heartbeat:batch/nightly")).holds).toBe(true);
    expect(checkEvidence(noPage, ref("check:api/health"))).toMatchObject({ holds: false, reason: "alerts at page, but page routes to nobody" });
  });

  it("holds routing for a severity with no default when every alert of it has its own route", () => {
    const text = SPEC.replace('  ticket: { slack: "#prod-alerts" }\n', "").replace(/      - id: slow\n(        .*\n){6}/, "").replace(" alert:api/slow,", "");
    expect(checkEvidence(models(text).prod, ref("routing:ticket"))).toMatchObject({ holds: true, reason: expect.stringMatching(/^no default ticket route, but every ticket alert has its own: api\/edge-5xx to Slack #prod-errors/) });
  });

  it("keeps an alert's own route where paging is off", () => {
    expect(checkEvidence(staging, ref("alert:api/edge-5xx")).reason).toMatch(/Slack #prod-errors, email errors@example\.test \(the alert's own route\)$/);
  });
});

describe("statusPage evidence with a component decided by alerts", () => {
  it("counts a critical service on the page with decidedBy: alerts as watched through its page alerts", () => {
    const { prod } = models(onPageByAlerts(SPEC));
    expect(prod.statusPage!.components.find((c) => c.id === "batch")).toMatchObject({ decidedBy: "alerts" });
    expect(prod.statusPage!.components.find((c) => c.id === "batch")?.probe).toBeUndefined();
    const r = checkEvidence(prod, ref("statusPage"));
    expect(r.holds).toBe(true);
    expect(r.reason).toContain("every critical service on it is probed or decided by its page alerts (batch: heartbeat nightly), which readiness sends to https://status.example.test/api/alerts/<source>");
  });

  it("fails for a component decided by alerts whose service has no page alert", () => {
    const text = onPageByAlerts(SPEC).replace("prometheus: batch_last_success_timestamp_seconds, severity: page", "prometheus: batch_last_success_timestamp_seconds, severity: ticket");
    const r = checkEvidence(models(text).prod, ref("statusPage"));
    expect(r.holds).toBe(false);
    expect(r.reason).toMatch(/^critical service batch on the status page is neither probed nor decided by any page alert/);
  });

  it("says where paging is off that page alerts arrive as tickets", () => {
    const r = checkEvidence(models(onPageByAlerts(SPEC)).staging, ref("statusPage"));
    expect(r.holds).toBe(true);
    expect(r.reason).toContain("paging is off in staging, so they arrive as tickets and show it degraded, not down");
  });

  it("still fails a component decided by probes that has no probe", () => {
    const { prod } = models();
    const unprobed: Model = { ...prod, statusPage: { ...prod.statusPage!, components: prod.statusPage!.components.map((c) => ({ ...c, probe: undefined })) } };
    expect(checkEvidence(unprobed, ref("statusPage"))).toMatchObject({ holds: false, reason: "critical service api on the status page is not probed" });
  });
});
