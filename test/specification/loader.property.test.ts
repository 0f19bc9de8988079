/**
 * Random damage to the example never makes the loader throw: every mutated spec gives either a
 * Model per environment or diagnostics located in the file (line >= 1). The first property damages
 * the parsed spec (deleted keys, wrong types, random strings and numbers, duplicated list entries,
 * unknown keys) and writes it back as YAML; the second damages the text itself
 * (lines deleted, duplicated, values turned into YAML aliases, characters inserted).
 */
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { loadModels } from "../../specification/loadModels";
import { exampleText } from "../support/example";

const FILE = "readiness.yaml";
const example = exampleText();
const exampleData: unknown = parse(example);

type Path = (string | number)[];
type Container = Record<string, unknown> | unknown[];

/** Every path to a value inside the spec, the top included (as []). */
function allPaths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...at, i], out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) allPaths(v, [...at, k], out);
  return out;
}

function get(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, seg) => (v as Record<string | number, unknown>)[seg], root);
}

/** Values that exercise the rules: plain junk, and strings that look almost right. */
const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
  fc.constantFrom(
    "${vars.nope}", "${env}", "${", "{{window}}", "sum(rate(x[{{window}}]))", "sum(", "page", "critical", "30x", "1.5h", "0s",
    "schedule:nope", "person:ana", "slo:billing-api/nope", "monday 9am", "Mars/Olympus", "readiness/v2", "#chan", "a@b.test", "",
  ),
);

type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "duplicate"; at: number }
  | { kind: "addKey"; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: junk }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("addKey" as const), at: fc.nat(), key: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom("id", "severity", "objective", "previously")), value: junk }),
);

/** Applies one mutation at the `at`-th path (modulo the number of paths) of a copy of `data`. */
function mutate(data: unknown, m: Mutation): unknown {
  const root = { doc: structuredClone(data) };
  const paths = allPaths(root.doc).map((p) => ["doc", ...p]);
  const path = paths[m.at % paths.length];
  const parent = get(root, path.slice(0, -1)) as Container;
  const key = path[path.length - 1];
  const target = get(root, path);
  switch (m.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case "replace":
      (parent as Record<string | number, unknown>)[key] = structuredClone(m.value);
      break;
    case "duplicate":
      // A copy of a list entry next to it: duplicate ids, repeated members and targets.
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(target));
      else if (Array.isArray(target) && target.length) target.push(structuredClone(target[0]));
      break;
    case "addKey":
      if (target !== null && typeof target === "object" && !Array.isArray(target)) (target as Record<string, unknown>)[m.key] = structuredClone(m.value);
      break;
  }
  return root.doc;
}

/**
 * Runs of the first property (the second does a third as many). One load of the example costs
 * 10-20 ms of CPU, mostly YAML parsing, so 1000 keeps the file near 20 s; each run applies up to
 * four mutations. Raise READINESS_PROPERTY_RUNS for a longer soak.
 */
const RUNS = Number(process.env.READINESS_PROPERTY_RUNS ?? 1000);

/** How the loader answered, counted so a test can show both outcomes were exercised. */
const outcomes = { models: 0, diagnostics: 0 };

function assertModelsOrLocatedDiagnostics(text: string): void {
  const lines = text.split("\n").length;
  const r = loadModels(text, FILE);
  outcomes[r.ok ? "models" : "diagnostics"]++;
  if (r.ok) {
    expect(r.environments.length).toBeGreaterThan(0);
    for (const env of r.environments) expect(r.models[env].environment).toBe(env);
    return;
  }
  expect(r.diagnostics.length).toBeGreaterThan(0);
  for (const d of r.diagnostics) {
    expect(d.file).toBe(FILE);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines + 1);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

describe("the loader under random damage", () => {
  it("the unmutated example loads, so the properties below start from a valid spec", () => {
    expect(loadModels(example, FILE).ok).toBe(true);
  });

  it("mutated specs written back as YAML give Models or located diagnostics, never an exception", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        const data = ms.reduce<unknown>((d, m) => mutate(d, m), exampleData);
        assertModelsOrLocatedDiagnostics(stringify(data) ?? "");
      }),
      { numRuns: RUNS },
    );
  });

  it("mutated text (lines deleted or duplicated, aliases, characters inserted) gives Models or located diagnostics, never an exception", () => {
    const lines = example.split("\n");
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("deleteLine" as const), at: fc.nat(lines.length - 1) }),
      fc.record({ kind: fc.constant("duplicateLine" as const), at: fc.nat(lines.length - 1) }),
      // A value replaced by an alias or an anchored copy: aliases resolve late, when the YAML becomes data.
      fc.record({ kind: fc.constant("alias" as const), at: fc.nat(lines.length - 1), text: fc.constantFrom("*a", "&a x", "&a [1, 2]", "*nope", "&a\n*a") }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(example.length), text: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(":", "- ", "{", "[", "\t", "  ", "\"", "'", "&a ", "*a", "!!int ", "#")) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = example;
        for (const e of edits) {
          const ls = text.split("\n");
          if (e.kind === "deleteLine") ls.splice(e.at % ls.length, 1);
          else if (e.kind === "duplicateLine") ls.splice(e.at % ls.length, 0, ls[e.at % ls.length]);
          else if (e.kind === "alias") ls[e.at % ls.length] = ls[e.at % ls.length].replace(/: .*$/, `: ${e.text}`);
          text = e.kind === "insert" ? text.slice(0, e.at % (text.length + 1)) + e.text + text.slice(e.at % (text.length + 1)) : ls.join("\n");
        }
        assertModelsOrLocatedDiagnostics(text);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it("the mutations produced both valid and invalid specs, so neither branch went untested", () => {
    expect(outcomes.models).toBeGreaterThan(0);
    expect(outcomes.diagnostics).toBeGreaterThan(0);
  });
});
