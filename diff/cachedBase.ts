/**
 * What `readiness diff --base` keeps of a base it loaded and rendered (files/baseCache.ts stores
 * it): the resolved Model, the file of each composed item, and each Plan resource as its own blob
 * with a digest of its JSON, which is all a later diff against the same base reads of it. A head
 * resource whose JSON has the stored digest is identical and its blob is never read; the few a
 * change touches are read and checked when the diff asks for them. The shape is checked again when
 * read back: an entry of another layout or environment is not a base.
 *
 * Why JSON for the digest: JSON.stringify reads a freshly rendered resource some 3x faster than
 * v8.serialize (0.3 s against 1 s for the 24,000 resources of a 1,000-service plan), and what JSON
 * leaves out (undefined members, NaN as null) is what the diff's own printing equates, so two
 * resources with one JSON never show a change. Different member order only costs a full compare.
 */
import v8 from "node:v8";
import type { Model } from "../specification/model";
import type { Plan, PlannedResource } from "../plan/plan";
import { createHash } from "node:crypto";
import type { CachedEntry } from "../files/baseCache";
import { resourceKey, type BeforeResources } from "./beforeResources";

/** A base as rendered, to store. */
export interface RenderedBase {
  model: Model;
  plan: Plan;
  /** The file of each composed item outside the root spec (diff/changeOrigin.ts's keys). */
  origins: Map<string, string>;
}

/** A base to diff against without loading or rendering it. */
export interface CachedBase {
  model: Model;
  resources: BeforeResources;
  origins: Map<string, string>;
}

/** Thrown when a stored resource the diff needs does not check out: the diff renders its base instead. */
export class UnreadableBase extends Error {}

/** What is stored besides the blobs: plain arrays only, since a Map read back in another realm (a test's vm context) fails instanceof. */
interface StoredBase {
  model: Model;
  origins: [string, string][];
  /** resourceKey of the resource in each blob, in plan order. */
  keys: string[];
  /** jsonDigest of the resource in each blob. */
  digests: string[];
}

/** SHA-1 of a resource's JSON: an identity for content, not a secret. */
function jsonDigest(r: PlannedResource): string {
  return createHash("sha1").update(JSON.stringify(r)).digest("base64");
}

/** The value and blobs to store for `base`. */
export function storedBase(base: RenderedBase): { value: StoredBase; blobs: Buffer[] } {
  return {
    value: { model: base.model, origins: [...base.origins], keys: base.plan.resources.map((r) => resourceKey(r.type, r.name)), digests: base.plan.resources.map(jsonDigest) },
    blobs: base.plan.resources.map((r) => v8.serialize(r)),
  };
}

function isResource(r: unknown): r is PlannedResource {
  if (r === null || typeof r !== "object") return false;
  const x = r as PlannedResource;
  return typeof x.type === "string" && typeof x.name === "string" && typeof x.provider === "string" && x.inputs !== null && typeof x.inputs === "object";
}

/** The base an entry holds for `environment`, or undefined when it has another shape or environment. */
export function cachedBaseOf(entry: CachedEntry, environment: string): CachedBase | undefined {
  const value = entry.value;
  if (value === null || typeof value !== "object") return undefined;
  const { model, origins, keys, digests } = value as Partial<Record<keyof StoredBase, unknown>>;
  if (!Array.isArray(origins) || !origins.every((o) => Array.isArray(o) && o.length === 2 && typeof o[0] === "string" && typeof o[1] === "string")) return undefined;
  if (model === null || typeof model !== "object" || (model as Model).environment !== environment || !Array.isArray((model as Model).services)) return undefined;
  if (!Array.isArray(keys) || keys.length !== entry.blobCount || !keys.every((k) => typeof k === "string")) return undefined;
  if (!Array.isArray(digests) || digests.length !== keys.length || !digests.every((d) => typeof d === "string")) return undefined;
  const index = new Map((keys as string[]).map((k, i) => [k, i]));
  if (index.size !== keys.length) return undefined;
  const resources: BeforeResources = {
    keys: keys as string[],
    get: (k) => {
      const i = index.get(k);
      const bytes = i === undefined ? undefined : entry.blob(i);
      let r: unknown;
      try {
        r = bytes && v8.deserialize(bytes);
      } catch {
        r = undefined;
      }
      if (!isResource(r) || resourceKey(r.type, r.name) !== k) throw new UnreadableBase(`the cached base's ${k} does not check out`);
      return r;
    },
    identical: (k, r) => {
      const i = index.get(k);
      return i !== undefined && jsonDigest(r) === digests[i];
    },
  };
  return { model: model as Model, resources, origins: new Map(origins as [string, string][]) };
}
