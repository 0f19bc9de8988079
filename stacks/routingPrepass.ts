/**
 * Removing a route in a split environment: the stack holding a contact point (a shard, or shared)
 * would delete it while `routing`, deployed last, still routes to it, and Grafana refuses to delete
 * a contact point a policy uses. So `readiness up` first deploys `routing` pruned: only the routes
 * it had before that it keeps now, naming the contact points by their literal names (each exists,
 * having been routed to), so this pass reads from no stack. Then shared, the shards, and routing
 * in full. Pure: the layout in, the pruned routing part out.
 */
import type { PlanValue, PlanRef } from "../plan/plan";
import { isRef } from "../plan/plan";
import { CONTACT_POINT_TYPE } from "../backends/grafana/contactPoints";
import { ROUTING, type StackPart } from "./partition";

/** The literal `name` input of every contact point of the layout, by logical name. */
function contactPointNames(parts: readonly StackPart[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of parts) for (const r of p.plan.resources) if (r.type === CONTACT_POINT_TYPE && typeof r.inputs.name === "string") out.set(r.name, r.inputs.name);
  return out;
}

const isContactPointRef = (v: PlanValue): v is PlanRef => isRef(v) && v.type === CONTACT_POINT_TYPE && v.output === "name";

/** Grafana names of the contact points the routing stack routes to (sorted); what it exports as `routedContactPoints`. */
export function routedContactPoints(parts: readonly StackPart[]): string[] {
  const routing = parts.find((p) => p.name === ROUTING);
  if (!routing) return [];
  const names = contactPointNames(parts);
  const out = new Set<string>();
  const walk = (v: PlanValue) => {
    if (isContactPointRef(v)) {
      const n = names.get(v.resource);
      if (n !== undefined) out.add(n);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object" && !isRef(v)) Object.values(v).forEach(walk);
  };
  for (const r of routing.plan.resources) walk(r.inputs);
  return [...out].sort();
}

/**
 * The contact points a pre-pass may keep routing to, or undefined when none is needed: nothing
 * routed before (a first deployment) or nothing routed before is going.
 */
export function prepassKeep(before: readonly string[] | undefined, now: readonly string[]): string[] | undefined {
  if (!before || before.every((n) => now.includes(n))) return undefined;
  return before.filter((n) => now.includes(n));
}

/**
 * The routing part pruned to routes whose contact point is in `keep`, each by its literal name, so
 * it reads nothing; undefined when the policy's own default contact point is not kept.
 */
export function prunedRouting(parts: readonly StackPart[], keep: readonly string[]): StackPart | undefined {
  const routing = parts.find((p) => p.name === ROUTING);
  if (!routing) return undefined;
  const names = contactPointNames(parts);
  const kept = new Set(keep);
  const literal = (v: PlanValue): string | undefined => {
    const n = isContactPointRef(v) ? names.get(v.resource) : undefined;
    return n !== undefined && kept.has(n) ? n : undefined;
  };
  let ok = true;
  // A policy whose contact point goes is dropped with its children; a reference that stays becomes its name.
  const prune = (v: PlanValue, top: boolean): PlanValue | undefined => {
    if (isContactPointRef(v)) {
      const n = literal(v);
      if (n === undefined && top) ok = false;
      return n;
    }
    if (Array.isArray(v)) return v.map((x) => prune(x, false)).filter((x): x is PlanValue => x !== undefined);
    if (v && typeof v === "object" && !isRef(v)) {
      const o = v as Record<string, PlanValue>;
      if ("contactPoint" in o && isContactPointRef(o.contactPoint) && literal(o.contactPoint) === undefined && !top) return undefined;
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, prune(x, top && k === "contactPoint")] as const).filter(([, x]) => x !== undefined)) as PlanValue;
    }
    return v;
  };
  const resources = routing.plan.resources.map((r) => ({ ...r, inputs: prune(r.inputs, true) as typeof r.inputs }));
  if (!ok) return undefined;
  return { ...routing, plan: { ...routing.plan, resources }, reads: [] };
}
