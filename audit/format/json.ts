/** The machine-readable report: `{ environment, alerts, findings }` with stable keys. */
import type { LocatedReport } from "./located";

/** The report as JSON, as documented for `readiness audit --format json`. */
export function renderJson(report: LocatedReport): string {
  const body = {
    environment: report.environment,
    paging: report.paging,
    alerts: report.alerts.map((a) => ({
      service: a.service,
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      declaredSeverity: a.declaredSeverity,
      condition: a.condition,
      query: a.query ?? null,
      for: a.for ?? null,
      routes: a.routes,
      wakes: a.wakes,
      runbook: a.runbook ?? null,
      path: a.path,
    })),
    rendered: report.rendered.map((i) => ({ backend: i.backend, kind: i.kind, name: i.name, service: i.service, severity: i.severity, routes: i.routes, wakes: i.wakes, ...(i.exportOnly ? { exportOnly: true } : {}) })),
    findings: report.findings.map((f) => ({
      rule: f.rule,
      level: f.level,
      message: f.message,
      location: f.location,
      path: f.path,
      hint: f.hint,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
