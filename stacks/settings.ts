/**
 * Settings of a split environment, given once: the environment's own stack (`Pulumi.<env>.yaml`,
 * `pulumi config set [--secret] KEY VALUE --stack <env>`) holds every provider setting and secret,
 * and `readiness up` copies them to each of its split stacks, secrets as secrets. Pure: which keys
 * each stack needs, which are missing, and what is copied.
 */
import { configKeysOf } from "../plan/settings";
import type { StackPart } from "./partition";

/** Keys `readiness up` sets on each split stack itself; the environment's values for them are not copied. */
export const PER_STACK_KEYS: readonly string[] = ["readiness:environment", "readiness:spec", "readiness:shard", "readiness:routeOnly", "readiness:sharedStack"];

/** One stack's settings that neither the environment's stack nor the stack itself has. */
export interface MissingSettings {
  /** Pulumi stack name. */
  stack: string;
  /** Secret keys (`pulumi config set --secret`). */
  secrets: string[];
  /** Plain keys still a placeholder in the plan. */
  settings: string[];
}

/** Per stack of the layout, the keys its part of the plan reads and `has` lacks; stacks lacking none are left out. */
export function missingSettings(parts: readonly StackPart[], stackName: (part: string) => string, has: ReadonlySet<string>): MissingSettings[] {
  return parts
    .map((p) => {
      const keys = configKeysOf(p.plan);
      return { stack: stackName(p.name), secrets: keys.secrets.filter((k) => !has.has(k)), settings: keys.unset.filter((k) => !has.has(k)) };
    })
    .filter((m) => m.secrets.length + m.settings.length > 0);
}

/** What is missing, per stack, and the commands that set each key once for the whole environment. */
export function missingSettingsText(environment: string, missing: readonly MissingSettings[]): string {
  const lines = [`readiness up: settings missing for environment ${environment}; nothing was run:`];
  for (const m of missing) lines.push(`  ${m.stack}: ${[...m.settings, ...m.secrets.map((k) => `${k} (secret)`)].join(", ")}`);
  const keys = [...new Set(missing.flatMap((m) => m.settings))].sort();
  const secrets = [...new Set(missing.flatMap((m) => m.secrets))].sort();
  lines.push(`Set them once on the environment's stack (readiness up copies them to every stack of ${environment}):`);
  for (const k of keys) lines.push(`  pulumi config set ${k} <value> --stack ${environment}`);
  for (const k of secrets) lines.push(`  pulumi config set --secret ${k} <value> --stack ${environment}`);
  return `${lines.join("\n")}\n`;
}

/** The environment's settings a split stack receives: all but the per-stack readiness keys. */
export function inheritedSettings<V>(environmentConfig: Readonly<Record<string, V>>): Record<string, V> {
  return Object.fromEntries(Object.entries(environmentConfig).filter(([k]) => !PER_STACK_KEYS.includes(k)));
}
