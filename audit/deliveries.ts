/**
 * Where a rendered routing tree delivers an alert with given labels, read from what is rendered:
 * Grafana's notification policy and contact points in the Plan, and the exported Alertmanager
 * configuration. Both trees work alike: children are tried in order, a matching child is
 * descended into, one that does not `continue` stops the search, and a node none of whose
 * children match delivers to its own receiver (inherited from its parent when it names none).
 */
import type { Model } from "../specification/model";
import { allRoutes, redactWebhook, serviceEscalationOf, webhookName } from "../specification/routes";
import type { Plan, PlannedResource, PlanValue } from "../plan/plan";
import { isRef, isSecretValue } from "../plan/plan";
import { CONTACT_POINT_TYPE } from "../backends/grafana/contactPoints";
import { NOTIFICATION_POLICY_TYPE } from "../backends/grafana/notificationPolicy";
import { PD_SERVICE } from "../backends/pagerduty/tokens";
import { PD_SERVICE_INTEGRATION } from "../plan/pagerdutyIntegration";
import type { AlertmanagerConfig, AmReceiver, AmRoute } from "../backends/prometheus/alertmanagerSchema";
import { serviceEscalation } from "../backends/pagerduty/services";
import { whoEscalationsCanWake } from "../oncall/reach";
import { statusPageAlertsUrl } from "../alerting/statusPageAlerts";

/** Where an alert is delivered and who it can wake there. */
export interface Delivery {
  /**
   * `escalation:<id>`, `slack:#chan`, `email:<addr>`, `webhook:https://host/[redacted]`, or
   * `status-page:<url>` for the status page's alert webhook, which shows state and reaches no one.
   */
  routes: string[];
  /** Person ids: those a high-urgency PagerDuty incident reaches. */
  wakes: string[];
}

interface TreeNode<R> {
  matches: (labels: Record<string, string>) => boolean;
  receiver?: R;
  continue: boolean;
  children: TreeNode<R>[];
}

function deliver<R>(node: TreeNode<R>, labels: Record<string, string>, inherited: R | undefined): R[] {
  const own = node.receiver ?? inherited;
  const out: R[] = [];
  for (const child of node.children) {
    if (!child.matches(labels)) continue;
    out.push(...deliver(child, labels, own));
    if (!child.continue) break;
  }
  return out.length ? out : own === undefined ? [] : [own];
}

type Obj = { [key: string]: PlanValue };

/** Grafana's delivery of alerts, or undefined when no notification policy is rendered. */
export function grafanaDelivery(model: Model, plan: Plan): ((labels: Record<string, string>) => Delivery) | undefined {
  const policy = plan.resources.find((r) => r.type === NOTIFICATION_POLICY_TYPE);
  if (!policy) return undefined;
  const byKey = new Map(plan.resources.map((r) => [`${r.type}::${r.name}`, r]));
  const refName = (v: PlanValue | undefined): string | undefined => (isRef(v) ? v.resource : undefined);
  const node = (p: Obj, root = false): TreeNode<string> => {
    const matchers = ((p.matchers ?? []) as Obj[]).map((m) => ({ label: String(m.label), op: String(m.match), value: String(m.value) }));
    return {
      matches: (labels) => matchers.every((m) => test(m.op, labels[m.label] ?? "", m.value)),
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
      const integration = byKey.get(`${PD_SERVICE_INTEGRATION}::${refName(p.integrationKey) ?? ""}`);
      const service = byKey.get(`${PD_SERVICE}::${refName((integration?.inputs as Obj | undefined)?.service) ?? ""}`);
      const escalation = refName((service?.inputs as Obj | undefined)?.escalationPolicy);
      routes.push(escalation ? `escalation:${escalation}` : `pagerduty:${String(p.component)}`);
      const sent = typeof p.severity === "string" ? (p.severity.includes("{{") ? (labels.severity === "page" ? "critical" : "warning") : p.severity) : "warning";
      if (escalation && sent === "critical" && !pagingOff(service)) wakes = whoEscalationsCanWake(model, [escalation]);
    }
    return { routes, wakes };
  };
  return (labels) => merge(deliver(tree, labels, undefined).map((cp) => describe(cp, labels)));
}

