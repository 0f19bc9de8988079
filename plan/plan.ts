/**
 * The Plan: every provider resource one environment needs, as plain data.
 *
 * Renderers produce it from the Model without Pulumi; `materialize` turns it into Pulumi resources,
 * and `readiness plan` prints it. The Pulumi program registers exactly these resources with exactly
 * these inputs, which is what lets `readiness plan` stand in for `pulumi preview` offline.
 */
import type { Backend } from "../specification/model";
import type { WorkerMigration } from "../statuspage/workerMigrations";
import type { ArgsOf, InvokeToken, InvokeTypes, OutputName, OutputType, Plain, ResourceType } from "./sdkTypes";

/**
 * A reference to another resource's output, resolved to an Output by `materialize`. `T` is the
 * output's type (never stored): a ref is accepted only where the SDK takes an `Input<T>`.
 */
export interface PlanRef<T = unknown> {
  $ref: string;
  /** Logical name of the resource (or lookup) the value comes from. */
  resource: string;
  /** Type token of that resource, so names only need to be unique per type. */
  type: string;
  /** Output property, e.g. `id`, `integrationKey`, `uid`. */
  output: string;
  /** `values`: the output is a map and the input wants its values, ordered by key. */
  select?: "values";
  /** The output grants access (an integration key): registered as a Pulumi secret wherever it is used. */
  secret?: true;
  /** Phantom: the output's type, for the compiler only. */
  readonly __output?: T;
}

/** A secret read from stack config at deploy time; printed as `[secret]`, never resolved offline. */
export interface PlanSecret {
  $secret: string;
}

/**
 * A secret the spec itself holds (a webhook URL with a token in it): registered as a Pulumi secret,
 * printed only as `shown` (the URL's host), never in full.
 */
export interface PlanSecretValue {
  $secretValue: string;
  /** What plans, the audit and JSON show instead of the value. */
  shown: string;
}

/**
 * A value a TypeScript program passed as a `pulumi.Input<string>` (a check target from a load
 * balancer, a hostname from another stack): unknown offline, taken from the program at deploy time.
 */
export interface PlanInput {
  /** Where the program gave it, e.g. `services.storefront.checks.home.http`. */
  $input: string;
  /** Only that part of the URL the program gave: its host name, or its path and query. */
  part?: "hostname" | "path";
  /** It sits in a value the spec treats as a secret (a webhook URL): registered as a Pulumi secret. */
  secret?: true;
}

/** A string built from literal parts, other resources' outputs (an SLO id inside a query) and secrets (a token inside a header). */
export interface PlanConcat {
  $concat: (string | PlanRef | PlanSecret | PlanInput)[];
}

/**
 * A Worker's Durable Object migrations, decided at deploy time from the migration tag Cloudflare
 * reports for `scriptName` in `scripts` (a `getWorkersScripts` lookup's `results`): only the
 * ledger's steps after that tag are sent (statuspage/workerMigrations.ts).
 */
export interface PlanWorkerMigrations {
  $migrations: { scriptName: string; scripts: PlanRef; ledger: WorkerMigration[] };
}

/**
 * A resource this one names by text where no output can carry the name (a Datadog monitor's
 * `@webhook-<name>` handle in its message), so Pulumi is told to create it first: a `dependsOn`.
 */
export interface PlanDependency {
  /** Type token of the resource depended on. */
  type: string;
  /** Its logical name. */
  name: string;
  /** The text that names it, e.g. `@pagerduty-shop-prod-checkout`. */
  because: string;
}

/** A value a resource input can take. */
export type PlanValue = string | number | boolean | null | PlanRef | PlanSecret | PlanSecretValue | PlanConcat | PlanWorkerMigrations | PlanInput | PlanValue[] | { [key: string]: PlanValue };

/**
 * An SDK input type as a renderer may write it: literals, and refs, secrets and concatenations
 * exactly where the SDK takes an `Input` of the matching type. Required inputs stay required.
 * @internal typed by the provider SDKs, so left out of the published declarations (tsconfig.build.json).
 */
export type Planned<T> = PlannedPlain<NonNullable<Plain<T>>>;
type PlannedPlain<T> = [T] extends [string]
  ? T | PlanRef<string> | PlanSecret | PlanSecretValue | PlanConcat
  : [T] extends [number]
    ? T | PlanRef<number>
    : [T] extends [boolean]
      ? T | PlanRef<boolean>
      : T extends readonly (infer E)[]
        ? Planned<E>[] | PlanRef<NonNullable<Plain<E>>[]>
        : T extends object
          ? { [K in keyof T]: Planned<T[K]> } | ([T] extends [WorkersScriptMigrationsPlain] ? PlanWorkerMigrations : never)
          : T;
