/**
 * The base side of `readiness diff --base REF` kept between runs: the base's resolved Model, its
 * Plan and the file of each composed item, stored under a key that names everything they were made
 * from (the spec folder's files at REF, the environment, the stack settings, the spec's file name
 * and the exact code that rendered them). A pull request is diffed against the same base again and
 * again; loading and rendering that base was half of every diff.
 *
 * What is read back is checked before it is used: the header's key must be the one asked for, the
 * payload's length and checksum must match the header, and the value must have the shape written.
 * Anything else (a truncated, corrupt or foreign entry, an unreadable folder) is a miss, and the
 * diff renders the base itself; a cache never changes a diff and never breaks one.
 */
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import zlib from "node:zlib";
import type { Model } from "../specification/model";
import type { Plan } from "../plan/plan";

/** What a cached base holds: enough to diff against without loading or rendering it. */
export interface CachedBase {
  model: Model;
  plan: Plan;
  /** The file of each composed item outside the root spec (diff/changeOrigin.ts's keys). */
  origins: Map<string, string>;
}

/** Where entries live and which code they must have been written by. */
export interface BaseCache {
  dir: string;
  /** Identifies the code that renders: an entry from any other build is never read. */
  code: string;
}

/** First line of every entry: what the file is and the layout of what follows. */
const MAGIC = "readiness diff base cache v1";
/** Entries kept (most recently used first): a 1,000-service base is some 50 MB. */
const KEEP = 4;

declare const READINESS_BUNDLE: boolean | undefined;

/**
 * The cache the CLI uses: `READINESS_CACHE_DIR` (empty: none), else `$XDG_CACHE_HOME/readiness`,
 * else `~/.cache/readiness`. None when running from source (tests, tsx): only a built bundle is one
 * file whose hash says what code renders.
 */
export function baseCacheFromEnvironment(env: NodeJS.ProcessEnv = process.env): BaseCache | undefined {
  if (typeof READINESS_BUNDLE === "undefined") return undefined;
  const root = env.READINESS_CACHE_DIR !== undefined ? env.READINESS_CACHE_DIR : path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "readiness");
  if (root === "") return undefined;
  try {
    const code = createHash("sha256").update(process.version).update(readFileSync(__filename));
    // The status page Worker template the plan embeds is built beside the bundle (statuspage/build.ts).
    for (const dir of [__dirname, path.join(__dirname, "..")]) {
      try {
        code.update(readFileSync(path.join(dir, "statuspage-worker.js")));
      } catch {
        // not in this folder
      }
    }
    return { dir: path.join(root, "diff-base"), code: code.digest("hex") };
  } catch {
    return undefined;
  }
}

/** The key of a base made from `parts` (every input of its Model and Plan) by `cache.code`. */
export function baseCacheKey(cache: BaseCache, parts: Record<string, string>): string {
  const h = createHash("sha256").update(MAGIC).update("\0").update(cache.code);
  for (const k of Object.keys(parts).sort()) h.update("\0").update(k).update("\0").update(parts[k]);
  return h.digest("hex");
}

function entryFile(cache: BaseCache, key: string): string {
  return path.join(cache.dir, `${key}.bin`);
}

/** The entry stored under `key` for `environment`, or undefined when there is none or it does not check out. */
export function readCachedBase(cache: BaseCache, key: string, environment: string): CachedBase | undefined {
  const file = entryFile(cache, key);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const first = bytes.indexOf(10);
  const second = first < 0 ? -1 : bytes.indexOf(10, first + 1);
  if (second < 0 || bytes.subarray(0, first).toString("utf8") !== MAGIC) return undefined;
  let header: { key?: unknown; bytes?: unknown; checksum?: unknown };
  try {
    header = JSON.parse(bytes.subarray(first + 1, second).toString("utf8"));
  } catch {
    return undefined;
  }
  const payload = bytes.subarray(second + 1);
  if (header === null || typeof header !== "object" || header.key !== key || header.bytes !== payload.length) return undefined;
  if (header.checksum !== checksum(payload)) return undefined;
  let value: unknown;
  try {
    value = v8.deserialize(payload);
  } catch {
    return undefined;
  }
  if (!isStoredBase(value, environment)) return undefined;
  try {
    // Most recently used is kept longest.
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // read-only cache: still usable
  }
  return { model: value.model, plan: value.plan, origins: new Map(value.origins) };
}

