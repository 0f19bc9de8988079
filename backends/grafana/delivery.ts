/**
 * Where Grafana delivers an alert with given labels, read from what is rendered: the notification
 * policy tree, its contact points, and for PagerDuty the chain of refs they hold (integration ->
 * PagerDuty service -> escalation policy), followed by each ref's own type so no other provider's
 * token is needed here.
 */
import type { Model } from "../../specification/model";
import type { Plan, PlannedResource, PlanValue } from "../../plan/plan";
import { isRef, isSecretValue } from "../../plan/plan";
import { whoEscalationsCanWake } from "../../oncall/reach";
import { statusPageAlertsUrl } from "../../alerting/statusPageAlerts";
import { deliver, matchesAll, mergeDeliveries, type Delivery, type TreeNode } from "../../alerting/routingTree";
import { CONTACT_POINT_TYPE } from "./contactPoints";
import { NOTIFICATION_POLICY_TYPE } from "./notificationPolicy";

type Obj = { [key: string]: PlanValue };

/** Grafana's delivery of alerts, or undefined when no notification policy is rendered. */
export function grafanaDelivery(model: Model, plan: Plan): ((labels: Record<string, string>) => Delivery) | undefined {
  const policy = plan.resources.find((r) => r.type === NOTIFICATION_POLICY_TYPE);
  if (!policy) return undefined;
  const byKey = new Map(plan.resources.map((r) => [`${r.type}::${r.name}`, r]));
  const refName = (v: PlanValue | undefined): string | undefined => (isRef(v) ? v.resource : undefined);
  const referenced = (v: PlanValue | undefined): PlannedResource | undefined => (isRef(v) ? byKey.get(`${v.type}::${v.resource}`) : undefined);
  const node = (p: Obj, root = false): TreeNode<string> => {
    const matchers = ((p.matchers ?? []) as Obj[]).map((m) => ({ label: String(m.label), op: String(m.match), value: String(m.value) }));
    return {
      matches: (labels) => matchesAll(matchers, labels),
      receiver: refName(p.contactPoint),
      continue: root || p.continue === true,
      children: ((p.policies ?? []) as Obj[]).map((c) => node(c)),
    };
  };
  const tree = node(policy.inputs as unknown as Obj, true);
  const pagingOff = (serviceRes: PlannedResource | undefined) => {
    const rule = serviceRes?.inputs.incidentUrgencyRule as Obj | undefined;
    return rule?.urgency === "low";
  };
  const describe = (cpName: string, labels: Record<string, string>): Delivery => {
    const cp = byKey.get(`${CONTACT_POINT_TYPE}::${cpName}`);
    const inputs = (cp?.inputs ?? {}) as Obj;
    const routes: string[] = [];
    let wakes: string[] = [];
    for (const s of (inputs.slacks ?? []) as Obj[]) routes.push(`slack:${String(s.recipient)}`);
    for (const e of (inputs.emails ?? []) as Obj[]) for (const a of (e.addresses ?? []) as string[]) routes.push(`email:${a}`);
    const statusPage = statusPageAlertsUrl(model, "grafana");
    for (const w of (inputs.webhooks ?? []) as Obj[]) routes.push(statusPage !== undefined && w.url === statusPage ? `status-page:${statusPage}` : `webhook:${isSecretValue(w.url) ? w.url.shown : "[secret]"}`);
    for (const p of (inputs.pagerduties ?? []) as Obj[]) {
      // Follow the rendered chain: integration -> PagerDuty service -> escalation policy.
      const integration = referenced(p.integrationKey);
      const service = referenced((integration?.inputs as Obj | undefined)?.service);
      const escalation = refName((service?.inputs as Obj | undefined)?.escalationPolicy);
      routes.push(escalation ? `escalation:${escalation}` : `pagerduty:${String(p.component)}`);
      const sent = typeof p.severity === "string" ? (p.severity.includes("{{") ? (labels.severity === "page" ? "critical" : "warning") : p.severity) : "warning";
      if (escalation && sent === "critical" && !pagingOff(service)) wakes = whoEscalationsCanWake(model, [escalation]);
    }
    return { routes, wakes };
  };
  return (labels) => mergeDeliveries(deliver(tree, labels, undefined).map((cp) => describe(cp, labels)));
}
