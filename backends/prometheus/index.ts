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
import { alertmanagerConfigResource, type OperatorResource, type OperatorTarget } from "./alertmanagerConfigResource";
import { pagerdutySecret, pagerdutySecretName } from "./pagerdutySecret";
import { inventory } from "./inventory";
import { CUSTOM_RESOURCE_TYPE } from "../../plan/sdkTypes";
import { probeResources } from "./probeResources";
import { sortedRecord } from "../../rules/naming";
import { prometheusLimitProblems } from "./limits";


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
  inventory,
  limits: prometheusLimitProblems,
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
