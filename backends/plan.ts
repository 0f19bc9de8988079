/**
 * The Plan: every provider resource one environment needs, as plain data.
 *
 * Renderers produce it from the Model without Pulumi; `materialize` turns it into Pulumi resources,
 * and `readiness plan` prints it. The Pulumi program registers exactly these resources with exactly
 * these inputs, which is what lets `readiness plan` stand in for `pulumi preview` offline.
 */
import type { Backend } from "../specification/model";

/** A reference to another resource's output, resolved to an Output by `materialize`. */
export interface PlanRef {
  $ref: string;
  /** Logical name of the resource (or lookup) the value comes from. */
  resource: string;
  /** Type token of that resource, so names only need to be unique per type. */
  type: string;
  /** Output property, e.g. `id`, `integrationKey`, `uid`. */
  output: string;
  /** `values`: the output is a map and the input wants its values, ordered by key. */
  select?: "values";
}

/** A secret read from stack config at deploy time; printed as `[secret]`, never resolved offline. */
export interface PlanSecret {
  $secret: string;
}

/** A string built from literal parts, other resources' outputs (an SLO id inside a query) and secrets (a token inside a header). */
export interface PlanConcat {
  $concat: (string | PlanRef | PlanSecret)[];
}

/** A value a resource input can take. */
export type PlanValue = string | number | boolean | null | PlanRef | PlanSecret | PlanConcat | PlanValue[] | { [key: string]: PlanValue };

/** One provider resource to create. */
export interface PlanResource {
  /** Pulumi type token, e.g. `pagerduty:index/schedule:Schedule`. */
  type: string;
  /** Logical name built from spec ids; unique per type within a plan. */
  name: string;
  /** Logical name of the component that owns it. */
  parent: string;
  provider: Backend;
  inputs: { [key: string]: PlanValue };
  /** Deletion needs an explicit unprotect (on-call resources where paging is on). */
  protect?: boolean;
  /** Earlier logical names of this resource (from `previously:`), so a rename is not a replace. */
  aliases?: string[];
}

/** A read of something that already exists (a PagerDuty user by email); not created or deleted. */
export interface PlanLookup {
  /** Pulumi invoke token, e.g. `pagerduty:index/getUser:getUser`. */
  token: string;
  name: string;
  provider: Backend;
  args: { [key: string]: PlanValue };
}

/** A typed ComponentResource grouping resources: `readiness:<area>:<Kind>`. */
export interface PlanComponent {
  type: string;
  name: string;
  /** Logical name of the parent component; undefined for the root. */
  parent?: string;
  /** Earlier logical names (a renamed service or SLO), so the component is not replaced. */
  aliases?: string[];
}

/** Everything one environment provisions. */
export interface Plan {
  environment: string;
  components: PlanComponent[];
  lookups: PlanLookup[];
  resources: PlanResource[];
}

/** Settings that come from stack config rather than the spec (ids of things that already exist). */
export interface RenderSettings {
  /** Grafana: uid of the Prometheus data source the rules query. */
  grafanaDatasourceUid: string;
  /** Grafana: URL, for dashboard links in outputs. */
  grafanaUrl?: string;
  /** Datadog: site, e.g. `datadoghq.com`; only used for links. */
  datadogSite?: string;
  /** Cloudflare: account that owns the status page Worker and KV. */
  cloudflareAccountId: string;
  /** Cloudflare: zone of the health checks and status page hostname, when there is one. */
  cloudflareZoneId?: string;
}

export function ref(resource: string, type: string, output: string, select?: "values"): PlanRef {
  return { $ref: `${type}::${resource}#${output}${select ? `.${select}` : ""}`, resource, type, output, ...(select ? { select } : {}) };
}

/** Applies a ref's `select` to the output value it points at. */
export function selectOutput(ref: PlanRef, value: unknown): unknown {
  if (ref.select !== "values" || !value || typeof value !== "object") return value;
  const map = value as Record<string, unknown>;
  return Object.keys(map).sort().map((k) => map[k]);
}

export function secret(configKey: string): PlanSecret {
  return { $secret: configKey };
}

export function isRef(v: unknown): v is PlanRef {
  return typeof v === "object" && v !== null && "$ref" in v;
}

export function isConcat(v: unknown): v is PlanConcat {
  return typeof v === "object" && v !== null && "$concat" in v && Array.isArray((v as PlanConcat).$concat);
}

export function isSecret(v: unknown): v is PlanSecret {
  return typeof v === "object" && v !== null && "$secret" in v;
}
