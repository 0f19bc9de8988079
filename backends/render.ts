/**
 * renderPlan(model, settings) -> Plan: every enabled backend rendered and merged.
 *
 * `Record<Backend, Renderer>` makes a new backend fail to compile until it has a renderer. The
 * merge sorts everything, so the plan is byte-identical for the same spec whatever its order.
 */
import type { Backend, Model } from "../specification/model";
import type { Plan, PlanComponent, PlannedLookup, PlannedResource, PlanResource, RenderSettings } from "../plan/plan";
import { secret } from "../plan/plan";
import { PROMETHEUS_DEFAULTS, unset } from "../plan/settings";
import { SM_CHECK_TYPE } from "./grafana/syntheticChecks";
import { stackComponent, type PlanFragment } from "../plan/components";
import { withRenameAliases } from "../plan/renames";
import { render as grafana } from "./grafana";
import { render as datadog } from "./datadog";
import { render as pagerduty } from "./pagerduty";
import { render as cloudflare } from "./cloudflare";
import { render as prometheus } from "./prometheus/index";

type Renderer = (model: Model, settings: RenderSettings) => PlanFragment;

const RENDERERS: Record<Backend, Renderer> = { grafana, datadog, pagerduty, cloudflare, prometheus };

/**
 * The provider each backend's resources are created with, configured from stack config. They are
 * part of the plan so that the Pulumi program registers exactly the plan's resources.
 */
export function providerResource(backend: Backend, stackName: string, settings: RenderSettings, uses: ProviderUses = {}): PlanResource {
  const base = { name: backend, parent: stackName, provider: backend };
  switch (backend) {
    case "grafana":
      return {
        ...base,
        type: "pulumi:providers:grafana",
        inputs: {
          url: settings.grafanaUrl ?? unset("grafana:url"),
          auth: secret("grafana:auth"),
          // Synthetic Monitoring has its own API and token; without them every check fails at preview.
          ...(uses.syntheticMonitoring ? { smAccessToken: secret("grafana:smAccessToken"), smUrl: settings.grafanaSmUrl ?? unset("grafana:smUrl") } : {}),
        },
      };
    case "datadog":
      return {
        ...base,
        type: "pulumi:providers:datadog",
        inputs: { apiKey: secret("datadog:apiKey"), appKey: secret("datadog:appKey"), ...(settings.datadogSite ? { apiUrl: datadogApiUrl(settings.datadogSite) } : {}) },
      };
    case "pagerduty":
      return { ...base, type: "pulumi:providers:pagerduty", inputs: { token: secret("pagerduty:token") } };
    case "cloudflare":
      return { ...base, type: "pulumi:providers:cloudflare", inputs: { apiToken: secret("cloudflare:apiToken") } };
    case "prometheus":
      // The cluster's own credentials: the ambient kubeconfig unless stack config names a file or context.
      return {
        ...base,
        type: "pulumi:providers:kubernetes",
        inputs: {
          namespace: settings.prometheusNamespace ?? PROMETHEUS_DEFAULTS.namespace,
          ...(settings.kubeconfig ? { kubeconfig: settings.kubeconfig } : {}),
          ...(settings.kubeContext ? { context: settings.kubeContext } : {}),
        },
      };
  }
}

/** What a plan asks of a provider beyond its defaults. */
export interface ProviderUses {
  /** The plan has Grafana Synthetic Monitoring checks (the provider needs `smAccessToken`, `smUrl`). */
  syntheticMonitoring?: boolean;
}

/** The API a Datadog site is served from: `datadoghq.eu` -> `https://api.datadoghq.eu/`. */
export function datadogApiUrl(site: string): string {
  return `https://api.${site.replace(/^https?:\/\//, "").replace(/^(app|api)\./, "").replace(/\/+$/, "")}/`;
}

export { providerType } from "./registry";

export function renderPlan(model: Model, settings: RenderSettings): Plan {
  const root = stackComponent(model);
  const components = new Map<string, PlanComponent>([[key(root), root]]);
  const lookups = new Map<string, PlannedLookup>();
  const resources = new Map<string, PlannedResource>();
  for (const backend of model.backends) {
    const fragment = RENDERERS[backend](model, settings);
    const provider = providerResource(backend, root.name, settings, { syntheticMonitoring: fragment.resources.some((r) => r.type === SM_CHECK_TYPE) });
    resources.set(key(provider), provider);
    for (const c of fragment.components) components.set(key(c), c);
    for (const l of fragment.lookups) lookups.set(`${l.token}::${l.name}`, l);
    for (const r of fragment.resources) {
      if (resources.has(key(r))) throw new Error(`two resources named ${r.name} of type ${r.type}: logical names must be unique per type`);
      resources.set(key(r), r);
    }
  }
  const byName = new Map([...components.values()].map((c) => [c.name, c]));
  for (const r of resources.values())
    if (!byName.has(r.parent)) throw new Error(`resource ${r.type} ${r.name} names parent ${r.parent}, which is not a component of the plan`);
  const plan: Plan = {
    environment: model.environment,
    components: [...components.values()].sort((a, b) => depth(a, byName) - depth(b, byName) || cmp(a.type, b.type) || cmp(a.name, b.name)),
    lookups: [...lookups.values()].sort((a, b) => cmp(a.token, b.token) || cmp(a.name, b.name)),
    resources: [...resources.values()].sort((a, b) => cmp(a.provider, b.provider) || cmp(a.type, b.type) || cmp(a.name, b.name)),
  };
  return withRenameAliases(plan, model);
}

function key(x: { type: string; name: string }): string {
  return `${x.type}::${x.name}`;
}

function depth(c: PlanComponent, byName: Map<string, PlanComponent>): number {
  let d = 0;
  for (let p = c.parent; p !== undefined && d < 10; p = byName.get(p)?.parent) d++;
  return d;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
