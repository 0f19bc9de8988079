/**
 * The status page watches itself: resolve gives one service a page-severity check on the page's
 * own /health, and the spec can say which service, never silently clashing with a check of its own.
 */
import { loadModels } from "../../specification/loadModels";

function spec(extra: { monitoredBy?: string; apiCheckId?: string; statusPage?: boolean } = {}): string {
  return [
    "apiVersion: readiness/v1",
    "system: { name: shop }",
    "environments:",
    "  prod: { backends: [grafana], paging: true }",
    "  staging: { backends: [grafana], paging: false }",
    "routing:",
    "  page: { slack: '#pages' }",
    "  ticket: { slack: '#tickets' }",
    "  info: { slack: '#info' }",
    "services:",
    "  - id: api",
    "    name: API",
    "    tier: standard",
    "    statusPage: { component: API, group: Shop }",
    `    checks: [{ id: ${extra.apiCheckId ?? "health"}, http: https://shop.test/health, every: 1m, severity: page }]`,
    "  - id: web",
    "    name: Web",
    "    tier: critical",
    "    statusPage: { component: Web, group: Shop }",
    "    checks: [{ id: home, http: https://shop.test/, every: 1m, severity: page }]",
    ...(extra.statusPage === false ? [] : ["statusPage:", "  title: Shop status", "  hostname: status.shop.test", ...(extra.monitoredBy ? [`  monitoredBy: ${extra.monitoredBy}`] : [])]),
    "",
  ].join("\n");
}

const selfChecks = (text: string, env: "prod" | "staging" = "prod") => {
  const r = loadModels(text, "readiness.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.models[env].services.flatMap((s) => s.checks.filter((c) => c.id === "status-page-health").map((c) => ({ service: s.id, url: c.url, severity: c.severity, alertAfter: c.alertAfter })));
};

describe("the status page's own health check", () => {
  it("lands on the first critical service on the page, paging after three failed minutes", () => {
    expect(selfChecks(spec())).toEqual([{ service: "web", url: "https://status.shop.test/health", severity: "page", alertAfter: 3 }]);
  });

  it("follows the paging policy like any check", () => {
    expect(selfChecks(spec(), "staging")).toEqual([expect.objectContaining({ service: "web", severity: "ticket" })]);
  });

  it("goes to the service monitoredBy names", () => {
    expect(selfChecks(spec({ monitoredBy: "api" })).map((c) => c.service)).toEqual(["api"]);
  });

  it("is absent without a status page", () => {
    expect(selfChecks(spec({ statusPage: false }))).toEqual([]);
  });

  it("rejects monitoredBy naming no service, at its line", () => {
    const r = loadModels(spec({ monitoredBy: "apx" }), "readiness.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: "UnknownReference", path: "statusPage.monitoredBy", line: 24, col: 16 })]);
  });

  it("rejects a check of the owning service that already uses the reserved id", () => {
    const r = loadModels(spec({ monitoredBy: "api", apiCheckId: "status-page-health" }), "readiness.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: "DuplicateId", path: "services[0].checks[0].id", line: 15 })]);
  });
});
