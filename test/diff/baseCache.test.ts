/**
 * `readiness diff --base` reads its base from a cache when it rendered that base before
 * (files/baseCache.ts) and locates only the items it names (diff/changeOrigin.ts). Neither may
 * change a diff: on a generated spec of 20 services in 5 team files, every kind of change (an
 * objective in one team file, a new service, a removed team file, the shared root file, on-call in
 * the root and in a team file, random single-file edits) prints the same text, markdown and JSON as
 * the full path (load and render the base, name every item's file), with the cache cold, warm, off,
 * corrupt or foreign.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import v8 from "node:v8";
import fc from "fast-check";
import { generateComposedSpec } from "../../bench/composedSpec";
import { runDiff } from "../../cli/diff";
import { loadModelsForCli, stackServing } from "../../cli/load";
import { loadModels } from "../../specification/loadModels";
import { planFor } from "../../stacks/stackConfig";
import { specAtRef } from "../../files/specAtRef";
import { gitIncludeReader } from "../../files/gitIncludeReader";
import { environmentDiff, type EnvironmentDiff } from "../../diff/environmentDiff";
import { allOrigins, withOrigins } from "../../diff/changeOrigin";
import { diffText } from "../../diff/format/text";
import { diffMarkdown } from "../../diff/format/markdown";
import { diffJson } from "../../diff/format/json";
import { readCached, writeCached, type BaseCache } from "../../files/baseCache";
import { cachedBaseOf, storedBase, type RenderedBase } from "../../diff/cachedBase";

/** Whether the entry under `key` holds a base for `environment` (its file closed again). */
const holdsBase = (cache: BaseCache, key: string, environment: string): boolean => {
  const entry = readCached(cache, key);
  try {
    return entry !== undefined && cachedBaseOf(entry, environment) !== undefined;
  } finally {
    entry?.close();
  }
};
const writeCachedBase = (cache: BaseCache, key: string, base: RenderedBase) => {
  const stored = storedBase(base);
  writeCached(cache, key, stored.value, stored.blobs);
};

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "readiness.js");
const NOW = "2026-03-16";
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.test" };

let repo: string;
let file: string;
let committed: Record<string, string>;
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: GIT_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const teamFile = (n: number) => `teams/team-0${n}.yaml`;
const read = (name: string) => readFileSync(path.join(repo, name), "utf8");
const write = (name: string, text: string) => writeFileSync(path.join(repo, name), text);
let caches = 0;
const freshCache = (): BaseCache => ({ dir: path.join(repo, "..", `${path.basename(repo)}-cache-${caches++}`), code: "test build" });

/** The working tree back to the committed spec. */
function restore(): void {
  for (const name of readdirSync(path.join(repo, "teams"))) rmSync(path.join(repo, "teams", name));
  for (const [name, text] of Object.entries(committed)) write(name, text);
}

/** The diff as it was computed before the cache: both sides loaded and rendered, every item's file named. */
function fullDiff(): EnvironmentDiff {
  const loaded = loadModelsForCli(file);
  const after = { model: loaded.models.prod, plan: planFor(loaded.models.prod, file) };
  const base = specAtRef(file, "HEAD");
  const r = loadModels(base.text as string, file, gitIncludeReader(file, "HEAD"), stackServing(file));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const d = environmentDiff({ base: base.where, before: { model: r.models.prod, plan: planFor(r.models.prod, file) }, after, fromDate: NOW });
  const [before, now] = [allOrigins(r.spec, r.locate, file), allOrigins(loaded.spec, loaded.locate, file)];
  return { ...d, semantic: withOrigins(d.semantic, (k) => before.get(k), (k) => now.get(k)) };
}

const diffOf = (cache?: BaseCache) => runDiff({ env: "prod", file, format: "text", now: NOW, since: "7d", timeout: "10s" }, cache);
const printed = (d: EnvironmentDiff) => ({ text: diffText(d), markdown: diffMarkdown(d), json: diffJson(d) });

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), "readiness-base-cache-"));
  const { root, files } = generateComposedSpec(10, 5, 10);
  committed = { "readiness.yaml": root, ...files };
  mkdirSync(path.join(repo, "teams"));
  restore();
  file = path.join(repo, "readiness.yaml");
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "-m", "base");
});
afterAll(() => {
  for (const name of readdirSync(path.dirname(repo))) if (name.startsWith(`${path.basename(repo)}-cache-`)) rmSync(path.join(path.dirname(repo), name), { recursive: true, force: true });
  rmSync(repo, { recursive: true, force: true });
});
afterEach(restore);

