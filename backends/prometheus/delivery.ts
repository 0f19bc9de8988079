/**
 * Where the Alertmanager delivers an alert with given labels under the exported configuration
 * (`readiness export alertmanager` with its defaults; the AlertmanagerConfig is built from it).
 */
import type { Model } from "../../specification/model";
import { allRoutes, redactWebhook, serviceEscalation, serviceEscalationOf, webhookName } from "../../specification/routes";
import { whoEscalationsCanWake } from "../../oncall/reach";
import { statusPageAlertsUrl } from "../../alerting/statusPageAlerts";
import { deliver, matchesAll, mergeDeliveries, parseMatcher, type Delivery, type TreeNode } from "../../alerting/routingTree";
import type { AlertmanagerConfig, AmReceiver, AmRoute } from "./alertmanagerSchema";

/** Alertmanager's delivery of alerts under `config`. */
export function alertmanagerDelivery(model: Model, config: AlertmanagerConfig): (labels: Record<string, string>) => Delivery {
  const receivers = new Map(config.receivers.map((r) => [r.name, r]));
  const node = (r: AmRoute, root = false): TreeNode<string> => {
    const matchers = (r.matchers ?? []).map(parseMatcher);
    return { matches: (labels) => matchesAll(matchers, labels), receiver: r.receiver, continue: root || r.continue === true, children: (r.routes ?? []).map((c) => node(c)) };
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
  return (labels) => mergeDeliveries(deliver(tree, labels, undefined).map((name) => describe(receivers.get(name), labels)));
}
