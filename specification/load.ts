/**
 * Spec text -> validated Spec, or every problem located at `file:line:col`.
 *
 * Order of checks: YAML syntax, the shape of the top (empty file, a list, `apiVersion`), the zod
 * schema (all problems at once), then cross-references (all at once). Nothing here throws on bad
 * input: the fast-check property test feeds it thousands of mutated specs.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from "yaml";
import { z } from "zod";
import { specSchema, type Spec } from "./schema";
import { type Diagnostic, type DiagnosticCode, type Locator, didYouMean, formatPath, sortDiagnostics } from "./diagnostics";
import { checkCrossReferences } from "./crossRefs";
import { quotingHint } from "./quotingHint";

/** The result of loading: a Spec with its source document, or diagnostics. */
export type LoadResult =
  | { ok: true; spec: Spec; locate: Locator; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };


/** Loads and validates spec text. `file` is only used in messages. */
export function loadSpec(text: string, file: string): LoadResult {
  const parsed = parseSpecDocument(text, file);
  return parsed.ok ? loadSpecData(parsed.data, parsed.locate) : parsed;
}

/** Parsed root data -> validated Spec: the shape of the top, then {@link validateSpecData}. */
export function loadSpecData(data: unknown, locate: Locator): LoadResult {
  if (data === null || data === undefined) {
    return { ok: false, diagnostics: [locate([], "EmptySpec", "the spec is empty", "start with `apiVersion: readiness/v1`, then `system`, `environments` and `services`; see readiness.yaml in the project")] };
  }
  if (typeof data !== "object" || Array.isArray(data)) {
    const got = Array.isArray(data) ? "a list" : `a ${typeof data}`;
    return { ok: false, diagnostics: [locate([], "NotAMapping", `the top level of the spec must be a mapping of keys (apiVersion, system, ...), got ${got}`)] };
  }
  const apiVersion = (data as Record<string, unknown>).apiVersion;
  if (apiVersion !== "readiness/v1") {
    const msg = apiVersion === undefined ? "`apiVersion` is missing" : `unknown apiVersion ${JSON.stringify(apiVersion)}`;
    return { ok: false, diagnostics: [locate(apiVersion === undefined ? [] : ["apiVersion"], "UnknownApiVersion", msg, "this version of readiness reads `apiVersion: readiness/v1`")] };
  }
  return validateSpecData(data, locate);
}

/** YAML text -> plain data and a Locator into that text, or the first syntax problem. */
export function parseSpecDocument(text: string, file: string): { ok: true; data: unknown; locate: Locator } | { ok: false; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  if (doc.errors.length) {
    // Only the first: one unclosed bracket makes the parser report every token after it, and that
    // flood hides the one line the user has to fix.
    const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
    const pos = lineCounter.linePos(first.pos[0]);
    const quote = quotingHint(text.split("\n")[pos.line - 1] ?? "");
    const more = quote ?? (doc.errors.length > 1 ? "fix this first; the parser's later complaints usually follow from it" : undefined);
    return { ok: false, diagnostics: [{ code: "YamlSyntax", severity: "error", path: "", message: first.message.split("\n")[0], hint: more, file, line: pos.line, col: pos.col }] };
  }
  // Without a `*` there is no alias, so nothing expands: skip walking every node of a large spec.
  const expansion = text.includes("*") ? aliasExpansion(doc) : { written: 0, resolved: 0 };
  if (expansion.resolved > maxResolvedNodes(expansion.written)) {
    const pos = lineCounter.linePos(expansion.at ?? 0);
    const message = `aliases expand this spec from ${expansion.written} to over ${maxResolvedNodes(expansion.written)} values; the limit is ${RESOLVED_GROWTH}x the written size (at least ${MIN_RESOLVED_BUDGET})`;
    return { ok: false, diagnostics: [{ code: "YamlSyntax", severity: "error", path: "", message, hint: "write the values out, or repeat smaller pieces with anchors", file, line: pos.line, col: pos.col }] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Aliases are only resolved here: one that names no anchor, or so many that expanding them
    // would exhaust memory (a "billion laughs"), is a problem with the file, not a crash.
    const alias = firstAlias(doc);
    const pos = lineCounter.linePos(alias?.range?.[0] ?? 0);
    const message = (e as Error).message.split("\n")[0];
    return { ok: false, diagnostics: [{ code: "YamlSyntax", severity: "error", path: "", message, hint: /unresolved alias/i.test(message) ? "set the anchor (&name) before the alias (*name) that repeats it" : "write the values out instead of using YAML anchors and aliases", file, line: pos.line, col: pos.col }] };
  }
  return { ok: true, data, locate: lazyLocator(text, file) };
}

/**
 * A locator that parses `text` again the first time it is asked. A valid spec rarely needs one,
 * and keeping every file's syntax tree alive until then is most of what the garbage collector
 * copies while a 1,000-service spec is planned (its 1.3 MB of YAML make some 60 MB of nodes).
 */
function lazyLocator(text: string, file: string): Locator {
  let locate: Locator | undefined;
  return (...args) => {
    if (!locate) {
      const lineCounter = new LineCounter();
      locate = makeLocator(parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter, file);
    }
    return locate(...args);
  };
}

/**
 * Plain spec data -> validated Spec: the zod schema, then cross-references. `locate` maps a path in
 * `data` to where it was written (for a composed spec, into the file that holds it).
 */
export function validateSpecData(data: unknown, locate: Locator): LoadResult {
  const parsed = specSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, diagnostics: sortDiagnostics(parsed.error.issues.flatMap((issue) => issueToDiagnostics(issue, data, locate))) };
  }
  const problems = checkCrossReferences(parsed.data, locate);
  const errors = problems.filter((d) => d.severity === "error");
  if (errors.length) return { ok: false, diagnostics: sortDiagnostics(problems) };
  return { ok: true, spec: parsed.data, locate, warnings: sortDiagnostics(problems) };
}