type WorkersScriptMigrationsPlain = NonNullable<Plain<ArgsOf<"cloudflare:index/workersScript:WorkersScript">["migrations"]>>;

/**
 * The inputs of a resource of type `T`, typed by the provider SDK's own `*Args`.
 * @internal typed by the provider SDKs, so left out of the published declarations (tsconfig.build.json).
 */
export type PlanInputs<T extends ResourceType> = Planned<ArgsOf<T>>;

/**
 * One provider resource of type `T` to create.
 * @internal typed by the provider SDKs, so left out of the published declarations (tsconfig.build.json).
 */
export interface TypedPlanResource<T extends ResourceType> {
  /** Pulumi type token, e.g. `pagerduty:index/schedule:Schedule`. */
  type: T;
  /** Logical name built from spec ids; unique per type within a plan. */
  name: string;
  /** Logical name of the component that owns it. */
  parent: string;
  provider: Backend;
  inputs: PlanInputs<T>;
  /** Deletion needs an explicit unprotect (on-call resources where paging is on). */
  protect?: boolean;
  /** Earlier logical names of this resource (from `previously:`), so a rename is not a replace. */
  aliases?: string[];
  /** Resources it names by text, created before it (Pulumi `dependsOn`). */
  dependsOn?: PlanDependency[];
}

/**
 * One provider resource to create, of any type a renderer may emit: a union discriminated by
 * `type`, so a literal with `type: RULE_GROUP_TYPE` has its inputs checked against RuleGroupArgs.
 * @internal typed by the provider SDKs, so left out of the published declarations (tsconfig.build.json).
 */
export type PlanResource = { [T in ResourceType]: TypedPlanResource<T> }[ResourceType];

/**
 * The planned type of input `K` of resource type `T`, for helpers that build part of the inputs.
 * @internal typed by the provider SDKs, so left out of the published declarations (tsconfig.build.json).
 */
export type InputOf<T extends ResourceType, K extends keyof ArgsOf<T>> = Planned<ArgsOf<T>[K]>;

/** One element of a planned list input. */
export type ElementOf<L> = L extends (infer E)[] ? E : never;

/** Any plan resource read generically (formats, diff, policies): inputs as plain PlanValues. */
export interface PlannedResource {
  type: string;
  name: string;
  parent: string;
  provider: Backend;
  inputs: { [key: string]: PlanValue };
  protect?: boolean;
  aliases?: string[];
  dependsOn?: PlanDependency[];
}

/**
 * A read of something that already exists (a PagerDuty user by email); not created or deleted.
 * @internal typed by the provider SDKs, so left out of the published declarations (tsconfig.build.json).
 */
export interface TypedPlanLookup<K extends InvokeToken> {
  /** Pulumi invoke token, e.g. `pagerduty:index/getUser:getUser`. */
  token: K;
  name: string;
  provider: Backend;
  args: Planned<InvokeTypes[K]["args"]>;
}

/** Any lookup read generically. */
export interface PlannedLookup {
  token: string;
  name: string;
  provider: Backend;
  args: { [key: string]: PlanValue };
}

/**
 * A lookup of any invoke a renderer may emit.
 * @internal typed by the provider SDKs, so left out of the published declarations (tsconfig.build.json).
 */
export type PlanLookup = { [K in InvokeToken]: TypedPlanLookup<K> }[InvokeToken];

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
  lookups: PlannedLookup[];
  /**
   * Read as plain data by every consumer (formats, diff, policies, materialize). Each entry was a
   * `PlanResource` checked against its SDK's `*Args` where a renderer built it; `renderPlan` only
   * widens it (an assignment, no cast), so nothing unchecked can enter.
   */
  resources: PlannedResource[];
}

