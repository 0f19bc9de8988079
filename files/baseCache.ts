/**
 * The store behind `readiness diff --base REF`'s base cache (diff/cachedBase.ts says what is kept):
 * one file per key, holding a value serialized with v8 (undefined, -0 and NaN survive, unlike
 * JSON). A pull request is diffed against the same base again and again; loading and rendering that
 * base was half of every diff.
 *
 * What is read back is checked before it is returned: the header's key must be the one asked for
 * and the payload's length and checksum must match the header. Anything else (a truncated, corrupt
 * or foreign entry, an unreadable folder) is a miss; a cache never breaks the command using it.
 */
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import zlib from "node:zlib";

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
  try {
    // os.homedir() throws when the user has no home directory: then there is no cache.
    const root = env.READINESS_CACHE_DIR !== undefined ? env.READINESS_CACHE_DIR : path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "readiness");
    if (root === "") return undefined;
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
  // Each part written as JSON, so no value (git's listing holds NULs) can run into the next.
  for (const k of Object.keys(parts).sort()) h.update("\0").update(JSON.stringify([k, parts[k]]));
  return h.digest("hex");
}

function entryFile(cache: BaseCache, key: string): string {
  return path.join(cache.dir, `${key}.bin`);
}

/** The value stored under `key`, or undefined when there is none or it does not check out. */
export function readCached(cache: BaseCache, key: string): unknown {
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
  try {
    // Most recently used is kept longest.
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // read-only cache: still usable
  }
  return value;
}

/** Stores `value` under `key`, replacing the file whole (a concurrent reader sees the old entry or the new); never throws. */
export function writeCached(cache: BaseCache, key: string, value: unknown): void {
  const file = entryFile(cache, key);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const payload = v8.serialize(value);
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