/** How much larger than written aliases may make a spec, in YAML values (see aliasExpansion). */
const RESOLVED_GROWTH = 10;
/** Below this many resolved values any alias use is fine. */
const MIN_RESOLVED_BUDGET = 200_000;
const maxResolvedNodes = (written: number) => Math.max(MIN_RESOLVED_BUDGET, RESOLVED_GROWTH * written);

/**
 * The number of YAML values as written and as resolved (every alias counted as a copy of its
 * anchor), and where the resolved count first crossed the budget. Alias counts alone do not bound
 * the work: 98 aliases of a 5,000-panel list are 490,000 panels for every later step. Counted with
 * one memo per anchored node, so this is linear in the written size.
 */
function aliasExpansion(doc: Document): { written: number; resolved: number; at?: number } {
  const memo = new Map<unknown, number>();
  let written = 0;
  // Anchors in document order: an alias names the last anchor of its name written before it.
  // (yaml's own Alias.resolve walks the whole document for every alias.)
  const anchors = new Map<string, { start: number; node: unknown }[]>();
  visit(doc, {
    Node: (_, n) => {
      written++;
      if (!isAlias(n) && n.anchor) anchors.set(n.anchor, [...(anchors.get(n.anchor) ?? []), { start: n.range?.[0] ?? 0, node: n }]);
    },
  });
  const target = (alias: { source: string; range?: [number, number, number] | null }) =>
    (anchors.get(alias.source) ?? []).filter((a) => a.start < (alias.range?.[0] ?? Infinity)).pop()?.node;
  const budget = maxResolvedNodes(written);
  let at: number | undefined;
  let resolved = 0;
  const size = (n: unknown, depth: number): number => {
    if (n === null || n === undefined || depth > 500) return 0;
    if (memo.has(n)) return memo.get(n) as number;
    let total = 1;
    if (isMap(n) || isSeq(n)) for (const item of n.items) total += isPair(item) ? size(item.key, depth + 1) + size(item.value, depth + 1) : size(item, depth + 1);
    else if (isAlias(n)) total = size(target(n), depth + 1);
    memo.set(n, total);
    return total;
  };
  // Walk the top-level pairs so the first one that crosses the budget can be named.
  const root = doc.contents;
  if (isMap(root) || isSeq(root)) {
    resolved = 1;
    for (const item of root.items) {
      resolved += isPair(item) ? size(item.key, 1) + size(item.value, 1) : size(item, 1);
      if (resolved > budget && at === undefined) at = (isPair(item) ? (item.key as YamlNode | null)?.range?.[0] : (item as YamlNode | null)?.range?.[0]) ?? 0;
    }
  } else resolved = size(root, 0);
  return { written, resolved, at };
}

