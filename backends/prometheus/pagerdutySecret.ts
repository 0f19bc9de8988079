/**
 * The Secret the prometheus backend writes the Alertmanager's PagerDuty routing keys into, from the
 * PagerDuty backend's integrations.
 */
import type { Model } from "../../specification/model";
import type { PlanResource } from "../../plan/plan";
import { routingComponent } from "../../plan/components";
import { integrationKeyRef } from "../../plan/pagerdutyIntegration";
import { alertmanagerConfigResource, pagerdutyKey, type OperatorTarget } from "./alertmanagerConfigResource";

/** The Secret of the PagerDuty integration keys readiness writes for the Alertmanager. */
export const PAGERDUTY_SECRET_TYPE = "kubernetes:core/v1:Secret";

/** Kubernetes name of that Secret. */
export function pagerdutySecretName(model: Pick<Model, "environment">): string {
  return `readiness-${model.environment}-pagerduty`;
}

/**
 * Where the PagerDuty backend makes the services, the Alertmanager's routing keys are the outputs
 * of their `Prometheus Alertmanager` integrations, written into a Secret of their own (marked
 * secret), so nobody copies a key by hand. Undefined when the AlertmanagerConfig pages nobody.
 */
export function pagerdutySecret(model: Model, target: OperatorTarget): PlanResource | undefined {
  if (!model.backends.includes("pagerduty")) return undefined;
  const paged = alertmanagerConfigResource(model, target).spec.receivers as { pagerdutyConfigs?: { routingKey: { key: string } }[] }[];
  const keys = new Set(paged.flatMap((r) => (r.pagerdutyConfigs ?? []).map((c) => c.routingKey.key)));
  const services = model.services.filter((s) => keys.has(pagerdutyKey(s.id)));
  if (services.length === 0) return undefined;
  return {
    type: PAGERDUTY_SECRET_TYPE,
    name: "pagerduty-routing-keys",
    parent: routingComponent(model).name,
    provider: "prometheus",
    inputs: {
      metadata: { name: pagerdutySecretName(model), namespace: target.namespace, labels: target.labels },
      type: "Opaque",
      stringData: Object.fromEntries(services.map((s) => [pagerdutyKey(s.id), integrationKeyRef(s.id, "prometheus")])),
    },
  };
}
