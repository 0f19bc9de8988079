/**
 * The Plan as a reviewer reads it: JSON (sorted, deterministic), text and Markdown grouped by
 * provider and component. Secrets print as `[secret]`; long generated content (the status page
 * Worker bundle) prints as its size and digest, since nobody reviews a bundle line by line.
 */
import { mdCode } from "../markdown/escape";
import { createHash } from "node:crypto";
import type { Plan, PlannedResource, PlanValue } from "./plan";
import { isConcat, isInput, isRef, isSecret, isSecretValue, isWorkerMigrations } from "./plan";
import { CUSTOM_RESOURCE_TYPE } from "./sdkTypes";
import { oneLineText } from "../specification/oneLineText";

const LONG = 1000;

/** A JSON-safe view of a value: secrets hidden, refs spelled, long strings summarised. */
export function printable(v: PlanValue): unknown {
  if (isSecret(v)) return "[secret]";
  if (isSecretValue(v)) return `[secret ${v.shown}]`;
  if (isRef(v)) return `\${${v.resource}.${v.output}}`;
  if (isInput(v)) return v.secret ? "[secret]" : `\${input:${v.$input}${v.part ? `#${v.part}` : ""}}`;
  if (isConcat(v)) return v.$concat.map((part) => printable(part)).join("");
  if (isWorkerMigrations(v)) return `[migrations after the deployed tag, up to ${v.$migrations.ledger.map((m) => m.tag).join(", ")}]`;
  if (typeof v === "string" && v.length > LONG) return `[${v.length} bytes, sha256 ${createHash("sha256").update(v).digest("hex").slice(0, 16)}]`;
  if (typeof v === "string") return redactCredentials(v);
  if (Array.isArray(v)) return v.map(printable);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, printable((v as Record<string, PlanValue>)[k])]));
  return v;
}

/**
 * Version of `readiness plan --format json` (docs/plan-format.md). Bump it when a field changes
 * meaning or goes away; adding a field keeps it.
 */
export const PLAN_VERSION = 1;

/** Query parameters whose values grant access, redacted in URLs. */
const CREDENTIAL_PARAMS = /^(token|access_token|api_key|apikey|key|password|secret|sig|signature|auth)$/i;

/**
 * Text with the user-info of URLs and the values of credential query parameters (also in a bare
 * path such as a health check's `/health?token=...`) replaced by `[redacted]`; other text unchanged.
 */
export function redactCredentials(text: string): string {
  // Both patterns need an `@` or an `=`; most plan strings (names, PromQL) have neither.
  if (!text.includes("@") && !text.includes("=")) return text;
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, "$1[redacted]@")
    .replace(/([?&])([^=&#\s"'<>]+)=([^&#\s"'<>]*)/g, (p, sep: string, k: string, v: string) => (CREDENTIAL_PARAMS.test(k) && v ? `${sep}${k}=[redacted]` : p));
}

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
  }));
  const lookups = plan.lookups.map((l) => ({ token: l.token, name: l.name, provider: l.provider, args: lossless(l.args) }));
  return `${JSON.stringify({ planVersion: PLAN_VERSION, environment: plan.environment, components: plan.components, lookups, resources }, null, 2)}\n`;
}

function groups(plan: Plan): Map<string, Map<string, PlannedResource[]>> {
  const out = new Map<string, Map<string, PlannedResource[]>>();
  for (const r of plan.resources) {
    const byParent = out.get(r.provider) ?? new Map<string, PlannedResource[]>();
    byParent.set(r.parent, [...(byParent.get(r.parent) ?? []), r]);
    out.set(r.provider, byParent);
  }
  return out;
}

function shortType(type: string): string {
  const m = /^([^:]+):[^:]+:(\w+)$/.exec(type);
  return m ? `${m[1]}:${m[2]}` : type;
}

/** A custom resource is shown as its kind (`kubernetes:PrometheusRule`), which says what it is. */
function resourceType(r: PlannedResource): string {
  return r.type === CUSTOM_RESOURCE_TYPE && typeof r.inputs.kind === "string" ? `kubernetes:${r.inputs.kind}` : shortType(r.type);
}

function inline(v: PlanValue): string {
  const p = printable(v);
  // Spec text stays on its line: a name with a line break must not add a line to the plan.
  const s = typeof p === "string" ? oneLineText(p) : JSON.stringify(p);
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}

/** The few inputs that tell a reviewer what a resource is, in one line. */
function summary(r: PlannedResource): string {
  const meta = r.inputs.metadata;
  if (r.type === CUSTOM_RESOURCE_TYPE && meta && typeof meta === "object" && !Array.isArray(meta))
    return (["name", "namespace"] as const)
      .filter((k) => typeof (meta as Record<string, PlanValue>)[k] === "string")
      .map((k) => `${k}=${inline((meta as Record<string, PlanValue>)[k])}`)
      .join(" ");
  const keys = ["name", "title", "query", "type", "rotationTurnLengthSeconds", "timeZone", "numLoops", "tickEvery", "frequency", "target", "schedule", "cron", "hostname"];
  return keys
    .filter((k) => r.inputs[k] !== undefined && r.inputs[k] !== null)
    .slice(0, 3)
    .map((k) => `${k}=${inline(r.inputs[k])}`)
    .join(" ");
}

/** Text for a terminal. */
export function planText(plan: Plan): string {
  const lines = [`Plan for ${plan.environment}: ${plan.resources.length} resources, ${plan.lookups.length} lookups, ${plan.components.length} components`];
  for (const [provider, byParent] of groups(plan)) {
    const n = [...byParent.values()].reduce((a, rs) => a + rs.length, 0);
    lines.push("", `${provider} (${n})`);
    for (const [parent, rs] of byParent) {
      lines.push(`  ${parent}`);
      for (const r of rs) {
        const s = summary(r);
        lines.push(`    + ${resourceType(r)} ${r.name}${r.protect ? " [protected]" : ""}${s ? `  ${s}` : ""}`);
      }
    }
  }
  if (plan.lookups.length) {
    lines.push("", "lookups (read, never created)");
    for (const l of plan.lookups) lines.push(`    ? ${shortType(l.token)} ${l.name} ${inline(l.args as PlanValue)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Markdown for a pull-request comment: a table per provider, inputs folded. */
export function planMarkdown(plan: Plan): string {
  const lines = [`### Monitoring plan: ${mdCode(plan.environment)}`, "", `${plan.resources.length} resources, ${plan.lookups.length} lookups.`, ""];
  lines.push("| provider | resources |", "|---|---:|");
  for (const [provider, byParent] of groups(plan)) lines.push(`| ${provider} | ${[...byParent.values()].reduce((a, rs) => a + rs.length, 0)} |`);
  for (const [provider, byParent] of groups(plan)) {
    lines.push("", `<details><summary><b>${provider}</b></summary>`, "", "| component | type | name | protected |", "|---|---|---|---|");
    for (const [parent, rs] of byParent) for (const r of rs) lines.push(`| ${mdCode(parent)} | ${mdCode(resourceType(r))} | ${mdCode(r.name)} | ${r.protect ? "yes" : ""} |`);
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}\n`;
}
