/**
 * The before side of a resource diff, read by key: a Plan's resources, or a cached base's, read on
 * demand (diff/cachedBase.ts). Of a 1,000-service base, a one-file change reads a few dozen
 * resources; decoding all 24,000 of them and the garbage collection that followed cost more than
 * the rest of the diff.
 */
import type { Plan, PlannedResource } from "../plan/plan";

/** The resources a diff compares its plan with. */
export interface BeforeResources {
  /** The key (resourceKey) of every resource, in plan order. */
  readonly keys: readonly string[];
  /** The resource under `key`, one of `keys`. */
  get(key: string): PlannedResource;
  /** True when the resource under `key` is `r` exactly, known without reading it; false when it differs or that is not known. */
  identical(key: string, r: PlannedResource): boolean;
}

/** How a resource is named among its plan's: type and logical name. */
export function resourceKey(type: string, name: string): string {
  return `${type}::${name}`;
}

/** A Plan's resources as the before side. */
export function planResources(plan: Pick<Plan, "resources">): BeforeResources {
  const byKey = new Map(plan.resources.map((r) => [resourceKey(r.type, r.name), r]));
  return { keys: [...byKey.keys()], get: (k) => byKey.get(k)!, identical: () => false };
}

/** True for a Plan rather than resources read on demand. */
export function isPlan(side: Plan | BeforeResources): side is Plan {
  return Array.isArray((side as Plan).resources);
}