/** Changes a reviewer sends, each against the committed spec. */
const CHANGES: [string, () => void, string][] = [
  ["an objective in one team file", () => write(teamFile(1), read(teamFile(1)).replace("objective: 99.9", "objective: 99.5")), "~ slo svc-0000/availability"],
  [
    "a new service in a team file",
    () => write(teamFile(2), read(teamFile(2)) + read(teamFile(2)).split("\n  - id: ")[1].replace(/svc-\d{4}/g, "svc-9999").replace(/^/, "  - id: ")),
    "+ slo svc-9999/availability",
  ],
  ["a removed team file", () => rmSync(path.join(repo, teamFile(3))), "- slo svc-0002/availability"],
  [
    "the shared root file (routing and the status page)",
    () => write("readiness.yaml", read("readiness.yaml").replace("ticket: { slack: '#alerts' }", "ticket: { slack: '#alerts-2' }").replace("title: Bench status", "title: Bench status 2")),
    "~ routing ticket",
  ],
  [
    "on-call in the root and a schedule added in a team file",
    () => {
      write("readiness.yaml", read("readiness.yaml").replace("members: [ana, ben]", "members: [ben, ana]"));
      write(teamFile(4), `${read(teamFile(4))}oncall:\n  schedules:\n    - { id: team-04-primary, rotation: daily, handoff: "09:00", members: [ana] }\n`);
    },
    "+ schedule team-04-primary",
  ],
  ["nothing", () => undefined, "No changes."],
];

