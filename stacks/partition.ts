/**
 * Stack layout: one environment's Plan split into a `shared` stack (escalation policies, schedules,
 * PagerDuty users, the folder, contact points of direct routes, the status page, providers), shard
 * stacks holding their services' resources, and a `routing` stack for what spans several shards
 * (the notification policy, one resource naming every service's contact point). Pure: Plan in,
 * Plans out, so it survives changes to how components materialize them.
 *
 * Deployed in that order: `shared`, then the shards (in parallel), then `routing`. Rules:
 *  - a resource under a service's ServiceMonitoring component (at any depth) goes to that
 *    service's shard;
 *  - any other resource goes where what it references lives: nothing outside shared, shared; one
 *    shard (a service's PagerDuty contact point, which holds that service's integration key), that
 *    shard; several shards or `routing`, routing. So shared never reads from a later stack and
 *    grows with the on-call setup, not with the number of services;
 *  - providers and lookups are repeated in every stack that uses them (they hold no state);
 *  - a reference to a resource of an earlier stack is listed in `reads`: that stack exports it
 *    and the reader reads it through a StackReference. A `dependsOn` on a resource of an earlier
 *    stack is dropped: the stack order already creates it first. A shard reading a shard, or shared reading
 *    anything, would need a later stack first: an error naming the two resources.
 */
import type { Plan, PlanComponent, PlanRef, PlannedResource, PlanValue } from "../plan/plan";
import { isConcat, isRef, isSecret } from "../plan/plan";

/** How an environment is split: one shard per owning team (`by: owner`), and/or at most `maxServices` services per shard, in the model's order (by service id). */
export interface StackLayoutSpec {
  by?: "owner";
  maxServices?: number;
}

/** A reference to a resource of an earlier stack: `from` exports its output, the reader reads it. */
export type StackRead = PlanRef & { from: string };

/** One stack of a layout: its part of the plan and what it reads from earlier stacks. */
export interface StackPart {
  /** `shared`, `shard-01`, `shard-02`, ... (or `team-<owner>`, ...), `routing`. */
  name: string;
  /** Spec service ids whose resources this stack holds (none for shared and routing). */
  services: string[];
  plan: Plan;
  /** References to resources of earlier stacks, each read as one of their outputs. */
  reads: StackRead[];
}

const SERVICE_COMPONENT = "readiness:service:ServiceMonitoring";
/** Name of the stack that holds what every shard uses; deployed first. */
export const SHARED = "shared";
/** Name of the stack that holds what references several shards; deployed last. */
export const ROUTING = "routing";

/** The shard each service falls in: consecutive runs of `maxServices` in the order given (the model's: by service id). */
export function shardOfServices(serviceIds: readonly string[], layout: { maxServices: number }): Map<string, string> {
  return numbered(serviceIds, layout.maxServices, "shard-");
}

/**
 * The shard of each service by its owning team: `team-<owner>`, or `team-<owner>-01`, `-02`, ...
 * for a team of more than `maxServices` services (in the order given). A service's stack then changes
 * only when its own team grows past the cap or it changes team, never because another team did.
 */
export function shardOfOwners(services: readonly { id: string; owner?: string }[], maxServices?: number): Map<string, string> {
  const byTeam = new Map<string, string[]>();
  for (const s of services) {
    if (s.owner === undefined) throw new Error(`stack layout: service "${s.id}" has no owner, and stacks.by: owner puts each service in its team's stack`);
    byTeam.set(s.owner, [...(byTeam.get(s.owner) ?? []), s.id]);
  }
  const out = new Map<string, string>();
  const teamOfStack = new Map<string, string>();
  for (const [team, ids] of byTeam) {
    const shards = maxServices === undefined || ids.length <= maxServices ? new Map(ids.map((id) => [id, `team-${team}`])) : numbered(ids, maxServices, `team-${team}-`);
    for (const [id, stack] of shards) {
      const other = teamOfStack.get(stack);
      if (other !== undefined && other !== team) throw new Error(`stack layout: teams "${other}" and "${team}" would both have a stack named ${stack}; rename one of them (services[].owner)`);
      teamOfStack.set(stack, team);
      out.set(id, stack);
    }
  }
  return out;
}

