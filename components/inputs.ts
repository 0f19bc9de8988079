/**
 * The `pulumi.Input<string>` leaves of a TypeScript program's spec (a check target from a load
 * balancer, a hostname from another stack, a datasource uid from a Grafana resource). Rendering
 * works on plain text, so before the spec is validated each leaf that is not a string is swapped
 * for a marker: a name under `.invalid` (RFC 2606: no resolver answers it), shaped so the spec's
 * own rules and the renderers' URL handling accept it. After rendering, every marker in the plan
 * becomes a `{ $input }` placeholder (docs/plan-format.md), which materialize replaces by the
 * program's Output. The plan's structure never depends on such a value, so no resource is created
 * inside an `apply`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Plan, PlanConcat, PlanInput, PlanValue } from "../plan/plan";
import { isConcat, isInput, isRef, isSecret, isSecretValue } from "../plan/plan";

/** Keys whose values are URLs (a marker there is a whole https URL); other leaves are names and ids. */
const URL_KEYS = new Set(["http", "runbook", "webhook", "probe"]);

const hostMarker = (n: number) => `in${n}.pulumi-input.invalid`;
const pathMarker = (n: number) => `/in${n}-path/`;
const urlMarker = (n: number) => `https://${hostMarker(n)}${pathMarker(n)}`;
const MARKER = /https:\/\/in(\d+)\.pulumi-input\.invalid\/in\1-path\/|\/in(\d+)-path\/|in(\d+)\.pulumi-input\.invalid/g;

/** True for a value a program passes in place of a string: an Output or a promise. */
function isDeferred(v: unknown): v is pulumi.Output<string> | Promise<string> {
  return pulumi.Output.isInstance(v) || (typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function");
}

/** One program's Input leaves: swapped for markers before rendering, placed back into the plan after. */
export class InputLeaves {
  private readonly leaves: { label: string; url: boolean }[] = [];
  /** The program's values by label, for materialize. */
  readonly values = new Map<string, pulumi.Input<string>>();

  /** `value` with every Output or promise leaf replaced by a marker; `label` names the value's place (`services.api.checks.home.http`). */
  plain<T>(value: T, label: string, key = ""): T {
    if (typeof value === "string" || value === null || typeof value !== "object") return value;
    if (isDeferred(value)) {
      const n = this.leaves.length;
      const url = URL_KEYS.has(key);
      this.leaves.push({ label, url });
      this.values.set(label, value);
      return (url ? urlMarker(n) : hostMarker(n)) as T;
    }
    if (Array.isArray(value)) return value.map((v, i) => this.plain(v, `${label}.${idOf(v) ?? i}`, key)) as T;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.plain(v, label ? `${label}.${k}` : k, k)])) as T;
  }

  /** The plan with every marker replaced by its `$input` placeholder; a marker in a resource's name is an error (names decide which resources exist). */
  place(plan: Plan): Plan {
    if (this.leaves.length === 0) return plan;
    for (const r of plan.resources)
      if (new RegExp(MARKER.source).test(r.name)) throw new pulumi.RunError(`${r.type} ${r.name}: its name comes from a pulumi.Input, which is known only at deploy time; give that value as a plain string`);
    return {
      ...plan,
      resources: plan.resources.map((r) => ({ ...r, inputs: this.value(r.inputs) as typeof r.inputs })),
      lookups: plan.lookups.map((l) => ({ ...l, args: this.value(l.args) as typeof l.args })),
    };
  }

  private value(v: PlanValue, secret = false): PlanValue {
    if (typeof v === "string") return this.text(v, secret);
    if (isSecretValue(v)) return new RegExp(MARKER.source).test(v.$secretValue) ? this.text(v.$secretValue, true) : v;
    if (isConcat(v)) return { $concat: v.$concat.flatMap((p): PlanConcat["$concat"] => (typeof p === "string" ? parts(this.text(p, secret)) : [p])) };
    if (isRef(v) || isSecret(v) || isInput(v) || v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map((x) => this.value(x, secret));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.value(x, secret)]));
  }

  /** A string with its markers as placeholders: the string itself, one placeholder, or a concatenation. */
  private text(s: string, secret: boolean): PlanValue {
    const out: (string | PlanInput)[] = [];
    let at = 0;
    for (const m of s.matchAll(MARKER)) {
      if (m.index > at) out.push(s.slice(at, m.index));
      const n = Number(m[1] ?? m[2] ?? m[3]);
      const leaf = this.leaves[n];
      const part = m[1] !== undefined || !leaf.url ? undefined : m[2] !== undefined ? "path" : "hostname";
      out.push({ $input: leaf.label, ...(part ? { part } : {}), ...(secret ? { secret: true as const } : {}) });
      at = m.index + m[0].length;
    }
    if (out.length === 0) return secret ? { $secretValue: s, shown: "[secret]" } : s;
    if (at < s.length) out.push(s.slice(at));
    return out.length === 1 ? out[0] : { $concat: out };
  }
}

function parts(v: PlanValue): (string | PlanInput)[] {
  if (typeof v === "string" || isInput(v)) return [v];
  return (v as { $concat: (string | PlanInput)[] }).$concat;
}

function idOf(v: unknown): string | undefined {
  const id = v && typeof v === "object" ? (v as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : undefined;
}

/**
 * The Output a `$input` placeholder stands for. A part of a URL (a Cloudflare health check's host
 * or path) is cut from the program's value, which must then be an https URL like the marker was.
 */
export function inputValue(v: PlanInput, values: ReadonlyMap<string, pulumi.Input<string>> | undefined): pulumi.Output<string> {
  const given = values?.get(v.$input);
  if (given === undefined) throw new Error(`the plan takes ${v.$input} from the program, which did not give it`);
  const out = pulumi.output(given).apply((text) => {
    if (!v.part) return text;
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (url?.protocol !== "https:") throw new pulumi.RunError(`${v.$input}: expected an https URL, got ${JSON.stringify(text)}`);
    return v.part === "hostname" ? url.hostname : `${url.pathname}${url.search}`;
  });
  return v.secret ? pulumi.secret(out) : out;
}
