/**
 * Stack layout: one environment's Plan split into a `shared` stack (routing, contact points,
 * escalation policies, schedules, PagerDuty users, the status page, providers) and shard stacks
 * holding their services' resources. Pure: Plan in, Plans out, so it survives changes to how
 * components materialize them.
 *
 * Rules, in order:
 *  - a resource under a service's ServiceMonitoring component (at any depth) goes to that
 *    service's shard; every other resource is shared;
 *  - the shared stack deploys first and never reads from a shard, so whatever a shared resource
 *    references joins it (a service's PagerDuty service and integration, whose key its contact
 *    point holds; the notification policy routes to every contact point);
 *  - providers and lookups are repeated in every stack that uses them (they hold no state);
 *  - a shard's reference to a shared resource is listed in `reads`: the shared stack exports it
 *    and the shard reads it through a StackReference.
 */
import type { Plan, PlanComponent, PlanRef, PlannedResource, PlanValue } from "../backends/plan";
import { isConcat, isRef, isSecret } from "../backends/plan";

/** How an environment is split: at most `maxServices` services per shard, in spec order. */
export interface StackLayoutSpec {
  maxServices: number;
}

/** One stack of a layout: its part of the plan and what it reads from the shared stack. */
export interface StackPart {
  /** `shared`, or `shard-01`, `shard-02`, ... */
  name: string;
  /** Spec service ids whose resources this stack holds (none for shared). */
  services: string[];
  plan: Plan;
  /** References to resources of the shared stack, each read as one of its outputs. */
  reads: PlanRef[];
}

const SERVICE_COMPONENT = "readiness:service:ServiceMonitoring";
/** Name of the stack that holds what every shard uses. */
export const SHARED = "shared";

/** The shard each service falls in: consecutive runs of `maxServices` in spec order. */
export function shardOfServices(serviceIds: readonly string[], layout: StackLayoutSpec): Map<string, string> {
  const width = String(Math.ceil(serviceIds.length / layout.maxServices)).length;
  return new Map(serviceIds.map((id, i) => [id, `shard-${String(Math.floor(i / layout.maxServices) + 1).padStart(Math.max(2, width), "0")}`]));
}

/** The key under which the shared stack exports a referenced output. */
export function outputKey(ref: PlanRef): string {
  return `${ref.type}::${ref.resource}#${ref.output}`;
}

/** Splits a plan; `shardOf` maps a service id to its shard name (services it does not name are shared). */
export function partitionPlan(plan: Plan, shardOf: ReadonlyMap<string, string>): StackPart[] {
  const componentByName = new Map(plan.components.map((c) => [c.name, c]));
  const serviceOfComponent = (name: string | undefined): string | undefined => {
    for (let c = name ? componentByName.get(name) : undefined, i = 0; c && i < 50; c = c.parent ? componentByName.get(c.parent) : undefined, i++)
      if (c.type === SERVICE_COMPONENT) return c.name;
    return undefined;
  };
  const key = (r: { type: string; name: string }) => `${r.type}::${r.name}`;
  const stackOf = new Map<string, string>();
  const isProvider = (r: PlannedResource) => r.type.startsWith("pulumi:providers:");
  for (const r of plan.resources) {
    if (isProvider(r)) continue;
    const svc = serviceOfComponent(r.parent);
    stackOf.set(key(r), svc !== undefined ? shardOf.get(svc) ?? SHARED : SHARED);
  }
  // The shared stack is deployed first, so it cannot read from a shard: whatever a shared resource
  // references (a service's PagerDuty integration key in its contact point) joins it, transitively.
  const byKey = new Map(plan.resources.map((r) => [key(r), r]));
  const pending = plan.resources.filter((r) => stackOf.get(key(r)) === SHARED);
  for (let r = pending.pop(); r; r = pending.pop()) {
    for (const t of refsOf(r.inputs)) {
      const target = byKey.get(outputTarget(t));
      if (!target || isProvider(target) || stackOf.get(key(target)) === SHARED) continue;
      stackOf.set(key(target), SHARED);
      pending.push(target);
    }
  }

  const names = [SHARED, ...[...new Set(shardOf.values())].sort()];
  return names.map((name) => {
    const own = plan.resources.filter((r) => !isProvider(r) && stackOf.get(key(r)) === name);
    const refs = own.flatMap((r) => refsOf(r.inputs));
    const ownKeys = new Set(own.map(key));
    const lookups = plan.lookups.filter((l) => name === SHARED || refs.some((t) => outputTarget(t) === `${l.token}::${l.name}`));
    const lookupKeys = new Set(lookups.map((l) => `${l.token}::${l.name}`));
    const providers = plan.resources.filter((r) => isProvider(r) && (name === SHARED || own.some((o) => o.provider === r.provider) || lookups.some((l) => l.provider === r.provider)));
    const reads = uniqueRefs(refs.filter((t) => !ownKeys.has(outputTarget(t)) && !lookupKeys.has(outputTarget(t)) && stackOf.get(outputTarget(t)) === SHARED));
    const resources = [...providers, ...own];
    const components = neededComponents(plan.components, resources, componentByName);
    const services = [...shardOf].filter(([, s]) => s === name).map(([id]) => id);
    return { name, services, plan: { environment: plan.environment, components, lookups, resources }, reads };
  });
}

/** `type::name` of what a ref points at (a resource or a lookup). */
function outputTarget(ref: PlanRef): string {
  return `${ref.type}::${ref.resource}`;
}

function uniqueRefs(refs: PlanRef[]): PlanRef[] {
  const seen = new Map<string, PlanRef>();
  for (const r of refs) if (!seen.has(outputKey(r))) seen.set(outputKey(r), { ...r, select: undefined });
  return [...seen.values()].map(({ select: _, ...r }) => r).sort((a, b) => outputKey(a).localeCompare(outputKey(b)));
}

/** The root component and every component on the way to a resource, in plan order. */
function neededComponents(all: PlanComponent[], resources: PlannedResource[], byName: Map<string, PlanComponent>): PlanComponent[] {
  const keep = new Set<string>([all[0].name]);
  for (const r of resources) for (let c = byName.get(r.parent), i = 0; c && i < 50; c = c.parent ? byName.get(c.parent) : undefined, i++) keep.add(c.name);
  return all.filter((c) => keep.has(c.name));
}

function refsOf(v: PlanValue): PlanRef[] {
  if (isRef(v)) return [v];
  if (isConcat(v)) return v.$concat.filter(isRef);
  if (isSecret(v) || v === null || typeof v !== "object") return [];
  return (Array.isArray(v) ? v : Object.values(v)).flatMap(refsOf);
}

