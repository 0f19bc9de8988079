/**
 * What Datadog renders that can notify: monitors and synthetic tests, each delivered to the
 * @-handles of its message. Only a P1 (what a page or a high-urgency route renders as) sent to the
 * service's `@pagerduty-` handle wakes the escalation's people, and nothing does where paging is off.
 */
import type { Model } from "../../specification/model";
import { serviceEscalation, serviceEscalationOf } from "../../specification/routes";
import type { PlannedResource } from "../../plan/plan";
import { whoEscalationsCanWake } from "../../oncall/reach";
import type { AddressedItem, NotifyingInventory } from "../descriptor";
import { DATADOG_MONITOR_TYPE, DATADOG_WEBHOOK_TYPE } from "./types";
import { SYNTHETICS_TEST_TYPE } from "./synthetics";
import { datadogPagerDutyServiceName } from "./handles";
import { DASHBOARD_JSON_TYPE } from "./dashboards";
import { PD_SERVICE_OBJECT_TYPE } from "./pagerduty";
import { DATADOG_DOWNTIME_TYPE } from "./businessHours";
import { DATADOG_SLO_TYPE } from "./slos";
import { DASHBOARD_TYPE } from "./sloOverview";

/** A monitor or synthetic test as the audit lists it; `priority` is where its resource type keeps it. */
function addressed(r: PlannedResource, model: Model, priority: unknown): AddressedItem[] {
  const tags = ((r.inputs.tags ?? []) as string[]).filter((t): t is string => typeof t === "string");
  const tag = (k: string) => tags.find((t) => t.startsWith(`${k}:`))?.slice(k.length + 1);
  const message = typeof r.inputs.message === "string" ? r.inputs.message : "";
  const routes = [...new Set(message.match(/(?<=\s|^)@[\w.@+-]+/g) ?? [])].sort();
  // A composite's parts (the burn-rate monitor and its low-traffic guard) notify nobody; the composite does.
  if (tag("constituent") === "true") return [];
  if (tag("watchdog") === "true") return [{ name: String(r.inputs.name), service: "", severity: undefined, watchdog: true, delivery: { routes, wakes: [] } }];
  const service = tag("service") ?? "";
  const high = model.paging && String(priority) === "1";
  const escalation = serviceEscalationOf(model, service) ?? serviceEscalation(model);
  const wakes = high && escalation && routes.includes(`@pagerduty-${datadogPagerDutyServiceName(model, service)}`) ? whoEscalationsCanWake(model, [escalation]) : [];
  return [{ name: String(r.inputs.name), service, severity: tag("severity"), delivery: { routes, wakes } }];
}

/** Datadog's notifying items; SLOs alert through their burn-rate monitors. */
export const inventory: NotifyingInventory = {
  sources: [
    { resources: { type: DATADOG_MONITOR_TYPE }, itemKind: "monitor", read: (r, model) => addressed(r, model, r.inputs.priority) },
    { resources: { type: SYNTHETICS_TEST_TYPE }, itemKind: "synthetic", read: (r, model) => addressed(r, model, (r.inputs.optionsList as { monitorPriority?: unknown } | undefined)?.monitorPriority) },
  ],
  quiet: [DATADOG_WEBHOOK_TYPE, DASHBOARD_JSON_TYPE, PD_SERVICE_OBJECT_TYPE, DATADOG_DOWNTIME_TYPE, DATADOG_SLO_TYPE, DASHBOARD_TYPE].map((type) => ({ type })),
};
