/** `runbook-missing`: whoever is woken needs to know what to do. */
import type { AuditRule } from "../rule";
import type { RuleFinding } from "../finding";
import { serviceAlerts } from "../inventory";
import { lacksRunbook } from "../predicates";

/**
 * A critical service with no runbook, or a service whose paging alerts link to no runbook. One
 * finding per service (its alerts inherit the service's runbook), plus any paging spec alert that
 * has none although the service does.
 */
export const runbookMissing: AuditRule = ({ model }) => {
  const out: RuleFinding[] = [];
  for (const service of model.services) {
    const paging = serviceAlerts(service).filter((a) => a.severity === "page" && lacksRunbook(a.runbook));
    if (lacksRunbook(service.runbookUrl)) {
      if (service.tier !== "critical" && paging.length === 0) continue;
      const why = paging.length
        ? `${paging.length} paging alert${paging.length === 1 ? "" : "s"} (${paging.map((a) => a.id).join(", ")}) would link to no runbook`
        : "it is a critical service";
      out.push({
        rule: "runbook-missing",
        level: "error",
        message: `service ${service.id} has no runbook, and ${why}`,
        hint: "add `runbook: <page>.md` to the service (relative to system.runbookBase) saying how to diagnose and mitigate its alerts",
        subject: { kind: "service", service: service.id, field: "runbook" },
      });
      continue;
    }
    // Alerts, checks and heartbeats with a runbook of their own that is blank lose the service's.
    for (const a of paging) {
      const subject = a.kind === "alert" ? ({ kind: "alert", service: service.id, alert: a.id, field: "runbook" } as const) : a.kind === "check" ? ({ kind: "check", service: service.id, check: a.id, field: "runbook" } as const) : a.kind === "heartbeat" ? ({ kind: "heartbeat", service: service.id, heartbeat: a.id, field: "runbook" } as const) : undefined;
      if (!subject) continue;
      out.push({
        rule: "runbook-missing",
        level: "error",
        message: `${a.kind} ${service.id}/${a.id} pages and has no runbook`,
        hint: `give the ${a.kind} a \`runbook:\` or remove its empty one so it inherits the service's`,
        subject,
      });
    }
  }
  return out;
};
