import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EXAMPLE_FILE } from "../support/example";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "readiness.js");
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.test" };
const SECRET_VALUE = "v1:NEVER-PRINT-THIS-VALUE";

function readiness(cwd: string, ...args: string[]) {
  const r = spawnSync("node", [BIN, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function git(cwd: string, ...args: string[]) {
  return execFileSync("git", args, { cwd, env: GIT_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe("readiness diff in a git repository", () => {
  let repo: string;
  let dir: string;
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), "readiness-diff-"));
    dir = path.join(repo, "monitoring");
    git(repo, "init", "-q", "-b", "main");
    writeFileSync(path.join(repo, "README.md"), "before the spec\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "no spec yet");
    git(repo, "tag", "before-spec");
    execFileSync("mkdir", [dir]);
    copyFileSync(EXAMPLE_FILE, path.join(dir, "readiness.yaml"));
    for (const env of ["staging", "prod"]) {
      const stack = readFileSync(path.join(ROOT, `Pulumi.${env}.yaml`), "utf8");
      // Staging gets a zone like prod, so both serve their status page and compare on the spec alone
      // (without one, staging has no status page check or watchdog: test/specification/statusPageServed.test.ts).
      const zone = env === "staging" ? "  readiness:cloudflareZoneId: zone-staging\n" : "";
      writeFileSync(path.join(dir, `Pulumi.${env}.yaml`), `${stack}${zone}  pagerduty:token:\n    secure: ${SECRET_VALUE}\n`);
    }
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "spec");
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  test("an unchanged spec gives an empty diff and exit 0 with --exit-code", () => {
    const r = readiness(dir, "diff", "--env", "prod", "--exit-code", "--now", "2026-03-16");
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain("No changes.");
  });

  test("--base HEAD shows an edit and exits 2 with --exit-code, in every format, without the secret", () => {
    const file = path.join(dir, "readiness.yaml");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace("objective: 99.9 ", "objective: 99.95 ").replace("members: [ana, ben, chen]", "members: [ana, ben, chen, dana]"));
    try {
      const text = readiness(dir, "diff", "--env", "prod", "--base", "HEAD", "--exit-code", "--now", "2026-03-16");
      expect(text.code).toBe(2);
      expect(text.out).toContain("against HEAD:monitoring/readiness.yaml");
      expect(text.out).toContain("objective: 99.9% -> 99.95%");
      expect(text.out).toContain("members: ana, ben, chen -> ana, ben, chen, dana");
      expect(text.out).toMatch(/~ pagerduty:Schedule billing-primary\n\s+layers\[0\]/);
      const md = readiness(dir, "diff", "--env", "prod", "--format", "markdown", "--now", "2026-03-16");
      expect(md.code).toBe(0);
      expect(md.out).toContain("| slo | 0 | 0 | 1 |");
      const json = JSON.parse(readiness(dir, "diff", "--env", "prod", "--format", "json", "--now", "2026-03-16").out);
      expect(json.semantic.find((c: { kind: string }) => c.kind === "schedule").onCall.rows.length).toBeGreaterThan(1);
      for (const out of [text.out, md.out, JSON.stringify(json)]) expect(out).not.toContain(SECRET_VALUE);
    } finally {
      writeFileSync(file, original);
    }
  });

  test("--base on a ref without the spec treats everything as added and says so", () => {
    const r = readiness(dir, "diff", "--env", "prod", "--base", "before-spec", "--format", "json", "--now", "2026-03-16");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.notes).toEqual(["readiness.yaml does not exist at before-spec: everything is new"]);
    expect(new Set(j.semantic.map((c: { action: string }) => c.action))).toEqual(new Set(["added"]));
    expect(new Set(j.resources.map((c: { action: string }) => c.action))).toEqual(new Set(["create"]));
  });

  test("an unknown ref is a clear error with exit 1", () => {
    const r = readiness(dir, "diff", "--env", "prod", "--base", "no-such-branch");
    expect(r.code).toBe(1);
    expect(r.err).toContain("--base no-such-branch: no such commit");
  });

  test("--against compares two environments of the same spec", () => {
    const r = readiness(dir, "diff", "--env", "staging", "--against", "prod", "--exit-code", "--now", "2026-03-16");
    expect(r.code).toBe(2);
    expect(r.out).toContain("readiness diff: staging against environment prod");
    expect(r.out).toContain("paging: on -> off");
  });

  test("--against folds differences that are only the environment's name into one line and keeps the real ones", () => {
    const r = readiness(dir, "diff", "--env", "prod", "--against", "staging", "--format", "json", "--now", "2026-03-16");
    const d = JSON.parse(r.out) as { notes: string[]; semantic: { subject: string; fields: { before?: string; after?: string }[] }[]; resources: { changes: { before?: unknown; after?: unknown }[] }[] };
    expect(d.notes.join("\n")).toMatch(/^\d+ differences only in the environment's name \(staging -> prod/m);
    // Nothing left differs only by the name: labels, uids, titles and env:staging queries are folded.
    const onlyName = (b: unknown, a: unknown) => typeof b === "string" && typeof a === "string" && b.split("staging").join("prod") === a;
    expect(d.semantic.flatMap((c) => c.fields).filter((f) => onlyName(f.before, f.after))).toEqual([]);
    expect(d.resources.flatMap((x) => x.changes).filter((c) => onlyName(c.before, c.after))).toEqual([]);
    // Real differences stay: paging, and the page severity it brings.
    expect(d.semantic.map((c) => c.subject)).toContain("billing-api/availability/page-fast");
    const text = readiness(dir, "diff", "--env", "prod", "--against", "staging", "--now", "2026-03-16").out;
    expect(text).toContain("paging: off -> on");
    expect(text.split("\n").length).toBeLessThan(250);
  });
});
