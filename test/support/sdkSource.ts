/**
 * A Plan written out as TypeScript typed against the provider SDKs' own `*Args`: each resource
 * becomes `const rN: <sdk>.<module>.<Name>Args = {...}`, refs become the referenced SDK resource's
 * own Output property (or the invoke result's field), secrets `pulumi.secret`, concatenations
 * `pulumi.concat`. Compiled with tsc, it checks what reaches the providers independently of the
 * renderer-side types (sdkTypes.ts) that produced it.
 */
import type { Backend } from "../../specification/model";
import type { Plan, PlannedLookup, PlannedResource, PlanValue } from "../../plan/plan";
import { isConcat, isInput, isRef, isSecret, isSecretValue, isWorkerMigrations } from "../../plan/plan";
import { backendOfToken } from "../../backends/registry";

/** The SDK package of each backend and the variable the generated file imports it as. */
export const SDK_PACKAGES: Record<Backend, { variable: string; module: string }> = {
  grafana: { variable: "grafana", module: "@pulumiverse/grafana" },
  datadog: { variable: "datadog", module: "@pulumi/datadog" },
  pagerduty: { variable: "pagerduty", module: "@pulumi/pagerduty" },
  cloudflare: { variable: "cloudflare", module: "@pulumi/cloudflare" },
  prometheus: { variable: "k8s", module: "@pulumi/kubernetes" },
};

function backendOf(token: string): Backend {
  const backend = backendOfToken(token);
  if (!backend) throw new Error(`no SDK for ${token}`);
  return backend;
}

/** `grafana:syntheticMonitoring/check:Check` -> `grafana.syntheticmonitoring.Check` (module keys as the package spells them). */
export function sdkName(token: string, suffix = ""): string {
  const backend = backendOf(token);
  const { variable, module } = SDK_PACKAGES[backend];
  if (token.startsWith("pulumi:providers:")) return `${variable}.Provider${suffix}`;
  // `kubernetes:apiextensions.k8s.io:CustomResource`: the API group's first label is the SDK module.
  const m = /^[^:]+:([^/]+)\/([^:]+):(\w+)$/.exec(token) ?? /^[^:/]+:([a-z0-9]+)\.[a-z0-9.-]+():(\w+)$/.exec(token);
  if (!m) throw new Error(`not a type token: ${token}`);
  const [, mod, file, name] = m;
  const exported = `${name[0].toUpperCase()}${name.slice(1)}${suffix}`;
  if (mod === "index") return `${variable}.${exported}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require(module) as Record<string, unknown>;
  const key = Object.keys(pkg).find((k) => k.toLowerCase() === mod.toLowerCase());
  if (!key) throw new Error(`${module} has no module ${mod}`);
  // Kubernetes nests by API version: `kubernetes:core/v1:Secret` -> k8s.core.v1.Secret.
  const inner = pkg[key] as Record<string, unknown>;
  if (!(name in inner) && file && inner[file] && typeof inner[file] === "object") return `${variable}.${key}.${file}.${exported}`;
  return `${variable}.${key}.${exported}`;
}

/** A plan value as a TypeScript expression of the type the SDK gets at deploy time. */
export function tsExpression(v: PlanValue, lookups: ReadonlySet<string>): string {
  if (isSecret(v)) return `pulumi.secret("")`;
  if (isSecretValue(v)) return `pulumi.secret(${JSON.stringify(v.shown)})`;
  if (isInput(v)) return `pulumi.output("" as pulumi.Input<string>)`;
  if (isRef(v)) {
    const source = lookups.has(v.type)
      ? `pulumi.output((undefined as unknown as ${sdkName(v.type, "Result").replace(/\.(\w+)Result$/, (_, n: string) => `.${n[0].toUpperCase()}${n.slice(1)}Result`)})[${JSON.stringify(v.output)}])`
      : `(undefined as unknown as ${sdkName(v.type)})[${JSON.stringify(v.output)}]`;
    return v.select === "values" ? `${source}.apply((m) => Object.keys(m).sort().map((k) => m[k]))` : source;
  }
  if (isConcat(v)) return `pulumi.concat(${v.$concat.map((p) => tsExpression(p, lookups)).join(", ")})`;
  // Decided at deploy time from the scripts lookup: the SDK's migrations type, from that lookup's output.
  if (isWorkerMigrations(v)) return `pulumi.output(${tsExpression(v.$migrations.scripts, lookups)}).apply((): cloudflare.types.input.WorkersScriptMigrations | undefined => undefined)`;
  if (v === null) return "undefined";
  if (Array.isArray(v)) return `[${v.map((x) => tsExpression(x, lookups)).join(", ")}]`;
  if (typeof v === "object") return `{ ${Object.keys(v).map((k) => `${JSON.stringify(k)}: ${tsExpression((v as Record<string, PlanValue>)[k], lookups)}`).join(", ")} }`;
  return JSON.stringify(v);
}

/** One line of the generated file per resource and lookup, so a diagnostic's line names its resource. */
export interface SdkSource {
  text: string;
  /** `type name` of the resource or lookup on each line (1-based), where there is one. */
  lineOf: Map<number, string>;
}

/** The plan's resources and lookups as SDK-typed declarations. */
export function sdkSource(resources: readonly PlannedResource[], lookupList: readonly PlannedLookup[] = []): SdkSource {
  const lookups = new Set(lookupList.map((l) => l.token));
  const backends = [...new Set([...resources.map((r) => backendOf(r.type)), ...lookupList.map((l) => backendOf(l.token))])].sort();
  const lines = [`import * as pulumi from "@pulumi/pulumi";`, ...backends.map((b) => `import * as ${SDK_PACKAGES[b].variable} from "${SDK_PACKAGES[b].module}";`)];
  const lineOf = new Map<number, string>();
  lookupList.forEach((l, i) => {
    lines.push(`export const l${i}: ${sdkName(l.token, "Args").replace(/\.(\w+)Args$/, (_, n: string) => `.${n[0].toUpperCase()}${n.slice(1)}Args`)} = ${tsExpression(l.args, lookups)};`);
    lineOf.set(lines.length, `${l.token} ${l.name}`);
  });
  resources.forEach((r, i) => {
    lines.push(`export const r${i}: ${sdkName(r.type, "Args")} = ${tsExpression(r.inputs, lookups)};`);
    lineOf.set(lines.length, `${r.type} ${r.name}`);
  });
  return { text: `${lines.join("\n")}\n`, lineOf };
}

/** A whole plan as SDK-typed declarations. */
export function planSdkSource(plan: Plan): SdkSource {
  return sdkSource(plan.resources, plan.lookups);
}
