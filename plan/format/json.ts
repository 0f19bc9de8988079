/** The Plan for tools: `readiness plan --format json`, versioned, lossless, sorted, deterministic. */
import type { Plan, PlanValue } from "../plan";
import { isConcat, isInput, isRef, isSecret, isSecretValue, isWorkerMigrations } from "../plan";
import { redactCredentials } from "./value";

/**
 * Version of `readiness plan --format json` (docs/plan-format.md). Bump it when a field changes
 * meaning or goes away; adding a field keeps it.
 */
export const PLAN_VERSION = 1;

/**
 * The lossless form of a value: strings in full (credentials in URLs redacted), refs as
 * `{ "$ref", resource, type, output, select?, secret? }`, secrets as `{ "$secret": "<config key>" }`
 * (the key, never a value), concatenations as `{ "$concat": [...] }`; object keys sorted.
 */
export function lossless(v: PlanValue): unknown {
  if (isSecret(v)) return { $secret: v.$secret };
  // The value is the spec's (a webhook URL); the JSON plan names it, like a config key, never holds it.
  if (isSecretValue(v)) return { $secretValue: v.shown };
  if (isRef(v)) return { $ref: v.$ref, output: v.output, resource: v.resource, ...(v.secret ? { secret: true } : {}), ...(v.select ? { select: v.select } : {}), type: v.type };
  if (isInput(v)) return { $input: v.$input, ...(v.part ? { part: v.part } : {}), ...(v.secret ? { secret: true } : {}) };
  if (isConcat(v)) return { $concat: v.$concat.map(lossless) };
  if (isWorkerMigrations(v)) {
    const { scriptName, scripts, ledger } = v.$migrations;
    return { $migrations: { ledger: ledger.map((m) => lossless(m as { [key: string]: PlanValue })), scriptName, scripts: lossless(scripts) } };
  }
  if (typeof v === "string") return redactCredentials(v);
  if (Array.isArray(v)) return v.map(lossless);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, lossless((v as Record<string, PlanValue>)[k])]));
  return v;
}

/** `readiness plan --format json`: versioned, lossless, deterministic (docs/plan-format.md). */
export function planJson(plan: Plan): string {
  const resources = plan.resources.map((r) => ({
    type: r.type,
    name: r.name,
    parent: r.parent,
    provider: r.provider,
    inputs: lossless(r.inputs),
    protect: r.protect ?? false,
    ...(r.aliases ? { aliases: r.aliases } : {}),
    ...(r.dependsOn?.length ? { dependsOn: r.dependsOn.map((d) => ({ type: d.type, name: d.name, because: d.because })) } : {}),
  }));
  const lookups = plan.lookups.map((l) => ({ token: l.token, name: l.name, provider: l.provider, args: lossless(l.args) }));
  return `${JSON.stringify({ planVersion: PLAN_VERSION, environment: plan.environment, components: plan.components, lookups, resources }, null, 2)}\n`;
}