/** The shard of each service as `layout` says. */
export function shardOf(services: readonly { id: string; owner?: string }[], layout: StackLayoutSpec): Map<string, string> {
  if (layout.by === "owner") return shardOfOwners(services, layout.maxServices);
  if (layout.maxServices === undefined) throw new Error("stack layout: stacks needs maxServices or by: owner");
  return shardOfServices(services.map((s) => s.id), { maxServices: layout.maxServices });
}

/** `<prefix>01`, `<prefix>02`, ...: runs of `size` ids, numbered wide enough to sort. */
function numbered(ids: readonly string[], size: number, prefix: string): Map<string, string> {
  const width = Math.max(2, String(Math.ceil(ids.length / size)).length);
  return new Map(ids.map((id, i) => [id, `${prefix}${String(Math.floor(i / size) + 1).padStart(width, "0")}`]));
}

/** The key under which a stack exports a referenced output. */
export function outputKey(ref: PlanRef): string {
  return `${ref.type}::${ref.resource}#${ref.output}`;
}

const isProvider = (r: PlannedResource) => r.type.startsWith("pulumi:providers:");
const keyOf = (r: { type: string; name: string }) => `${r.type}::${r.name}`;

/** Splits a plan; `shardOf` maps a service id to its shard name (services it does not name are shared). */
export function partitionPlan(plan: Plan, shardOf: ReadonlyMap<string, string>): StackPart[] {
  const componentByName = new Map(plan.components.map((c) => [c.name, c]));
  const serviceOfComponent = new Map<string, string | undefined>();
  const serviceOf = (name: string | undefined): string | undefined => {
    if (name === undefined) return undefined;
    if (serviceOfComponent.has(name)) return serviceOfComponent.get(name);
    serviceOfComponent.set(name, undefined); // a cycle of parents ends here
    const c = componentByName.get(name);
    const svc = !c ? undefined : c.type === SERVICE_COMPONENT ? c.name : serviceOf(c.parent);
    serviceOfComponent.set(name, svc);
    return svc;
  };
  // Keys and references computed once: a 1,000-service plan has some 19,000 resources.
  const keys = new Map<PlannedResource, string>();
  const byKey = new Map<string, PlannedResource>();
  const refsByKey = new Map<string, { ref: PlanRef; target: string }[]>();
  for (const r of plan.resources) {
    const k = keyOf(r);
    keys.set(r, k);
    byKey.set(k, r);
    refsByKey.set(k, refsOf(r.inputs, []).map((ref) => ({ ref, target: outputTarget(ref) })));
  }
  const dependsOnKeys = (r: PlannedResource) => (r.dependsOn ?? []).map(keyOf);

  const stackOf = new Map<string, string>();
  const place = (r: PlannedResource): string => {
    const k = keys.get(r)!;
    const known = stackOf.get(k);
    if (known !== undefined) return known;
    const svc = serviceOf(r.parent);
    if (svc !== undefined) {
      const s = shardOf.get(svc) ?? SHARED;
      stackOf.set(k, s);
      return s;
    }
    stackOf.set(k, SHARED); // provisional, so a reference cycle terminates
    const later = new Set<string>();
    for (const t of [...(refsByKey.get(k) ?? []).map((x) => x.target), ...dependsOnKeys(r)]) {
      const target = byKey.get(t);
      if (!target || isProvider(target)) continue;
      const s = place(target);
      if (s !== SHARED) later.add(s);
    }
    const s = later.size === 0 ? SHARED : later.size === 1 && !later.has(ROUTING) ? [...later][0] : ROUTING;
    stackOf.set(k, s);
    return s;
  };
  for (const r of plan.resources) if (!isProvider(r)) place(r);

  const shards = [...new Set(shardOf.values())].sort();
  const used = new Set(stackOf.values());
  const names = [SHARED, ...shards, ...(used.has(ROUTING) ? [ROUTING] : [])];
  const order = new Map(names.map((n, i) => [n, i]));
  const own = new Map<string, PlannedResource[]>(names.map((n) => [n, []]));
  for (const r of plan.resources) if (!isProvider(r)) own.get(stackOf.get(keys.get(r)!)!)!.push(r);
  const allProviders = plan.resources.filter(isProvider);
  const lookupByKey = new Map(plan.lookups.map((l) => [`${l.token}::${l.name}`, l]));
  const servicesOf = new Map<string, string[]>();
  for (const [id, s] of shardOf) servicesOf.set(s, [...(servicesOf.get(s) ?? []), id]);

  return names.map((name) => {
    const mine = own.get(name)!;
    const usedLookups = new Set<string>();
    const reads: StackRead[] = [];
    for (const r of mine) {
      for (const { ref: t, target } of refsByKey.get(keys.get(r)!) ?? []) {
        if (lookupByKey.has(target)) usedLookups.add(target);
        const from = stackOf.get(target);
        if (from === undefined || from === name) continue;
        // Only an earlier stack can be read: shared first, shards side by side, routing last.
        if (name !== ROUTING && (from !== SHARED || name === SHARED))
          throw new Error(`stack layout: ${keys.get(r)} in ${name} references ${target} in ${from}, which is not deployed before it`);
        reads.push({ ...t, from });
      }
    }
    // A resource named by text in an earlier stack exists before this stack runs: the stack
    // order keeps the dependency, which Pulumi could not express across stacks anyway.
    const placed = mine.map((r) => {
      if (!r.dependsOn) return r;
      const here = r.dependsOn.filter((d) => {
        const from = stackOf.get(keyOf(d));
        if (from === undefined || from === name) return true;
        if (name !== ROUTING && (from !== SHARED || name === SHARED))
          throw new Error(`stack layout: ${keys.get(r)} in ${name} names ${keyOf(d)} (${d.because}) in ${from}, which is not deployed before it`);
        return false;
      });
      const { dependsOn: _, ...rest } = r;
      return here.length ? { ...rest, dependsOn: here } : rest;
    });
    const lookups = plan.lookups.filter((l) => name === SHARED || usedLookups.has(`${l.token}::${l.name}`));
    const providerNames = new Set([...mine.map((r) => r.provider), ...lookups.map((l) => l.provider)]);
    const providers = allProviders.filter((r) => name === SHARED || providerNames.has(r.provider));
    const resources = [...providers, ...placed];
    const components = neededComponents(plan.components, resources, componentByName);
    return { name, services: servicesOf.get(name) ?? [], plan: { environment: plan.environment, components, lookups, resources }, reads: uniqueReads(reads, order) };
  });
}