function firstAlias(doc: Document): YamlNode | undefined {
  let found: YamlNode | undefined;
  visit(doc, {
    Alias(_, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

function makeLocator(doc: Document, lc: LineCounter, file: string): Locator {
  return (path, code, message, hint, opts) => {
    const offset = offsetOf(doc, path, opts?.atKey ?? false);
    const pos = lc.linePos(offset);
    return { code, severity: "error", path: formatPath(path), message, hint, file, line: pos.line, col: pos.col };
  };
}

/**
 * Offset of the deepest node that exists along `path` (for a key missing from its map, the map
 * itself). With `atKey`, the last segment's key token rather than its value.
 */
function offsetOf(doc: Document, path: readonly (string | number)[], atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyNode = pair.key as YamlNode;
      const last = i === path.length - 1;
      // Point at the key for its own problems (unknown key), at the value otherwise.
      const valueNode = pair.value as YamlNode | null;
      offset = last && atKey ? keyNode.range?.[0] ?? offset : valueNode?.range?.[0] ?? keyNode.range?.[0] ?? offset;
      node = valueNode;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return `${typeof v} ${String(v)}`;
}

function issueToDiagnostics(issue: z.core.$ZodIssue, data: unknown, locate: Locator): Diagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const got = valueAt(data, path);
  if (got === undefined && path.length > 0 && (issue.code === "invalid_type" || issue.code === "invalid_value" || issue.code === "invalid_union")) {
    // A required key that is absent: zod words it by the key's type (an enum says "invalid value"),
    // but the user needs to hear that the key is missing. Point at the mapping, name the full path.
    const key = String(path[path.length - 1]);
    return [{ ...locate(path.slice(0, -1), "MissingKey", `missing required key "${key}"`), path: locate(path, "MissingKey", "").path }];
  }
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(path);
      return issue.keys.map((key) => {
        const guess = didYouMean(key, known);
        return locate([...path, key], "UnknownKey", `unknown key "${key}"`, guess ? `did you mean "${guess}"?` : known.length ? `allowed here: ${known.join(", ")}` : undefined, { atKey: true });
      });
    }
    case "invalid_type": {
      if (got === undefined) {
        // Point at the mapping the key is missing from, but name the full path.
        const key = String(path[path.length - 1]);
        return [{ ...locate(path.slice(0, -1), "MissingKey", `missing required key "${key}"`), path: locate(path, "MissingKey", "").path }];
      }
      return [locate(path, "InvalidType", `expected ${issue.expected}, got ${describeValue(got)}`)];
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const guess = typeof got === "string" ? didYouMean(got, issue.values.map(String)) : undefined;
      return [locate(path, "InvalidValue", `${describeValue(got)} is not allowed; expected one of ${allowed.join(", ")}`, guess ? `did you mean "${guess}"?` : undefined)];
    }
    case "custom": {
      const code = ((issue.params as { code?: DiagnosticCode } | undefined)?.code ?? "InvalidValue") as DiagnosticCode;
      // Some refinements already quote the value they received.
      const withGot = got !== undefined && typeof got !== "object" && !/\bgot\b/.test(issue.message) ? `${issue.message}, got ${describeValue(got)}` : issue.message;
      return [locate(path, code, withGot)];
    }
    default:
      return [locate(path, "InvalidValue", `${issue.message}${got !== undefined && typeof got !== "object" ? `, got ${describeValue(got)}` : ""}`)];
  }
}

/** Keys allowed by the schema at a path (for "did you mean"). */
function knownKeys(path: readonly (string | number)[]): string[] {
  let schema: unknown = specSchema;
  for (const seg of path) {
    schema = unwrap(schema);
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (def.type === "object") schema = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def.type === "array") schema = def.element;
    else if (def.type === "record") schema = def.valueType;
    else return [];
  }
  schema = unwrap(schema);
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

function unwrap(schema: unknown): unknown {
  let s = schema as { _zod?: { def?: Record<string, unknown> } } | undefined;
  for (let i = 0; i < 10 && s?._zod?.def; i++) {
    const def = s._zod.def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault" || def.type === "readonly") s = def.innerType as typeof s;
    else if (def.type === "pipe") s = def.in as typeof s;
    else break;
  }
  return s;
}
