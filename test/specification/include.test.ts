/**
 * Spec composition (`include:`): team files merged into the root spec, every problem located in
 * the file that holds it, duplicate ids across files naming both, and the commands working on the
 * composed spec.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { loadModels } from "../../specification/loadModels";
import type { IncludeReader } from "../../specification/include";
import { compileGlob } from "../../specification/glob";
import { jsonSchemaText } from "../../specification/jsonSchema";
import { fsIncludeReader } from "../../files/includeReader";
import { readFileSync } from "node:fs";
import fc from "fast-check";

const ROOT = path.join(__dirname, "..", "..");
const FIX = "fixtures/composed";

function load(dir: string) {
  const file = path.join(FIX, dir, "readiness.yaml");
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    return loadModels(readFileSync(file, "utf8"), file, fsIncludeReader);
  } finally {
    process.chdir(cwd);
  }
}

/** An in-memory tree of files for the cases the fixtures do not cover. */
function memoryReader(files: Record<string, string>): IncludeReader {
  return {
    list: (dir) =>
      Object.keys(files)
        .filter((f) => f.startsWith(`${dir}/`))
        .map((f) => f.slice(dir.length + 1)),
    read: (f) => {
      if (!(f in files)) throw new Error("ENOENT");
      return files[f];
    },
  };
}

const ROOT_SPEC = `apiVersion: readiness/v1
system: { name: shop }
environments:
  prod: { backends: [grafana], paging: true }
services:
  - { id: gateway, name: Gateway, tier: internal }
include: [teams/*.yaml]
`;