/** `type::name` of what a ref points at (a resource or a lookup). */
function outputTarget(ref: PlanRef): string {
  return `${ref.type}::${ref.resource}`;
}

/** One read per output, the whole output (a `select` applies on the reading side), by stack order then key. */
function uniqueReads(reads: StackRead[], order: ReadonlyMap<string, number>): StackRead[] {
  const seen = new Map<string, StackRead>();
  for (const { select: _, ...r } of reads) if (!seen.has(outputKey(r))) seen.set(outputKey(r), r);
  return [...seen.values()].sort((a, b) => order.get(a.from)! - order.get(b.from)! || (outputKey(a) < outputKey(b) ? -1 : outputKey(a) > outputKey(b) ? 1 : 0));
}

/** The root component and every component on the way to a resource, in plan order. */
function neededComponents(all: PlanComponent[], resources: PlannedResource[], byName: Map<string, PlanComponent>): PlanComponent[] {
  const keep = new Set<string>([all[0].name]);
  for (const r of resources) for (let c = byName.get(r.parent), i = 0; c && i < 50; c = c.parent ? byName.get(c.parent) : undefined, i++) keep.add(c.name);
  return all.filter((c) => keep.has(c.name));
}

/** Every reference in `v`, appended to `into`. */
function refsOf(v: PlanValue, into: PlanRef[]): PlanRef[] {
  if (v === null || typeof v !== "object") return into;
  if (isRef(v)) into.push(v);
  else if (isConcat(v)) for (const p of v.$concat) refsOf(p, into);
  else if (Array.isArray(v)) for (const x of v) refsOf(x, into);
  else if (!isSecret(v)) for (const k in v) refsOf((v as Record<string, PlanValue>)[k], into);
  return into;
}

