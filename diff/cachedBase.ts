/**
 * What `readiness diff --base` keeps of a base it loaded and rendered (files/baseCache.ts stores
 * it): the resolved Model, its Plan and the file of each composed item, which is all a later diff
 * against the same base reads of it. The shape is checked again when read back: an entry of another
 * layout or environment is not a base.
 */
import type { Model } from "../specification/model";
import type { Plan } from "../plan/plan";

/** A base to diff against without loading or rendering it. */
export interface CachedBase {
  model: Model;
  plan: Plan;
  /** The file of each composed item outside the root spec (diff/changeOrigin.ts's keys). */
  origins: Map<string, string>;
}

/** What is stored: plain arrays only, since a Map read back in another realm (a test's vm context) fails instanceof. */
interface StoredBase {
  model: Model;
  plan: Plan;
  origins: [string, string][];
}

/** The value to store for `base`. */
export function storedBase(base: CachedBase): StoredBase {
  return { model: base.model, plan: base.plan, origins: [...base.origins] };
}

/** The base a stored value holds for `environment`, or undefined when it has another shape or environment. */
export function cachedBaseOf(value: unknown, environment: string): CachedBase | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const { model, plan, origins } = value as Partial<Record<keyof StoredBase, unknown>>;
  if (!Array.isArray(origins) || !origins.every((o) => Array.isArray(o) && o.length === 2 && typeof o[0] === "string" && typeof o[1] === "string")) return undefined;
  if (model === null || typeof model !== "object" || (model as Model).environment !== environment || !Array.isArray((model as Model).services)) return undefined;
  if (plan === null || typeof plan !== "object" || (plan as Plan).environment !== environment) return undefined;
  const p = plan as Plan;
  const resources = Array.isArray(p.components) && Array.isArray(p.lookups) && Array.isArray(p.resources);
  if (!resources || !p.resources.every((r) => r !== null && typeof r === "object" && typeof r.type === "string" && typeof r.name === "string" && typeof r.provider === "string" && r.inputs !== null && typeof r.inputs === "object")) return undefined;
  return { model: model as Model, plan: p, origins: new Map(origins as [string, string][]) };
}