/** Stores `base` under `key`, replacing the file whole (a concurrent reader sees the old entry or the new); never fails a diff. */
export function writeCachedBase(cache: BaseCache, key: string, base: CachedBase): void {
  const file = entryFile(cache, key);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const stored: StoredBase = { model: base.model, plan: base.plan, origins: [...base.origins] };
    const payload = v8.serialize(stored);
    const header = JSON.stringify({ key, bytes: payload.length, checksum: checksum(payload) });
    const fd = openSync(tmp, "w", 0o600);
    try {
      writeSync(fd, `${MAGIC}\n${header}\n`);
      writeSync(fd, payload);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    prune(cache, file);
  } catch {
    // A full disk or a read-only home: the next diff renders its base again.
    try {
      rmSync(tmp, { force: true });
    } catch {
      // no folder to leave it in
    }
  }
}

/** Drops all but the KEEP most recently used entries, and temporary files a killed writer left. */
function prune(cache: BaseCache, keep: string): void {
  const entries = readdirSync(cache.dir)
    .map((name) => path.join(cache.dir, name))
    .flatMap((f) => {
      try {
        return [{ f, t: statSync(f).mtimeMs }];
      } catch {
        return [];
      }
    });
  const old = Date.now() - 60 * 60 * 1000;
  const stale = entries.filter((e) => e.f.endsWith(".tmp") && e.t < old);
  const kept = entries.filter((e) => e.f.endsWith(".bin")).sort((a, b) => b.t - a.t);
  for (const e of [...stale, ...kept.slice(KEEP)]) if (e.f !== keep) rmSync(e.f, { force: true });
}

/**
 * What catches a torn or flipped entry: CRC-32 (zlib's, some 20x faster than SHA-256 over the 50 MB
 * of a 1,000-service base); SHA-256 on a Node 20 before 20.15, which has no zlib.crc32. The key, not
 * this, keeps entries of other bases out.
 */
function checksum(payload: Buffer): string {
  return typeof zlib.crc32 === "function" ? `crc32:${zlib.crc32(payload)}` : `sha256:${createHash("sha256").update(payload).digest("hex")}`;
}

/** What an entry's payload holds: a CachedBase with plain arrays only (a Map would not survive another realm's instanceof). */
interface StoredBase {
  model: Model;
  plan: Plan;
  origins: [string, string][];
}

/** The shape writeCachedBase stores, for `environment`. */
function isStoredBase(v: unknown, environment: string): v is StoredBase {
  if (v === null || typeof v !== "object") return false;
  const { model, plan, origins } = v as Partial<Record<keyof StoredBase, unknown>>;
  if (!Array.isArray(origins) || !origins.every((o) => Array.isArray(o) && o.length === 2 && typeof o[0] === "string" && typeof o[1] === "string")) return false;
  if (model === null || typeof model !== "object" || (model as Model).environment !== environment || !Array.isArray((model as Model).services)) return false;
  if (plan === null || typeof plan !== "object" || (plan as Plan).environment !== environment) return false;
  const p = plan as Plan;
  return (
    Array.isArray(p.components) &&
    Array.isArray(p.lookups) &&
    Array.isArray(p.resources) &&
    p.resources.every((r) => r !== null && typeof r === "object" && typeof r.type === "string" && typeof r.name === "string" && typeof r.provider === "string" && r.inputs !== null && typeof r.inputs === "object")
  );
}
