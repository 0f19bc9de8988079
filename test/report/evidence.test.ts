import { checkEvidence } from "../../report/evidence";
import type { EvidenceRef, Model, StatusPage } from "../../specification/model";
import { budget, dur, makeCheck, makeEscalation, makeModel, makeService, makeSlo } from "../support/model";

const component = (id: string, url = `https://${id}.example.test/health`): StatusPage["components"][number] => ({
  id,
  name: id.toUpperCase(),
  group: "Customer-facing",
  probe: { url, method: "GET", expectStatus: 200, timeout: budget("10s") },
  alertAfter: 3,
});
const statusPage = (...components: StatusPage["components"]): StatusPage => ({ title: "Status", hostname: "status.example.test", probeEvery: dur("1m"), historyDays: 90, components });

/** The status page's own /health check, which resolve adds to the page's owning service. */
const watched = (m: Model): Model => ({ ...m, services: m.services.map((s, i) => (i === 0 ? { ...s, checks: [...s.checks, makeCheck({ id: "status-page-health", serviceId: s.id, url: "https://status.example.test/health" })] } : s)) });

const noRoute = (m: Model, sev: "page" | "ticket" | "info"): Model => ({ ...m, routing: { ...m.routing, [sev]: { severity: sev, targets: [] } } });

const statusRef: EvidenceRef = { kind: "statusPage", text: "statusPage" };
const checkRef: EvidenceRef = { kind: "check", service: "api", id: "health", text: "check:api/health" };
const sloRef: EvidenceRef = { kind: "slo", service: "api", id: "availability", text: "slo:api/availability" };
const escRef: EvidenceRef = { kind: "escalation", id: "oncall", text: "escalation:oncall" };
const pageRef: EvidenceRef = { kind: "routing", severity: "page", text: "routing:page" };
const runbookRef: EvidenceRef = { kind: "runbook", service: "api", text: "runbook:api" };

const base = makeModel({ statusPage: statusPage(component("api")) });
const staging: Model = {
  ...base,
  environment: "staging",
  paging: false,
  services: [makeService({ checks: [makeCheck({ severity: "ticket", declaredSeverity: "page" })], slos: [makeSlo()] })],
};

describe("evidence checked against the Model", () => {
  test.each<[string, Model, EvidenceRef, RegExp]>([
    ["a status page listing every critical service, probed, and itself checked", watched(base), statusRef, /every critical service on it is probed; its own \/health is checked as api\/status-page-health \(page\)/],
    ["a status page that leaves a critical service off, naming it for the reader", watched(makeModel({ statusPage: statusPage(), services: [makeService()] })), statusRef, /not on it: api \(critical; see the audit\)/],
    ["a check alerting at its declared severity with a route", base, checkRef, /alerts at page after 3 consecutive failures, routed to escalation oncall/],
    ["an SLO whose burn-rate alerts are all routed", base, sloRef, /4 burn-rate alerts, page to escalation oncall \(can wake ana, ben\); ticket to Slack #alerts/],
    ["an escalation with two levels", base, escRef, /2 levels/],
    ["a severity routed to a target", base, pageRef, /page alerts go to escalation oncall/],
    ["a service with a runbook", base, runbookRef, /runbook at https:\/\/runbooks\.example\.test\/api\.md/],
    ["page routing where paging is off, with a note", staging, pageRef, /paging is off in staging/],
  ])("%s holds", (_what, model, ref, reason) => {
    const result = checkEvidence(model, ref);
    expect(result).toMatchObject({ ref: ref.text, kind: ref.kind, holds: true });
    expect(result.reason).toMatch(reason);
  });

  test.each<[string, Model, EvidenceRef, RegExp]>([
    ["no status page", makeModel(), statusRef, /no status page is configured in prod/],
    ["a status page whose own /health nothing checks", base, statusRef, /nothing checks https:\/\/status\.example\.test\/health/],
    ["a critical service on the status page with no probe", makeModel({ statusPage: statusPage(component("api", "")) }), statusRef, /critical service api on the status page is not probed/],
    ["a check on an unknown service", base, { ...checkRef, service: "nope" } as EvidenceRef, /there is no service nope/],
    ["a check the service does not have", base, { ...checkRef, id: "smoke" } as EvidenceRef, /api has no check smoke \(its checks: health\)/],
    ["a check downgraded by the paging policy", staging, checkRef, /declared page but alerts as ticket because paging is off in staging/],
    ["a check whose severity routes nowhere", noRoute(base, "page"), checkRef, /page routes to nobody/],
    ["an SLO that does not exist", base, { ...sloRef, id: "latency" } as EvidenceRef, /api has no SLO latency \(its SLOs: availability\)/],
    ["an SLO without alerts", makeModel({ services: [makeService({ slos: [makeSlo({ alerts: [] })] })] }), sloRef, /no burn-rate alerts/],
    ["an SLO whose ticket alerts route nowhere", noRoute(base, "ticket"), sloRef, /ticket alerts route to nobody/],
    ["an escalation that does not exist", base, { ...escRef, id: "other" } as EvidenceRef, /there is no escalation other \(escalations: oncall\)/],
    ["an escalation with one level", makeModel({ oncall: { ...base.oncall, escalations: [makeEscalation({ levels: makeEscalation().levels.slice(0, 1) })] } }), escRef, /1 level; nobody backs up/],
    ["a severity with no targets", noRoute(base, "page"), pageRef, /page alerts route to nobody/],
    ["a service without a runbook", makeModel({ services: [makeService({ runbookUrl: undefined })] }), runbookRef, /api has no runbook/],
    ["a runbook for an unknown service", base, { ...runbookRef, service: "nope" } as EvidenceRef, /there is no service nope/],
  ])("%s does not hold", (_what, model, ref, reason) => {
    const result = checkEvidence(model, ref);
    expect(result.holds).toBe(false);
    expect(result.reason).toMatch(reason);
  });

  test("a standard-tier service need not be on the status page", () => {
    const model = watched(makeModel({ statusPage: statusPage(component("api")), services: [makeService(), makeService({ id: "batch", tier: "standard" })] }));
    expect(checkEvidence(model, statusRef).holds).toBe(true);
  });
});
