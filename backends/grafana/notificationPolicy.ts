/**
 * The Grafana notification policy tree: a branch per severity (matching the `severity` label the
 * rules carry after the paging policy), and under it one child per route target. Escalation targets
 * fan out per `service` label to that service's PagerDuty contact point. Children `continue`, so a
 * severity routed to both Slack and email reaches both.
 */
import type { Model } from "../../specification/model";
import { SEVERITIES } from "../../specification/model";
import type { ElementOf, InputOf, PlanRef, PlanResource } from "../plan";
import { ref } from "../plan";
import { routingComponent } from "../components";
import { logicalName } from "../naming";
import { CONTACT_POINT_TYPE, directContactPoint, grafanaPagesPagerDuty, pagerDutyContactPoint } from "./contactPoints";
import { grafanaWatchdogPolicy } from "./watchdog";
import { withBusinessHours } from "./businessHours";

export const NOTIFICATION_POLICY_TYPE = "grafana:alerting/notificationPolicy:NotificationPolicy";

/** Labels alerts are grouped by into one notification. */
export const GROUP_BY = ["alertname", "service", "severity"];

/** Grafana's own timing defaults, stated so the provider has nothing to fill in and diff. */
const TIMING = { groupWait: "30s", groupInterval: "5m", repeatInterval: "4h" };

/** One policy of the tree, as the SDK's `NotificationPolicyPolicy` (nested policies alike). */
type Policy = ElementOf<InputOf<typeof NOTIFICATION_POLICY_TYPE, "policies">>;
type Matcher = ElementOf<NonNullable<Policy["matchers"]>>;

function cpRef(name: string): PlanRef<string> {
  // By reference rather than by name, so Pulumi creates the contact point before the policy uses it.
  return ref(logicalName(name), CONTACT_POINT_TYPE, "name");
}

function matcher(label: string, value: string): Matcher {
  return { label, match: "=", value };
}

/**
 * Where alerts that match no branch go (an alert without a `severity` label): the first direct
 * target of the least urgent route, because a stray alert should be seen but not wake anyone.
 */
export function fallbackContactPoint(model: Model): string | undefined {
  for (const severity of [...SEVERITIES].reverse()) {
    for (const target of model.routing[severity].targets) if (target.kind !== "escalation") return directContactPoint(target);
  }
  if (grafanaPagesPagerDuty(model) && model.services.length > 0) return pagerDutyContactPoint(model.services[0].id);
  return undefined;
}

/** The severity branches of the tree, page first. */
export function severityPolicies(model: Model): Policy[] {
  const pd = grafanaPagesPagerDuty(model);
  const branches: Policy[] = [];
  for (const severity of SEVERITIES) {
    const children: Policy[] = [];
    for (const target of model.routing[severity].targets) {
      if (target.kind === "escalation") {
        // Without the PagerDuty backend there is no integration key to deliver to.
        if (!pd) continue;
        for (const service of model.services) {
          children.push({ matchers: [matcher("service", service.id)], contactPoint: cpRef(pagerDutyContactPoint(service.id)), continue: true });
        }
      } else {
        children.push({ contactPoint: cpRef(directContactPoint(target)), continue: true });
      }
    }
    if (children.length === 0) continue;
    branches.push({ matchers: [matcher("severity", severity)], groupBies: GROUP_BY, policies: children });
  }
  return branches;
}

/** The environment's notification policy tree, or nothing when no route has anywhere to deliver. */
export function grafanaNotificationPolicy(model: Model): PlanResource[] {
  const fallback = fallbackContactPoint(model);
  if (fallback === undefined) return [];
  return [
    {
      type: NOTIFICATION_POLICY_TYPE,
      name: logicalName(model.system.name),
      parent: routingComponent(model).name,
      provider: "grafana",
      inputs: { contactPoint: cpRef(fallback), groupBies: GROUP_BY, ...TIMING, policies: [...grafanaWatchdogPolicy(model), ...withBusinessHours(model, severityPolicies(model))] },
    },
  ];
}
