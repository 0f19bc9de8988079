/** `critical-service-not-on-status-page`: customers look for what they depend on most. */
import type { AuditRule } from "../rule";
import type { RuleFinding } from "../finding";

/** A critical service with no `statusPage` entry, when the spec has a status page. */
export const criticalServiceNotOnStatusPage: AuditRule = ({ model }) => {
  if (!model.statusPage) return [];
  return model.services
    .filter((s) => s.tier === "critical" && !s.statusPage)
    .map((s): RuleFinding => ({
      rule: "critical-service-not-on-status-page",
      level: "warning",
      message: `critical service ${s.id} is not on the status page "${model.statusPage?.title}"`,
      hint: "add `statusPage: { component: <name>, group: <group> }` to the service (it is probed through its first GET check, or `probe:`)",
      subject: { kind: "service", service: s.id, field: "statusPage" },
    }));
};
