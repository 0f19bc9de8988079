/**
 * Spec composition: a root spec's `include:` globs name team files, each holding its own services,
 * sign-offs and optionally schedules and escalations. Every file is parsed with positions, the
 * collections are concatenated (root first, then each glob's matches in path order), and the whole
 * is validated once with a Locator that maps a composed path such as `services[41].slos[0]` back
 * to the file and line that hold it (`teams/payments.yaml:12:9 services[2].slos[0]...`).
 *
 * Pure: the reader that lists directories and reads files is passed in (files/includeReader.ts).
 */
import path from "node:path";
import type { Diagnostic } from "./diagnostics";
import { didYouMean, sortDiagnostics } from "./diagnostics";
import type { Locator } from "./diagnostics";
import { type LoadResult, loadSpecData, parseSpecDocument, validateSpecData } from "./load";
import { compileGlob, globBase, globProblem } from "./glob";
import { teamOfFile } from "./owner";

/** How the loader reaches included files: the CLI passes one on the file system, tests one in memory. */
export interface IncludeReader {
  /** Every file under `dir`, recursively, as `/`-separated paths relative to `dir`; [] if `dir` does not exist. */
  list(dir: string): string[];
  /** A file's text; throws an Error whose message says why it cannot be read. */
  read(file: string): string;
  /**
   * Where a path really is once symbolic links are followed (absolute); throws when it does not
   * exist. Without it (a reader with no links, such as git's or one in memory) paths are compared
   * as written, `..` resolved.
   */
  realpath?(file: string): string;
}

/** Whether `file` lies inside the folder `dir` (both absolute and normalized). */
function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== "" && !rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel);
}

/** The composed collections: where each one sits in the root spec and in every team file. */
const COLLECTIONS: { at: string[]; what: string }[] = [
  { at: ["services"], what: "service" },
  { at: ["signoffs"], what: "sign-off" },
  { at: ["oncall", "schedules"], what: "schedule" },
  { at: ["oncall", "escalations"], what: "escalation" },
];

/** Top-level keys a team file may hold; the rest belong to the root spec alone. */
const INCLUDED_KEYS = ["apiVersion", "services", "signoffs", "oncall"];
const INCLUDED_ONCALL_KEYS = ["schedules", "escalations"];

interface Source {
  file: string;
  data: Record<string, unknown>;
  locate: Locator;
}

/** A run of composed items that came from one file. */
interface Segment {
  start: number;
  count: number;
  source: Source;
}

