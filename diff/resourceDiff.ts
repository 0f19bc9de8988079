/**
 * resourceDiff(before, after): `+ - ~` per Plan resource, keyed by (type, logical name), with
 * property-level changes. A resource whose aliases name a vanished resource of the same type is a
 * rename (Pulumi moves it), not a delete and a create.
 */
import type { Plan, PlannedResource } from "../plan/plan";
import { printable } from "../plan/format/value";
import { ON_CALL_TYPES, replacingPaths } from "./replacement";
import { sameData } from "./sameData";
import { isPlan, planResources, resourceKey, type BeforeResources } from "./beforeResources";

/** What `pulumi up` would do to one resource. */
export type ResourceAction = "create" | "delete" | "update" | "replace" | "rename";

/** One input that differs; values are printable (secrets `[secret]`, refs spelled, long text digested). */
export interface PropertyChange {
  /** Dotted path from the inputs, `rules[0].escalationDelayInMinutes`; `protect` for the protect flag. */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** One resource that differs between the two plans. */
export interface ResourceChange {
  action: ResourceAction;
  type: string;
  name: string;
  /** The logical name on the before side, for renames. */
  previousName?: string;
  provider: string;
  changes: PropertyChange[];
  /** Why a reviewer must look before `pulumi up`: on-call state lost, or a protected resource in the way. */
  warnings: string[];
}

/** Resource changes from `before` to `after` (undefined: nothing existed), sorted by provider, type, name. */
export function resourceDiff(before: Plan | BeforeResources | undefined, after: Plan): ResourceChange[] {
  const old = before === undefined ? planResources({ resources: [] }) : isPlan(before) ? planResources(before) : before;
  const had = new Set(old.keys);
  const now = new Set(after.resources.map((r) => resourceKey(r.type, r.name)));
  const consumed = new Set<string>();
  const out: ResourceChange[] = [];
  for (const r of after.resources) {
    const k = resourceKey(r.type, r.name);
    if (had.has(k)) {
      consumed.add(k);
      if (old.identical(k, r)) continue;
      const change = updated(old.get(k), r);
      if (change) out.push(change);
      continue;
    }
    const alias = (r.aliases ?? []).find((a) => had.has(resourceKey(r.type, a)) && !now.has(resourceKey(r.type, a)) && !consumed.has(resourceKey(r.type, a)));
    if (alias !== undefined) {
      consumed.add(resourceKey(r.type, alias));
      const prev = old.get(resourceKey(r.type, alias));
      const changes = propertyChanges(prev, r);
      out.push({ action: "rename", type: r.type, name: r.name, previousName: alias, provider: r.provider, changes, warnings: replaceWarnings(r, changes) });
      continue;
    }
    out.push({ action: "create", type: r.type, name: r.name, provider: r.provider, changes: leaves(printable(r.inputs), "").map(([path, v]) => ({ path, after: v })), warnings: [] });
  }
  for (const k of old.keys) {
    if (consumed.has(k)) continue;
    const r = old.get(k);
    const warnings: string[] = [];
    if (ON_CALL_TYPES.has(r.type)) warnings.push(`deletes on-call resource ${r.name} (${short(r.type)}): its history, overrides and keys are lost`);
    if (r.protect) warnings.push(`${r.name} is protected: pulumi up will refuse to delete it until it is unprotected; add \`previously:\` if it was renamed`);
    out.push({ action: "delete", type: r.type, name: r.name, provider: r.provider, changes: leaves(printable(r.inputs), "").map(([path, v]) => ({ path, before: v })), warnings });
  }
  return out.sort((a, b) => cmp(a.provider, b.provider) || cmp(a.type, b.type) || cmp(a.name, b.name));
}

function updated(before: PlannedResource, after: PlannedResource): ResourceChange | undefined {
  // Most resources of a one-file change are untouched: equal inputs print equal, so skip the
  // printing (which hashes every long string) and the leaf walk, which cost as much as a render.
  if ((before.protect ?? false) === (after.protect ?? false) && sameData(before.inputs, after.inputs)) return undefined;
  const changes = propertyChanges(before, after);
  if (!changes.length) return undefined;
  const replacing = replacingPaths(after.type, changes.map((c) => c.path));
  return {
    action: replacing.length ? "replace" : "update",
    type: after.type,
    name: after.name,
    provider: after.provider,
    changes,
    warnings: replaceWarnings(after, changes),
  };
}

function replaceWarnings(r: PlannedResource, changes: PropertyChange[]): string[] {
  const replacing = replacingPaths(r.type, changes.map((c) => c.path));
  const warnings: string[] = [];
  if (replacing.length && ON_CALL_TYPES.has(r.type)) warnings.push(`replaces on-call resource ${r.name} (${short(r.type)}) because ${replacing.join(", ")} changed: it is deleted and created again`);
  if (replacing.length && r.protect) warnings.push(`${r.name} is protected: the replacement will fail until it is unprotected`);
  if (changes.some((c) => c.path === "protect" && c.before === true && c.after === false) && ON_CALL_TYPES.has(r.type)) warnings.push(`${r.name} is no longer protected: a later change can delete it without an explicit unprotect`);
  return warnings;
}

export function propertyChanges(before: PlannedResource, after: PlannedResource): PropertyChange[] {
  const [bLeaves, aLeaves] = [[], []] as [string, unknown][][];
  differingLeaves(printable(before.inputs), printable(after.inputs), "", bLeaves, aLeaves);
  const b = new Map(bLeaves);
  const a = new Map(aLeaves);
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort();
  const changes: PropertyChange[] = paths
    .filter((p) => JSON.stringify(b.get(p)) !== JSON.stringify(a.get(p)))
    .map((p) => ({ path: p, ...(b.has(p) ? { before: b.get(p) } : {}), ...(a.has(p) ? { after: a.get(p) } : {}) }));
  if ((before.protect ?? false) !== (after.protect ?? false)) changes.push({ path: "protect", before: before.protect ?? false, after: after.protect ?? false });
  return changes;
}

/**
 * The leaves of `b` and `a` (as `leaves` names them) outside the subtrees the two share: an equal
 * subtree has the same leaves on both sides, so no change. One SLO edited in a 1,000-service
 * environment changes the overview dashboards in a few places among tens of thousands of leaves;
 * flattening both whole took a third of the diff.
 */
function differingLeaves(b: unknown, a: unknown, path: string, bOut: [string, unknown][], aOut: [string, unknown][]): void {
  if (sameData(b, a)) return;
  const bArray = Array.isArray(b) && b.length > 0;
  const aArray = Array.isArray(a) && a.length > 0;
  if (bArray && aArray) {
    const [bs, as] = [b as unknown[], a as unknown[]];
    for (let i = 0; i < Math.max(bs.length, as.length); i++) {
      const at = `${path}[${i}]`;
      if (i >= bs.length) aOut.push(...leaves(as[i], at));
      else if (i >= as.length) bOut.push(...leaves(bs[i], at));
      else differingLeaves(bs[i], as[i], at, bOut, aOut);
    }
    return;
  }
  const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0;
  if (isRecord(b) && isRecord(a)) {
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
      const at = path ? `${path}.${k}` : k;
      if (!Object.hasOwn(a, k)) bOut.push(...leaves(b[k], at));
      else if (!Object.hasOwn(b, k)) aOut.push(...leaves(a[k], at));
      else differingLeaves(b[k], a[k], at, bOut, aOut);
    }
    return;
  }
  bOut.push(...leaves(b, path));
  aOut.push(...leaves(a, path));
}

/** Leaf values of a printable value under dotted paths; empty objects and arrays are leaves. */
function leaves(v: unknown, path: string): [string, unknown][] {
  if (Array.isArray(v) && v.length) return v.flatMap((x, i) => leaves(x, `${path}[${i}]`));
  if (v && typeof v === "object" && Object.keys(v).length)
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k));
  return [[path, v]];
}

function short(type: string): string {
  const m = /^([^:]+):[^:]+:(\w+)$/.exec(type);
  return m ? `${m[1]}:${m[2]}` : type;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

