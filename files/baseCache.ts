/**
 * The store behind `readiness diff --base REF`'s base cache (diff/cachedBase.ts says what is kept):
 * one file per key, holding a value serialized with v8 (undefined, -0 and NaN survive, unlike
 * JSON) and then blobs, read one at a time when asked for. A pull request is diffed against the
 * same base again and again; loading and rendering that base was half of every diff.
 *
 * What is read back is checked before it is returned: the header's key must be the one asked for,
 * the value's length and checksum must match the header and the blobs must fill the file; each blob
 * read must match its digest. Anything else (a truncated, corrupt or foreign entry, an unreadable
 * folder) is a miss; a cache never breaks the command using it.
 */
import { createHash } from "node:crypto";
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
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
const MAGIC = "readiness diff base cache v2";
/** Entries kept (most recently used first): a 1,000-service base is some 68 MB. */
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

/** An entry read back: its value, and its blobs, each read from the file only when asked for. */
export interface CachedEntry {
  value: unknown;
  /** How many blobs the entry holds. */
  blobCount: number;
  /** Blob `i`'s bytes, or undefined when they do not match their digest (a torn or flipped entry). */
  blob(i: number): Buffer | undefined;
  /** Closes the entry's file; blobs cannot be read after. */
  close(): void;
}

/** The SHA-1 of `bytes`, what a blob is checked against when read. */
function blobDigest(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("base64");
}

/** What the checked part of an entry holds besides the value: the blobs' lengths and digests. */
interface Stored {
  value: unknown;
  lengths: number[];
  digests: string[];
}

/**
 * The entry stored under `key`, or undefined when there is none or its value does not check out.
 * Only the header and the value are read here; blobs are read from the open file on demand, so a
 * writer replacing the entry meanwhile (renaming a new file over it) changes nothing read.
 */
export function readCached(cache: BaseCache, key: string): CachedEntry | undefined {
  let fd: number;
  try {
    fd = openSync(entryFile(cache, key), "r");
  } catch {
    return undefined;
  }
  let entry: CachedEntry | undefined;
  try {
    entry = openEntry(fd, key);
  } finally {
    if (!entry) closeSync(fd);
  }
  if (entry) {
    try {
      // Most recently used is kept longest.
      const now = new Date();
      utimesSync(entryFile(cache, key), now, now);
    } catch {
      // read-only cache: still usable
    }
  }
  return entry;
}

function readAt(fd: number, position: number, length: number): Buffer | undefined {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) return undefined;
    done += n;
  }
  return buf;
}

function openEntry(fd: number, key: string): CachedEntry | undefined {
  try {
    const size = fstatSync(fd).size;
    // The two header lines are short: the magic and a JSON object of a few numbers and the key.
    const head = readAt(fd, 0, Math.min(4096, size));
    if (!head) return undefined;
    const first = head.indexOf(10);
    const second = first < 0 ? -1 : head.indexOf(10, first + 1);
    if (second < 0 || head.subarray(0, first).toString("utf8") !== MAGIC) return undefined;
    const header = JSON.parse(head.subarray(first + 1, second).toString("utf8")) as { key?: unknown; bytes?: unknown; checksum?: unknown };
    if (header === null || typeof header !== "object" || header.key !== key || typeof header.bytes !== "number" || !Number.isSafeInteger(header.bytes) || header.bytes < 0) return undefined;
    const payload = readAt(fd, second + 1, header.bytes);
    if (!payload || header.checksum !== checksum(payload)) return undefined;
    const stored = v8.deserialize(payload) as Partial<Stored>;
    const { lengths, digests } = stored;
    if (!Array.isArray(lengths) || !Array.isArray(digests) || lengths.length !== digests.length) return undefined;
    if (!lengths.every((n) => Number.isSafeInteger(n) && n >= 0) || !digests.every((d) => typeof d === "string")) return undefined;
    const offsets: number[] = [];
    let at = second + 1 + header.bytes;
    for (const n of lengths) {
      offsets.push(at);
      at += n;
    }
    if (at !== size) return undefined;
    let open = true;
    return {
      value: stored.value,
      blobCount: lengths.length,
      blob: (i) => {
        if (!open || !(i >= 0 && i < lengths.length)) return undefined;
        const bytes = readAt(fd, offsets[i], lengths[i]);
        return bytes && blobDigest(bytes) === digests[i] ? bytes : undefined;
      },
      close: () => {
        if (open) closeSync(fd);
        open = false;
      },
    };
  } catch {
    return undefined;
  }
}

/**
 * Stores `value` and `blobs` under `key`, replacing the file whole (a concurrent reader sees the
 * old entry or the new); never throws. The value is checked whole when read back; each blob
 * against its digest, when it is read.
 */
export function writeCached(cache: BaseCache, key: string, value: unknown, blobs: readonly Uint8Array[] = []): void {
  const file = entryFile(cache, key);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const stored: Stored = { value, lengths: blobs.map((b) => b.length), digests: blobs.map(blobDigest) };
    const payload = v8.serialize(stored);
    const header = JSON.stringify({ key, bytes: payload.length, checksum: checksum(payload) });
    const fd = openSync(tmp, "w", 0o600);
    try {
      writeSync(fd, `${MAGIC}\n${header}\n`);
      writeSync(fd, payload);
      for (const b of blobs) writeSync(fd, b);
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
 * What catches a torn or flipped entry: CRC-32 (zlib's, some 20x faster than SHA-256 over the megabytes
 * of a 1,000-service base); SHA-256 on a Node 20 before 20.15, which has no zlib.crc32. The key, not
 * this, keeps entries of other bases out.
 */
function checksum(payload: Buffer): string {
  return typeof zlib.crc32 === "function" ? `crc32:${zlib.crc32(payload)}` : `sha256:${createHash("sha256").update(payload).digest("hex")}`;
}
