/** `route-without-target`: alerts of a severity that routes nowhere are delivered to nobody. */
import type { AuditRule } from "../rule";
import type { RuleFinding } from "../finding";
import { SEVERITIES } from "../../specification/model";
import { serviceAlerts } from "../inventory";

/** A severity with no target: an error when some alert has it after the paging policy. */
export const routeWithoutTarget: AuditRule = ({ model }) => {
  const alerts = model.services.flatMap(serviceAlerts);
  return SEVERITIES.filter((sev) => model.routing[sev].targets.length === 0).map((sev): RuleFinding => {
    const using = alerts.filter((a) => a.severity === sev);
    return {
      rule: "route-without-target",
      level: using.length ? "error" : "info",
      message: using.length
        ? `severity ${sev} routes nowhere, and ${using.length} alert${using.length === 1 ? "" : "s"} in ${model.environment} have it (${using.slice(0, 3).map((a) => `${a.service}/${a.id}`).join(", ")}${using.length > 3 ? ", ..." : ""})`
        : `severity ${sev} routes nowhere (no alert in ${model.environment} uses it yet)`,
      hint: `give \`routing.${sev}\` an escalation, slack channel, email or webhook`,
      subject: { kind: "route", severity: sev },
    };
  });
};
