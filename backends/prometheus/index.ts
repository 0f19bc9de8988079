/**
 * The `prometheus` backend: for clusters running prometheus-operator, the self-hosted exports as
 * Kubernetes custom resources created through the Kubernetes provider: the `PrometheusRule` of
 * `export prometheus --format prometheusrule`, the `AlertmanagerConfig` of `export alertmanager`
 * and a `Probe` per check of `export blackbox`. Each is built by the export's own builder, so the
 * cluster and the files never disagree.
 */
import type { Model } from "../../specification/model";
import type { PlanResource, RenderSettings } from "../../plan/plan";
import type { PlanFragment } from "../../plan/components";
import type { BackendDescriptor } from "../descriptor";
import { routingComponent, serviceComponent, stackComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { PROMETHEUS_DEFAULTS, unset } from "../../plan/settings";
import { operatorLabels, prometheusRuleResource } from "./prometheusRule";
import { alertmanagerConfigResource, pagerdutyKey, type OperatorResource, type OperatorTarget } from "./alertmanagerConfigResource";
import { integrationKeyRef } from "../../plan/pagerdutyIntegration";
import { CUSTOM_RESOURCE_TYPE } from "../../plan/sdkTypes";
import { probeResources } from "./probeResources";
import { sortedRecord } from "../../rules/naming";


/** The type a CustomResource registers with Pulumi (`kubernetes:<apiVersion>:<kind>`), which its URN carries. */
export function customResourceType(inputs: { apiVersion?: unknown; kind?: unknown }): string {
  return `kubernetes:${String(inputs.apiVersion)}:${String(inputs.kind)}`;
}

/** Where the resources go: the configured namespace and Secret, readiness' labels plus the selector labels. */
export function operatorTarget(model: Model, settings: RenderSettings): OperatorTarget {
  return {
    namespace: settings.prometheusNamespace ?? PROMETHEUS_DEFAULTS.namespace,
    labels: sortedRecord({ ...settings.prometheusLabels, ...operatorLabels(model) }),
    secretName: settings.alertmanagerSecret ?? PROMETHEUS_DEFAULTS.alertmanagerSecret,
  };
}

function planned(name: string, parent: string, r: OperatorResource): PlanResource {
  return { type: CUSTOM_RESOURCE_TYPE, name, parent, provider: "prometheus", inputs: { apiVersion: r.apiVersion, kind: r.kind, metadata: r.metadata, spec: r.spec } };
}

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
function pagerdutySecret(model: Model, target: OperatorTarget): PlanResource | undefined {
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

/** Everything the prometheus backend provisions for one environment; empty when it is not one of its backends. */
export function render(model: Model, settings: RenderSettings): PlanFragment {
  if (!model.backends.includes("prometheus")) return { components: [], lookups: [], resources: [] };
  const root = stackComponent(model);
  const resources: PlanResource[] = [];
  const secret = pagerdutySecret(model, operatorTarget(model, settings));
  if (secret) resources.push(secret);
  const target: OperatorTarget = { ...operatorTarget(model, settings), ...(secret ? { pagerdutySecretName: pagerdutySecretName(model) } : {}) };
  const rule = prometheusRuleResource(model);
  if (((rule.spec as { groups: unknown[] }).groups ?? []).length > 0)
    resources.push(planned("prometheus-rules", root.name, { ...(rule as unknown as OperatorResource), metadata: { name: (rule.metadata as { name: string }).name, namespace: target.namespace, labels: target.labels } }));
  resources.push(planned("alertmanager-config", routingComponent(model).name, alertmanagerConfigResource(model, target)));
  const probes = probeResources(model, target, settings.blackboxProberUrl ?? unset("readiness:blackboxProberUrl"));
  const services = new Set<string>();
  for (const p of probes) {
    const { service, check } = (p.spec.targets as { staticConfig: { labels: Record<string, string> } }).staticConfig.labels;
    services.add(service);
    resources.push(planned(logicalName(service, check), service, p));
  }
  return {
    components: [root, routingComponent(model), ...[...services].sort().map((s) => serviceComponent(model, s))],
    lookups: [],
    resources,
  };
}

/** The prometheus backend: prometheus-operator custom resources through @pulumi/kubernetes. */
export const descriptor: BackendDescriptor = {
  id: "prometheus",
  package: "kubernetes",
  sdk: () => require("@pulumi/kubernetes"),
  render,
  // The cluster's own credentials: the ambient kubeconfig unless stack config names a file or context.
  provider: (base, settings) => ({
    ...base,
    type: "pulumi:providers:kubernetes",
    inputs: {
      namespace: settings.prometheusNamespace ?? PROMETHEUS_DEFAULTS.namespace,
      ...(settings.kubeconfig ? { kubeconfig: settings.kubeconfig } : {}),
      ...(settings.kubeContext ? { context: settings.kubeContext } : {}),
    },
  }),
};