/** Settings that come from stack config rather than the spec (ids of things that already exist). */
export interface RenderSettings {
  /** Grafana: uid of the Prometheus data source the rules query. */
  grafanaDatasourceUid: string;
  /** Grafana: URL, for dashboard links in outputs. */
  grafanaUrl?: string;
  /** Grafana: the Synthetic Monitoring API of the stack's region (provider `smUrl`). */
  grafanaSmUrl?: string;
  /** Datadog: site, e.g. `datadoghq.eu`: the provider's `apiUrl` and the links. */
  datadogSite?: string;
  /** Cloudflare: account that owns the status page Worker and KV. */
  cloudflareAccountId: string;
  /** Cloudflare: zone of the health checks and status page hostname, when there is one. */
  cloudflareZoneId?: string;
  /** Prometheus (operator): namespace of the custom resources and of the Secret they read (default `monitoring`). */
  prometheusNamespace?: string;
  /** Prometheus (operator): labels on every custom resource, matching the Prometheus and Alertmanager selectors (e.g. `release`). */
  prometheusLabels?: Record<string, string>;
  /** Prometheus (operator): the blackbox exporter Probes go through, `http://host:port` or `host:port`. */
  blackboxProberUrl?: string;
  /** Prometheus (operator): the Kubernetes Secret holding the Slack URL, the watchdog token and PagerDuty keys readiness does not make (default `readiness-alertmanager`). */
  alertmanagerSecret?: string;
  /** Kubernetes provider: kubeconfig file path (default: the provider's, $KUBECONFIG or ~/.kube/config). */
  kubeconfig?: string;
  /** Kubernetes provider: kubeconfig context (default: the current one). */
  kubeContext?: string;
}

/**
 * A typed ref to output `output` of resource (or lookup) `resource` of type `type`.
 * @internal typed by the provider SDKs, so left out of the published declarations (tsconfig.build.json).
 */
export function ref<K extends ResourceType | InvokeToken, O extends OutputName<K>>(resource: string, type: K, output: O): PlanRef<OutputType<K, O>>;
/**
 * A ref to a map output, as the list of its values ordered by key.
 * @internal typed by the provider SDKs, so left out of the published declarations (tsconfig.build.json).
 */
export function ref<K extends ResourceType | InvokeToken, O extends OutputName<K>>(resource: string, type: K, output: O, select: "values"): PlanRef<ValuesOf<OutputType<K, O>>>;
export function ref(resource: string, type: string, output: string, select?: "values"): PlanRef {
  return { $ref: `${type}::${resource}#${output}${select ? `.${select}` : ""}`, resource, type, output, ...(select ? { select } : {}) };
}

/** A ref to an output that grants access (an integration key, a webhook URL): materialized as a Pulumi secret. */
export function secretRef<T>(r: PlanRef<T>): PlanRef<T> {
  return { ...r, secret: true };
}

/** The values of a map type, as a list. */
export type ValuesOf<M> = M extends { [key: string]: infer V } ? V[] : never;

/** Applies a ref's `select` to the output value it points at. */
export function selectOutput(ref: PlanRef, value: unknown): unknown {
  if (ref.select !== "values" || !value || typeof value !== "object") return value;
  const map = value as Record<string, unknown>;
  return Object.keys(map).sort().map((k) => map[k]);
}

export function secret(configKey: string): PlanSecret {
  return { $secret: configKey };
}

/** A spec-held secret, printed as `shown`. */
export function secretValue(value: string, shown: string): PlanSecretValue {
  return { $secretValue: value, shown };
}

export function isSecretValue(v: unknown): v is PlanSecretValue {
  return typeof v === "object" && v !== null && "$secretValue" in v;
}

export function isRef(v: unknown): v is PlanRef {
  return typeof v === "object" && v !== null && "$ref" in v;
}

export function isConcat(v: unknown): v is PlanConcat {
  return typeof v === "object" && v !== null && "$concat" in v && Array.isArray((v as PlanConcat).$concat);
}

/** Durable Object migrations of Worker `scriptName` from `ledger`, as far as the tag Cloudflare reports in `scripts` needs them. */
export function workerMigrations(scriptName: string, scripts: PlanRef, ledger: readonly WorkerMigration[]): PlanWorkerMigrations {
  return { $migrations: { scriptName, scripts, ledger: ledger.map((m) => ({ ...m })) } };
}

export function isWorkerMigrations(v: unknown): v is PlanWorkerMigrations {
  return typeof v === "object" && v !== null && "$migrations" in v;
}

export function isInput(v: unknown): v is PlanInput {
  return typeof v === "object" && v !== null && "$input" in v;
}

export function isSecret(v: unknown): v is PlanSecret {
  return typeof v === "object" && v !== null && "$secret" in v;
}