/** Alertmanager's delivery of alerts under the exported configuration. */
export function alertmanagerDelivery(model: Model, config: AlertmanagerConfig): (labels: Record<string, string>) => Delivery {
  const receivers = new Map(config.receivers.map((r) => [r.name, r]));
  const node = (r: AmRoute, root = false): TreeNode<string> => {
    const matchers = (r.matchers ?? []).map(parseMatcher);
    return { matches: (labels) => matchers.every((m) => test(m.op, labels[m.label] ?? "", m.value)), receiver: r.receiver, continue: root || r.continue === true, children: (r.routes ?? []).map((c) => node(c)) };
  };
  const tree = node(config.route, true);
  const hooks = new Map<string, string>();
  for (const route of allRoutes(model)) for (const t of route.targets) if (t.kind === "webhook") hooks.set(webhookName(t.url), redactWebhook(t.url));
  const statusPage = statusPageAlertsUrl(model, "alertmanager");
  const describe = (r: AmReceiver | undefined, labels: Record<string, string>): Delivery => {
    const routes: string[] = [];
    let wakes: string[] = [];
    for (const p of r?.pagerduty_configs ?? []) {
      const service = String(p.routing_key_file ?? "").split("/").pop() ?? "";
      const escalation = serviceEscalationOf(model, service) ?? serviceEscalation(model);
      routes.push(escalation ? `escalation:${escalation}` : `pagerduty:${service}`);
      const sev = String(p.severity ?? "");
      const sent = sev.includes("{{") ? (labels.severity === "page" ? "critical" : "warning") : sev;
      // The PagerDuty service is low urgency where paging is off; Alertmanager has no PagerDuty receiver there anyway.
      if (escalation && sent === "critical" && model.paging) wakes = whoEscalationsCanWake(model, [escalation]);
    }
    for (const s of r?.slack_configs ?? []) routes.push(`slack:${String(s.channel)}`);
    for (const e of r?.email_configs ?? []) routes.push(`email:${String(e.to)}`);
    for (const w of r?.webhook_configs ?? []) {
      if (statusPage !== undefined && w.url === statusPage) {
        routes.push(`status-page:${statusPage}`);
        continue;
      }
      const name = typeof w.url_file === "string" ? w.url_file.split("/").pop() ?? "" : typeof w.url === "string" ? webhookName(w.url) : "";
      routes.push(`webhook:${hooks.get(name) ?? (typeof w.url === "string" ? redactWebhook(w.url) : name)}`);
    }
    return { routes, wakes };
  };
  return (labels) => merge(deliver(tree, labels, undefined).map((name) => describe(receivers.get(name), labels)));
}

function merge(ds: Delivery[]): Delivery {
  return { routes: [...new Set(ds.flatMap((d) => d.routes))], wakes: [...new Set(ds.flatMap((d) => d.wakes))].sort() };
}

function test(op: string, actual: string, value: string): boolean {
  switch (op) {
    case "=":
      return actual === value;
    case "!=":
      return actual !== value;
    case "=~":
      return new RegExp(`^(?:${value})$`).test(actual);
    case "!~":
      return !new RegExp(`^(?:${value})$`).test(actual);
    default:
      return false;
  }
}

function parseMatcher(text: string): { label: string; op: string; value: string } {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*)$/.exec(text.trim());
  if (!m) return { label: "", op: "?", value: "" };
  const raw = m[3];
  let value = raw;
  if (raw.startsWith('"')) {
    try {
      value = JSON.parse(raw) as string;
    } catch {
      value = raw.slice(1, -1);
    }
  }
  return { label: m[1], op: m[2], value };
}
