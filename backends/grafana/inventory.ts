/**
 * What Grafana renders that can notify: the alert rules of its rule groups (recording rules notify
 * nobody), delivered by their labels through the rendered notification policy.
 */
import type { PlanValue } from "../../plan/plan";
import type { NotifyingInventory } from "../descriptor";
import { RULE_GROUP_TYPE } from "./ruleGroups";
import { grafanaDelivery } from "./delivery";
import { watchdogDelivery } from "../../alerting/watchdog";
import { WATCHDOG_LABEL } from "../../rules/watchdogRules";
import { CONTACT_POINT_TYPE } from "./contactPoints";
import { NOTIFICATION_POLICY_TYPE } from "./notificationPolicy";
import { MUTE_TIMING_TYPE } from "./businessHours";
import { DASHBOARD_TYPE } from "./dashboards";
import { FOLDER_TYPE } from "./folder";
import { SM_CHECK_TYPE } from "./syntheticChecks";

type Obj = { [key: string]: PlanValue };

/** Grafana's notifying items; synthetic checks alert through the rules over their results. */
export const inventory: NotifyingInventory = {
  sources: [
    {
      resources: { type: RULE_GROUP_TYPE },
      itemKind: "rule",
      // Alert rules have a condition; recording rules (`record`) notify nobody.
      read: (r) => ((r.inputs.rules ?? []) as Obj[]).filter((rule) => rule.condition !== undefined).map((rule) => ({ name: String(rule.name), labels: (rule.labels ?? {}) as Record<string, string> })),
    },
  ],
  quiet: [CONTACT_POINT_TYPE, NOTIFICATION_POLICY_TYPE, MUTE_TIMING_TYPE, DASHBOARD_TYPE, FOLDER_TYPE, SM_CHECK_TYPE].map((type) => ({ type })),
  // The watchdog's contact point is the dead man's switch, shown as such.
  delivery: (model, plan) => {
    const tree = grafanaDelivery(model, plan);
    return (labels) => (labels[WATCHDOG_LABEL] === "true" ? watchdogDelivery(model, "grafana") : tree?.(labels) ?? { routes: [], wakes: [] });
  },
};