describe("a composed spec", () => {
  it("holds the root's and every team file's services, schedules, escalations and sign-offs, in file order", () => {
    const r = load("valid");
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.spec.services.map((s) => s.id)).toEqual(["gateway", "checkout", "search"]);
    expect(r.spec.oncall?.schedules.map((s) => s.id)).toEqual(["platform", "payments"]);
    expect(r.spec.oncall?.escalations.map((e) => e.id)).toEqual(["platform-oncall", "payments-oncall"]);
    expect(r.spec.signoffs.map((s) => s.id)).toEqual(["payments-load-test"]);
    const prod = r.models.prod;
    expect(prod.services.find((s) => s.id === "search")?.heartbeats.map((h) => h.id)).toEqual(["reindex"]);
  });

  it("locates what it finds in a team file at that file's own line and path", () => {
    const r = load("valid");
    if (!r.ok) throw new Error("invalid");
    const at = r.locate(["services", 2, "checks", 0], "InvalidValue", "");
    expect(at).toMatchObject({ file: `${FIX}/valid/teams/search.yaml`, path: "services[0].checks[0]", line: 7 });
    expect(r.locate(["oncall", "schedules", 1], "InvalidValue", "")).toMatchObject({ file: `${FIX}/valid/teams/payments.yaml`, line: 24 });
    expect(r.locate(["services", 0], "InvalidValue", "")).toMatchObject({ file: `${FIX}/valid/readiness.yaml`, line: 26 });
  });

  it("reports a schema problem in a team file at that file's line, with the path inside it", () => {
    const r = load("located-error");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const file = `${FIX}/located-error/teams/payments.yaml`;
    expect(r.diagnostics.map((d) => [d.file, d.line, d.path, d.code])).toEqual([
      [file, 7, "services[0].slos[0].objective", "MissingKey"],
      [file, 8, "services[0].slos[0].objectiv", "UnknownKey"],
    ]);
    expect(r.diagnostics[1].hint).toContain('did you mean "objective"');
  });

  it("rejects an id used in two files, naming both", () => {
    const r = load("duplicate-id");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(1);
    const [d] = r.diagnostics;
    expect(d).toMatchObject({ code: "DuplicateId", file: `${FIX}/duplicate-id/teams/search.yaml`, line: 3, path: "services[0].id" });
    expect(d.message).toBe('duplicate service id "checkout"');
    expect(d.hint).toContain(`${FIX}/duplicate-id/teams/payments.yaml:3:9`);
  });

  it("rejects a glob that matches no file, at the glob", () => {
    const r = load("no-match");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "IncludeMatchedNothing", file: `${FIX}/no-match/readiness.yaml`, line: 29, path: "include[0]" });
  });

  it("rejects root-only keys in a team file, saying where they belong", () => {
    const r = loadModels(ROOT_SPEC, "readiness.yaml", memoryReader({ "teams/a.yaml": "services: []\nrouting:\n  page: { email: a@b.test }\ninclude: [x.yaml]\n" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => [d.file, d.line, d.path, d.code])).toEqual([
      ["teams/a.yaml", 2, "routing", "UnknownKey"],
      ["teams/a.yaml", 4, "include", "UnknownKey"],
    ]);
    expect(r.diagnostics[0].hint).toContain("declared once, in the root spec");
    expect(r.diagnostics[1].hint).toContain("list every glob in the root spec");
  });

  it("rejects a YAML syntax error and an empty file in team files, each in its file", () => {
    const r = loadModels(ROOT_SPEC, "readiness.yaml", memoryReader({ "teams/a.yaml": "services: [\n", "teams/b.yaml": "" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => [d.file, d.code])).toEqual([
      ["teams/a.yaml", "YamlSyntax"],
      ["teams/b.yaml", "EmptySpec"],
    ]);
  });

  it("checks references across files: a team escalation naming a root person resolves, an unknown one is located in the team file", () => {
    const team = "services: []\noncall:\n  escalations:\n    - id: t\n      levels:\n        - { notify: [person:nobody] }\n";
    const spec = ROOT_SPEC.replace("services:", "oncall:\n  timezone: UTC\n  people: [{ id: ana, name: Ana, email: ana@shop.test }]\nservices:");
    const r = loadModels(spec, "readiness.yaml", memoryReader({ "teams/a.yaml": team }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([["teams/a.yaml", 6, "UnknownReference"]]);
    const ok = loadModels(spec, "readiness.yaml", memoryReader({ "teams/a.yaml": team.replace("nobody", "ana") }));
    expect(ok.ok).toBe(true);
  });

  it("without a reader, a spec with include stops with a located error instead of dropping the teams", () => {
    const r = loadModels(ROOT_SPEC, "readiness.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ code: "IncludeUnreadable", line: 7 });
  });
});

describe("include globs", () => {
  it.each([
    ["teams/*.yaml", "teams/a.yaml", true],
    ["teams/*.yaml", "teams/.hidden.yaml", false],
    ["teams/*.yaml", "teams/x/a.yaml", false],
    ["teams/**/*.yaml", "teams/x/y/a.yaml", true],
    ["teams/**/*.yaml", "teams/a.yaml", true],
    ["team-?.yaml", "team-a.yaml", true],
    ["a.b.yaml", "aXb.yaml", false],
  ])("%s against %s: %s", (pattern, file, expected) => {
    expect(compileGlob(pattern).test(file)).toBe(expected);
  });
});

describe("the JSON Schema", () => {
  it("describes team files under $defs.includedFile, and the root's include list", () => {
    const schema = JSON.parse(jsonSchemaText());
    expect(Object.keys(schema.$defs.includedFile.properties).sort()).toEqual(["apiVersion", "oncall", "services", "signoffs"]);
    expect(schema.$defs.includedFile.additionalProperties).toBe(false);
    expect(schema.properties.include.type).toBe("array");
  });
});

describe("commands on a composed spec", () => {
  function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((done) => {
      execFile(process.execPath, [path.join(ROOT, "bin", "readiness.js"), ...args], { cwd: ROOT, env: { ...process.env, READINESS_DEBUG: "" } }, (err, stdout, stderr) => {
        done({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
      });
    });
  }
  const file = `${FIX}/valid/readiness.yaml`;
  let results: { code: number; stdout: string; stderr: string }[] = [];
  beforeAll(async () => {
    results = await Promise.all([
      run(["plan", "--env", "prod", "--file", file]),
      run(["audit", "--env", "prod", "--file", file]),
      run(["validate", `${FIX}/located-error/readiness.yaml`]),
    ]);
  }, 60_000);

  it("plan includes every team's resources", () => {
    const [plan] = results;
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("checkout/checkout-slos");
    expect(plan.stdout).toContain("search/health");
  });

  it("audit points a finding about a team's service into that team's file", () => {
    const audit = results[1];
    expect(audit.stdout).toMatch(new RegExp(`${FIX}/valid/teams/payments.yaml:3:5 \\[error\\] runbook-missing: service checkout`));
  });

  it("validate exits 1 naming the team file and line", () => {
    const v = results[2];
    expect(v.code).toBe(1);
    expect(v.stderr).toContain(`${FIX}/located-error/teams/payments.yaml:8:9 services[0].slos[0].objectiv: unknown key "objectiv"`);
    expect(v.stderr).toContain("2 problems in fixtures/composed/located-error/readiness.yaml and the files it includes");
  });
});

describe("the glob matcher", () => {
  /** The regular-expression translation globs had before (backtracking), as the oracle of what matches. */
  function oracle(pattern: string): RegExp {
    const segments = pattern.split("/").filter((s) => s !== "" && s !== ".");
    let re = "^";
    segments.forEach((seg, i) => {
      const last = i === segments.length - 1;
      if (seg === "**") {
        re += last ? "(?:[^/.][^/]*(?:/[^/.][^/]*)*)?" : "(?:[^/.][^/]*/)*";
        return;
      }
      let part = [...seg].map((ch) => (ch === "*" ? "[^/]*" : ch === "?" ? "[^/]" : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
      if (seg.startsWith("*") || seg.startsWith("?")) part = `(?!\\.)${part}`;
      re += part + (last ? "" : "/");
    });
    return new RegExp(`${re}$`);
  }

  it("matches exactly what the regular-expression translation matched, on short patterns and paths", () => {
    const segment = (chars: string) => fc.stringMatching(new RegExp(`^[${chars}]{1,4}$`));
    const patternSeg = fc.oneof(segment("ab.*?"), fc.constant("**"));
    fc.assert(
      fc.property(fc.array(patternSeg, { minLength: 1, maxLength: 4 }), fc.array(segment("ab."), { minLength: 1, maxLength: 5 }), (p, f) => {
        const pattern = p.join("/");
        const file = f.join("/");
        expect(compileGlob(pattern).test(file)).toBe(oracle(pattern).test(file));
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses a pattern that is too long or has too many **, and a located error says so", () => {
    expect(() => compileGlob(`${"a/".repeat(300)}x.yaml`)).toThrow(/over the limit of 512/);
    expect(() => compileGlob(`${"**/".repeat(12)}*.yaml`)).toThrow(/12 "\*\*" segments, over the limit of 4/);
    const r = loadModels(ROOT_SPEC.replace("teams/*.yaml", `"${"**/".repeat(12)}*.yaml"`), "readiness.yaml", memoryReader({ "teams/a.yaml": "services: []\n" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([[7, "IncludeGlobTooComplex"]]);
  });
});