/** Loads a root spec and every file its `include:` names; without `include:` exactly {@link loadSpec}. */
export function loadComposedSpec(text: string, file: string, reader?: IncludeReader): LoadResult {
  const root = parseSpecDocument(text, file);
  if (!root.ok) return root;
  const data = root.data as Record<string, unknown> | null;
  if (data === null || typeof data !== "object" || Array.isArray(data) || !("include" in data)) return loadSpecData(root.data, root.locate);
  const patterns = data.include;
  // A malformed `include:` is the schema's to report, with every other problem of the root.
  if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === "string" && p !== "")) return loadSpecData(root.data, root.locate);
  if (!reader) return { ok: false, diagnostics: [root.locate(["include"], "IncludeUnreadable", "this spec includes other files, which can only be read from disk", "run it through the readiness command, or load it with a reader")] };

  const rootSource: Source = { file, data, locate: root.locate };
  const problems: Diagnostic[] = [];
  const sources: Source[] = [];
  const seen = new Set<string>([path.normalize(file)]);
  const dir = path.dirname(file);
  const folder = dir === "." ? "the current folder" : dir;
  // Included files stay in the root spec's folder: a pull request's spec must not make CI read, and
  // print pieces of, files elsewhere on the runner (`../../etc/passwd`, `/proc/self/environ`).
  const outside = (pattern: string, i: number, what: string) =>
    root.locate(["include", i], "IncludeOutsideFolder", `"${pattern}" ${what} outside the root spec's folder (${folder}); it is not read`, "included files must lie in the root spec's folder or below it, after `..` and symbolic links are resolved");
  let rootReal: string;
  try {
    rootReal = reader.realpath ? reader.realpath(dir) : path.resolve(dir);
  } catch {
    rootReal = path.resolve(dir);
  }
  (patterns as string[]).forEach((pattern, i) => {
    const tooComplex = globProblem(pattern);
    if (tooComplex) {
      problems.push(root.locate(["include", i], "IncludeGlobTooComplex", `${tooComplex}; it is not expanded`, "name team files with a short pattern such as teams/*.yaml or teams/**/*.yaml"));
      return;
    }
    const normalized = pattern.replace(/\\/g, "/");
    const base = path.resolve(dir, globBase(normalized));
    if (path.isAbsolute(normalized) || !(base === path.resolve(dir) || inside(path.resolve(dir), base))) {
      problems.push(outside(pattern, i, "reaches"));
      return;
    }
    const matches = expand(reader, dir, pattern);
    if (matches.length === 0) {
      problems.push(root.locate(["include", i], "IncludeMatchedNothing", `"${pattern}" matches no file`, `globs are relative to ${file}'s folder (${dir === "." ? "the current folder" : dir}); a team file that moved or a typo in the glob would silently drop that team's monitoring`));
      return;
    }
    for (const match of matches) {
      if (seen.has(path.normalize(match))) continue;
      seen.add(path.normalize(match));
      let real: string;
      try {
        real = reader.realpath ? reader.realpath(match) : path.resolve(match);
      } catch (e) {
        problems.push(root.locate(["include", i], "IncludeUnreadable", `cannot read ${match}, matched by "${pattern}": ${(e as Error).message}`));
        continue;
      }
      if (!inside(rootReal, real)) {
        problems.push(outside(pattern, i, `matches ${match}, a link to a file`));
        continue;
      }
      let fileText: string;
      try {
        fileText = reader.read(match);
      } catch (e) {
        problems.push(root.locate(["include", i], "IncludeUnreadable", `cannot read ${match}, matched by "${pattern}": ${(e as Error).message}`));
        continue;
      }
      const loaded = loadIncluded(fileText, match);
      if (loaded.ok) sources.push(loaded.source);
      else problems.push(...loaded.diagnostics);
    }
  });
  const order = [file, ...sources.map((s) => s.file), ...problems.map((d) => d.file)];
  if (problems.length) return { ok: false, diagnostics: sortAcrossFiles(problems, order) };

  const { merged, segments } = compose(rootSource, sources);
  const locate = composedLocator(rootSource, segments);
  const duplicates = duplicateIds(merged, locate);
  const result = validateSpecData(merged, locate);
  // crossRefs finds the same duplicates but can only name the first by its composed index; ours
  // name both files, so theirs for the composed collections are dropped.
  const isOurs = (d: Diagnostic) => d.code === "DuplicateId" && duplicates.some((o) => o.file === d.file && o.line === d.line && o.col === d.col);
  if (result.ok) {
    if (duplicates.length) return { ok: false, diagnostics: sortAcrossFiles([...duplicates, ...result.warnings.filter((w) => !isOurs(w))], order) };
    return { ...result, locate, warnings: sortAcrossFiles(result.warnings, order) };
  }
  return { ok: false, diagnostics: sortAcrossFiles([...duplicates, ...result.diagnostics.filter((d) => !isOurs(d))], order) };
}

/** The files a glob matches, relative to the current folder like the root's name, in path order. */
function expand(reader: IncludeReader, dir: string, pattern: string): string[] {
  const normalized = pattern.replace(/\\/g, "/");
  const base = globBase(normalized);
  const re = compileGlob(normalized.slice(base === "" ? 0 : base.length + 1));
  const baseDir = path.join(dir, base);
  return reader
    .list(baseDir)
    .filter((rel) => re.test(rel))
    .sort()
    .map((rel) => path.join(baseDir, rel));
}

function loadIncluded(text: string, file: string): { ok: true; source: Source } | { ok: false; diagnostics: Diagnostic[] } {
  const parsed = parseSpecDocument(text, file);
  if (!parsed.ok) return parsed;
  const { data, locate } = parsed;
  const contents = "services, signoffs, and optionally oncall.schedules and oncall.escalations";
  if (data === null || data === undefined) return { ok: false, diagnostics: [locate([], "EmptySpec", "the included file is empty", `a team file declares ${contents}; remove it or the glob that matches it`)] };
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, diagnostics: [locate([], "NotAMapping", `the top level of an included file must be a mapping of keys (${INCLUDED_KEYS.join(", ")}), got ${Array.isArray(data) ? "a list" : `a ${typeof data}`}`)] };
  }
  const record = data as Record<string, unknown>;
  const out: Diagnostic[] = [];
  const unknownKeys = (keys: string[], allowed: string[], at: string[]) => {
    for (const key of keys) {
      if (allowed.includes(key)) continue;
      const guess = didYouMean(key, allowed);
      const hint = guess ? `did you mean "${guess}"?` : `an included file holds ${contents}; ${key === "include" ? "list every glob in the root spec" : `"${key}" is declared once, in the root spec`}`;
      out.push(locate([...at, key], "UnknownKey", `unknown key "${key}"`, hint, { atKey: true }));
    }
  };
  unknownKeys(Object.keys(record), INCLUDED_KEYS, []);
  if (record.apiVersion !== undefined && record.apiVersion !== "readiness/v1") out.push(locate(["apiVersion"], "UnknownApiVersion", `unknown apiVersion ${JSON.stringify(record.apiVersion)}`, "this version of readiness reads `apiVersion: readiness/v1`"));
  const oncall = record.oncall;
  if (oncall !== undefined && (oncall === null || typeof oncall !== "object" || Array.isArray(oncall))) out.push(locate(["oncall"], "InvalidType", "expected a mapping with schedules and escalations"));
  else if (oncall) unknownKeys(Object.keys(oncall), INCLUDED_ONCALL_KEYS, ["oncall"]);
  for (const c of COLLECTIONS) {
    const v = valueAt(record, c.at);
    if (v !== undefined && !Array.isArray(v)) out.push(locate(c.at, "InvalidType", `expected a list of ${c.what}s`));
  }
  return out.length ? { ok: false, diagnostics: out } : { ok: true, source: { file, data: record, locate } };
}