describe("diff --base with the base cache", () => {
  test.each(CHANGES)("%s: the same text, markdown and json cold, warm, without a cache and on the full path", (_, change, shows) => {
    change();
    const full = printed(fullDiff());
    expect(full.text).toContain(shows);
    const cache = freshCache();
    expect(printed(diffOf(cache))).toEqual(full); // cold: renders the base and stores it
    const entries = readdirSync(cache.dir).filter((f) => f.endsWith(".bin"));
    expect(entries).toHaveLength(1);
    expect(holdsBase(cache, path.basename(entries[0], ".bin"), "prod")).toBe(true);
    expect(printed(diffOf(cache))).toEqual(full); // warm: the stored base
    expect(printed(diffOf())).toEqual(full);
  }, 60_000);

  test("a stored base is what the diff compares with: a doctored entry under its key shows in the diff", () => {
    write(teamFile(1), read(teamFile(1)).replace("objective: 99.9", "objective: 99.5"));
    const cache = freshCache();
    expect(diffText(diffOf(cache))).toContain("objective: 99.9% -> 99.5%");
    const key = path.basename(readdirSync(cache.dir).find((f) => f.endsWith(".bin")) as string, ".bin");
    const loaded = loadModelsForCli(file);
    writeCachedBase(cache, key, { model: loaded.models.prod, plan: planFor(loaded.models.prod, file), origins: new Map() });
    expect(diffText(diffOf(cache))).toContain("No changes.");
  }, 60_000);

  test("names the team file of a removed item from the stored base", () => {
    rmSync(path.join(repo, teamFile(3)));
    const cache = freshCache();
    diffOf(cache);
    const warm = diffOf(cache);
    expect(warm.semantic.filter((c) => c.action === "removed").map((c) => c.file)).toEqual(expect.arrayContaining([path.join(repo, teamFile(3))]));
    expect(warm.semantic.filter((c) => c.action === "removed").every((c) => c.file === path.join(repo, teamFile(3)))).toBe(true);
  }, 60_000);

  test("random single-file edits diff the same from the stored base as on the full path", () => {
    const cache = freshCache();
    diffOf(cache);
    const edits: [RegExp, (m: string) => string][] = [
      [/objective: 99\.9/, () => "objective: 99.95"],
      [/above: 0\.05/, () => "above: 0.1"],
      [/every: 1m/, () => "every: 5m"],
      [/severity: ticket/, () => "severity: page"],
      [/- id: error-rate/, () => "- id: error-ratio"],
      [/- id: svc-\d{4}/, (m) => `${m}-renamed`],
      [/for: 5m/, () => "for: 10m"],
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: edits.length - 1 }), fc.nat(5), (team, which, nth) => {
        restore();
        const [re, to] = edits[which];
        let seen = 0;
        const name = teamFile(team);
        write(name, read(name).replace(new RegExp(re.source, "g"), (m) => (seen++ === nth ? to(m) : m)));
        expect(printed(diffOf(cache))).toEqual(printed(fullDiff()));
      }),
      { numRuns: 8 },
    );
  }, 180_000);

  describe("what is read from the cache is checked, and anything wrong is a miss", () => {
    const entryOf = (cache: BaseCache) => path.join(cache.dir, readdirSync(cache.dir).find((f) => f.endsWith(".bin")) as string);
    /** A cache holding this base's entry, changed by `spoil`; the diff must still be the full path's and the entry good again. */
    const survives = (spoil: (entry: string, cache: BaseCache) => void) => {
      write(teamFile(1), read(teamFile(1)).replace("objective: 99.9", "objective: 99.5"));
      const full = printed(fullDiff());
      const cache = freshCache();
      diffOf(cache);
      const entry = entryOf(cache);
      spoil(entry, cache);
      expect(printed(diffOf(cache))).toEqual(full);
      expect(holdsBase(cache, path.basename(entry, ".bin"), "prod")).toBe(true);
    };

    test("a flipped byte in the payload", () =>
      survives((entry) => {
        const bytes = readFileSync(entry);
        bytes[Math.floor(bytes.length / 2)] ^= 0x20;
        writeFileSync(entry, bytes);
      }), 60_000);

    /**
     * What the entry under `key` holds, read back through the cache (every blob checked against its
     * digest), decoded and encoded again: v8.serialize writes a string as one or two bytes per
     * character as V8 happens to hold it, so a base rendered again can take other bytes for the
     * same content (one render here took 4 more).
     */
    const content = (cache: BaseCache, key: string): Buffer => {
      const entry = readCached(cache, key);
      if (!entry) throw new Error(`no readable entry under ${key}`);
      try {
        const blobs = Array.from({ length: entry.blobCount }, (_, i) => {
          const bytes = entry.blob(i);
          if (!bytes) throw new Error(`blob ${i} of ${key} does not match its digest`);
          return v8.deserialize(bytes) as unknown;
        });
        return v8.serialize({ value: entry.value, blobs });
      } finally {
        entry.close();
      }
    };

    test("flipped bytes throughout the stored resources: the diff renders its base and stores the entry again", () => {
      let original: Buffer | undefined;
      let where: [BaseCache, string] | undefined;
      survives((entry, cache) => {
        where = [cache, path.basename(entry, ".bin")];
        original = content(...where);
        const bytes = readFileSync(entry);
        // The resources follow the two header lines and the value, whose length the header gives.
        const first = bytes.indexOf(10);
        const second = bytes.indexOf(10, first + 1);
        const valueBytes = (JSON.parse(bytes.subarray(first + 1, second).toString("utf8")) as { bytes: number }).bytes;
        for (let i = second + 1 + valueBytes; i < bytes.length; i += 50) bytes[i] ^= 0x20;
        writeFileSync(entry, bytes);
      });
      expect(content(...where!).equals(original!)).toBe(true);
    }, 60_000);

    test("a truncated entry", () => survives((entry) => writeFileSync(entry, readFileSync(entry).subarray(0, 1000))), 60_000);

    test("garbage", () => survives((entry) => writeFileSync(entry, "not a cache entry\n{}\n")), 60_000);

    test("another base's entry under this key (the head's: used, it would show no changes)", () =>
      survives((entry, cache) => {
        const loaded = loadModelsForCli(file);
        const head: RenderedBase = { model: loaded.models.prod, plan: planFor(loaded.models.prod, file), origins: new Map() };
        writeCachedBase(cache, "another-key", head);
        writeFileSync(entry, readFileSync(path.join(cache.dir, "another-key.bin")));
        rmSync(path.join(cache.dir, "another-key.bin"));
      }), 60_000);

    test("an entry of the right key and checksum but another shape (another version's layout)", () =>
      survives((entry, cache) => writeCached(cache, path.basename(entry, ".bin"), { model: { environment: "prod" }, plan: [], origins: new Map() })), 60_000);

    test("an entry for another environment", () =>
      survives((entry, cache) => {
        const loaded = loadModelsForCli(file);
        writeCachedBase(cache, path.basename(entry, ".bin"), { model: { ...loaded.models.prod, environment: "staging" }, plan: { ...planFor(loaded.models.prod, file), environment: "staging" }, origins: new Map() });
      }), 60_000);

    test("a cache folder that cannot be written does not stop the diff", () => {
      write(teamFile(1), read(teamFile(1)).replace("objective: 99.9", "objective: 99.5"));
      const cache = freshCache();
      writeFileSync(cache.dir, "a file where the folder should be");
      expect(printed(diffOf(cache))).toEqual(printed(fullDiff()));
    }, 60_000);
  });

  test("the built CLI keeps its base under READINESS_CACHE_DIR, prints the same diff from it, and keeps none when it is empty", () => {
    write(teamFile(1), read(teamFile(1)).replace("objective: 99.9", "objective: 99.5"));
    const dir = freshCache().dir;
    const run = (cacheDir: string) => spawnSync("node", [BIN, "diff", "--env", "prod", "--now", NOW, "--format", "markdown"], { cwd: repo, encoding: "utf8", timeout: 60_000, env: { ...process.env, READINESS_CACHE_DIR: cacheDir } });
    const cold = run(dir);
    expect(cold.stderr).toBe("");
    expect(cold.stdout).toContain("svc-0000/availability");
    expect(readdirSync(path.join(dir, "diff-base")).filter((f) => f.endsWith(".bin"))).toHaveLength(1);
    const warm = run(dir);
    expect(warm.stdout).toBe(cold.stdout);
    const off = run("");
    expect(off.stdout).toBe(cold.stdout);
    expect(readdirSync(path.join(dir, "diff-base"))).toHaveLength(1);
  }, 120_000);
});
