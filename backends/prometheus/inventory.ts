/**
 * What the prometheus backend renders that can notify: the alert rules of its PrometheusRule,
 * delivered by their labels under the exported Alertmanager configuration. Where the environment
 * does not deploy it, the rules `readiness export prometheus` prints, so the export is reviewed.
 */
import type { PlanValue } from "../../plan/plan";
import { CUSTOM_RESOURCE_TYPE } from "../../plan/sdkTypes";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule } from "../../rules/rule";
import type { NotifyingInventory } from "../descriptor";
import { alertmanagerConfig } from "./alertmanager";
import { alertmanagerDelivery } from "./delivery";
import { watchdogDelivery } from "../../alerting/watchdog";
import { WATCHDOG_LABEL } from "../../rules/watchdogRules";
import { PAGERDUTY_SECRET_TYPE } from "./pagerdutySecret";

type Obj = { [key: string]: PlanValue };

/** The prometheus backend's notifying items; probes alert through the rules over their results. */
export const inventory: NotifyingInventory = {
  sources: [
    {
      resources: { type: CUSTOM_RESOURCE_TYPE, kind: "PrometheusRule" },
      itemKind: "rule",
      // Recording rules notify nobody.
      read: (r) =>
        (((r.inputs.spec as Obj | undefined)?.groups ?? []) as Obj[]).flatMap((g) =>
          ((g.rules ?? []) as Obj[]).filter((rule) => typeof rule.alert === "string").map((rule) => ({ name: String(rule.alert), labels: (rule.labels ?? {}) as Record<string, string> })),
        ),
    },
  ],
  quiet: [{ type: CUSTOM_RESOURCE_TYPE, kind: "AlertmanagerConfig" }, { type: CUSTOM_RESOURCE_TYPE, kind: "Probe" }, { type: PAGERDUTY_SECRET_TYPE }],
  // The watchdog's receiver is the dead man's switch, shown as such.
  delivery: (model) => {
    const tree = alertmanagerDelivery(model, alertmanagerConfig(model));
    return (labels) => (labels[WATCHDOG_LABEL] === "true" ? watchdogDelivery(model, "prometheus") : tree(labels));
  },
  exported: (model) => prometheusRuleGroups(model).flatMap((g) => g.rules.filter(isAlertRule)).map((rule) => ({ name: rule.alert, labels: rule.labels })),
};