/** Root data with every team file's items appended to its collections, and where each run came from. */
function compose(root: Source, sources: Source[]): { merged: Record<string, unknown>; segments: Map<string, Segment[]> } {
  const merged: Record<string, unknown> = { ...root.data };
  if (merged.oncall && typeof merged.oncall === "object" && !Array.isArray(merged.oncall)) merged.oncall = { ...(merged.oncall as object) };
  const segments = new Map<string, Segment[]>();
  for (const c of COLLECTIONS) {
    const rootItems = valueAt(root.data, c.at);
    // A root collection of the wrong type stays as written for the schema to report.
    if (rootItems !== undefined && !Array.isArray(rootItems)) continue;
    const items: unknown[] = [...((rootItems as unknown[] | undefined) ?? [])];
    const runs: Segment[] = [{ start: 0, count: items.length, source: root }];
    for (const s of sources) {
      const listed = (valueAt(s.data, c.at) as unknown[] | undefined) ?? [];
      const more = c.what === "service" ? withOwner(listed, teamOfFile(s.file)) : listed;
      runs.push({ start: items.length, count: more.length, source: s });
      items.push(...more);
    }
    segments.set(c.at.join("."), runs);
    if (rootItems === undefined && items.length === 0) continue;
    if (c.at.length === 1) merged[c.at[0]] = items;
    else {
      // Team schedules with no `oncall:` in the root: the schema then asks for oncall.timezone there.
      if (merged.oncall === undefined) merged.oncall = {};
      if (merged.oncall && typeof merged.oncall === "object" && !Array.isArray(merged.oncall)) (merged.oncall as Record<string, unknown>)[c.at[1]] = items;
    }
  }
  return { merged, segments };
}

/** A team file's services, each without an `owner` given its file's team (a copy: the parsed data stays as written). */
function withOwner(services: unknown[], team: string | undefined): unknown[] {
  if (team === undefined) return services;
  return services.map((s) => (s !== null && typeof s === "object" && !Array.isArray(s) && !("owner" in s) ? { ...s, owner: team } : s));
}

/** Maps a composed path to the file holding it, with that file's own indices. */
function composedLocator(root: Source, segments: Map<string, Segment[]>): Locator {
  return (p, code, message, hint, opts) => {
    for (const c of COLLECTIONS) {
      const n = p[c.at.length];
      if (typeof n !== "number" || !c.at.every((seg, i) => p[i] === seg)) continue;
      const run = segments.get(c.at.join("."))?.find((r) => n >= r.start && n < r.start + r.count);
      if (run) return run.source.locate([...c.at, n - run.start, ...p.slice(c.at.length + 1)], code, message, hint, opts);
    }
    return root.locate(p, code, message, hint, opts);
  };
}

/** Ids (and `previously` names) used twice in a composed collection, each naming both places. */
function duplicateIds(merged: Record<string, unknown>, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of COLLECTIONS) {
    const items = valueAt(merged, c.at);
    if (!Array.isArray(items)) continue;
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      if (!item || typeof item !== "object") return;
      const { id, previously } = item as { id?: unknown; previously?: unknown };
      const names = [id, ...(Array.isArray(previously) ? previously : [])].filter((x): x is string => typeof x === "string");
      for (const name of names) {
        const first = seen.get(name);
        if (first === undefined) {
          seen.set(name, i);
          continue;
        }
        if (first === i) continue;
        const there = locate([...c.at, first, "id"], "DuplicateId", "");
        const here = locate([...c.at, i, "id"], "DuplicateId", `duplicate ${c.what} id "${name}"`, `${there.path} in ${there.file}:${there.line}:${there.col} already uses it; ids are unique across the root spec and every included file`);
        out.push(here);
      }
    });
  }
  return out;
}

/** Root file first, then included files in load order; by position inside each. */
function sortAcrossFiles(ds: Diagnostic[], order: string[]): Diagnostic[] {
  const rank = (f: string) => {
    const i = order.indexOf(f);
    return i < 0 ? order.length : i;
  };
  return sortDiagnostics(ds).sort((a, b) => rank(a.file) - rank(b.file));
}

function valueAt(data: unknown, at: readonly string[]): unknown {
  let v: unknown = data;
  for (const seg of at) {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

