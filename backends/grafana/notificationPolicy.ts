/**
 * The Grafana notification policy tree: a branch per severity (matching the `severity` label the
 * rules carry after the paging policy), and under it one child per route target. Escalation targets
 * fan out per `service` label to that service's PagerDuty contact point. Children `continue`, so a
 * severity routed to both Slack and email reaches both.
 *
 * Overrides come first and do not continue, so they replace the default of their severity: a branch
 * per alert route (matching `service`, `alert` and `severity`), then one per service route
 * (`service` and `severity`). An override with nothing Grafana can deliver to still matches, and
 * its alerts fall to the root's contact point rather than to the default route it replaced.
 */
import type { Model, Route, Service } from "../../specification/model";
import { SEVERITIES } from "../../specification/model";
import { routeOverrides } from "../../specification/routes";
import type { ElementOf, InputOf, PlanRef, PlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { routingComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { CONTACT_POINT_TYPE, directContactPoint, grafanaPagesPagerDuty, pagerDutyContactPoint, pinnedUrgency } from "./contactPoints";
import { grafanaWatchdogPolicy } from "./watchdog";
import { withBusinessHours } from "./businessHours";
import { grafanaStatusPageAlertsPolicy } from "./statusPageAlerts";

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
  // A spec may route only through overrides; their direct targets, least urgent first, still catch strays.
  const overrides = routeOverrides(model);
  for (const severity of [...SEVERITIES].reverse()) {
    for (const o of overrides.filter((x) => x.severity === severity)) for (const target of o.route.targets) if (target.kind !== "escalation") return directContactPoint(target);
  }
  if (grafanaPagesPagerDuty(model) && model.services.length > 0) return pagerDutyContactPoint(model.services[0].id);
  return undefined;
}

/** One child per delivery of a route; escalations fan out per service (one service for an override). */
function routeChildren(model: Model, route: Route, services: readonly Service[], matchService: boolean): Policy[] {
  const pd = grafanaPagesPagerDuty(model);
  const children: Policy[] = [];
  for (const target of route.targets) {
    if (target.kind === "escalation") {
      // Without the PagerDuty backend there is no integration key to deliver to.
      if (!pd) continue;
      for (const service of services) {
        const cp = cpRef(pagerDutyContactPoint(service.id, pinnedUrgency(route)));
        children.push(matchService ? { matchers: [matcher("service", service.id)], contactPoint: cp, continue: true } : { contactPoint: cp, continue: true });
      }
    } else {
      children.push({ contactPoint: cpRef(directContactPoint(target)), continue: true });
    }
  }
  return children;
}

/** The override branches, alert routes first: each replaces the default of its severity for what it matches. */
export function overridePolicies(model: Model): Policy[] {
  return routeOverrides(model).map((o) => {
    const matchers = [matcher("service", o.service.id), ...(o.alert ? [matcher("alert", o.alert)] : []), matcher("severity", o.severity)];
    const children = routeChildren(model, o.route, [o.service], false);
    return children.length ? { matchers, groupBies: GROUP_BY, policies: children } : { matchers, groupBies: GROUP_BY };
  });
}

/** The severity branches of the tree, page first. */
export function severityPolicies(model: Model): Policy[] {
  const branches: Policy[] = [];
  for (const severity of SEVERITIES) {
    const children = routeChildren(model, model.routing[severity], model.services, true);
    if (children.length === 0) continue;
    branches.push({ matchers: [matcher("severity", severity)], groupBies: GROUP_BY, policies: children });
  }
  return branches;
}

/**
 * The environment's notification policy tree, or nothing when no route has anywhere to deliver.
 * The watchdog's branch comes first and stops; the status page's alert branch next, continuing.
 * A matched branch keeps an alert from the root's contact point even when it continues, so with
 * the status page branch a last, unconditional branch to the fallback catches what no other
 * branch takes, as the root did without it.
 */
export function grafanaNotificationPolicy(model: Model): PlanResource[] {
  const fallback = fallbackContactPoint(model);
  if (fallback === undefined) return [];
  const statusPage = grafanaStatusPageAlertsPolicy(model);
  const catchAll: Policy[] = statusPage.length ? [{ contactPoint: cpRef(fallback) }] : [];
  const policies = [...grafanaWatchdogPolicy(model), ...statusPage, ...withBusinessHours(model, [...overridePolicies(model), ...severityPolicies(model)]), ...catchAll];
  return [
    {
      type: NOTIFICATION_POLICY_TYPE,
      name: logicalName(model.system.name),
      parent: routingComponent(model).name,
      provider: "grafana",
      inputs: { contactPoint: cpRef(fallback), groupBies: GROUP_BY, ...TIMING, policies },
    },
  ];
}
