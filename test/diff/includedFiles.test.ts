/**
 * A spec composed of team files (`include:`) under review: `readiness diff` reads the team files at
 * the base ref too and names the file each change came from; `readiness attest` records a sign-off
 * in the team file that holds it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURE = path.join(ROOT, "fixtures", "composed", "valid");
const BIN = path.join(ROOT, "bin", "readiness.js");
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.test" };

describe("readiness diff and attest with included team files", () => {
  let repo: string;
  const readiness = (...args: string[]) => spawnSync("node", [BIN, ...args], { cwd: repo, encoding: "utf8", timeout: 60_000 });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: GIT_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const payments = () => path.join(repo, "teams", "payments.yaml");
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), "readiness-included-"));
    cpSync(FIXTURE, repo, { recursive: true });
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-q", "-m", "composed spec");
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("an unchanged composed spec diffs clean against HEAD (the team files are read at HEAD, not missing)", () => {
    const r = readiness("diff", "--env", "prod", "--exit-code", "--now", "2026-03-16");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("No changes.");
  }, 60_000);

  it("names the team file of a changed, an added and a removed item, in text, markdown and json", () => {
    const original = readFileSync(payments(), "utf8");
    const searchFile = path.join(repo, "teams", "search.yaml");
    const search = readFileSync(searchFile, "utf8");
    try {
      writeFileSync(payments(), original.replace("objective: 99.9", "objective: 99.95").replace("members: [ben, ana]", "members: [ana, ben]"));
      writeFileSync(searchFile, search.replace("      - id: reindex", "      - id: reindex-v2"));
      const text = readiness("diff", "--env", "prod", "--base", "HEAD", "--now", "2026-03-16");
      expect(text.stderr).toBe("");
      expect(text.stdout).toContain("~ slo checkout/availability (teams/payments.yaml)");
      expect(text.stdout).toMatch(/~ schedule payments.* \(teams\/payments\.yaml\)/);
      expect(text.stdout).toContain("+ heartbeat search/reindex-v2 added (teams/search.yaml)");
      expect(text.stdout).toContain("- heartbeat search/reindex removed (teams/search.yaml)");
      // The root spec's own items name no file.
      expect(text.stdout).not.toContain("(readiness.yaml)");
      const md = readiness("diff", "--env", "prod", "--format", "markdown", "--now", "2026-03-16");
      expect(md.stdout).toContain("`~ slo checkout/availability (teams/payments.yaml)`");
      const json = JSON.parse(readiness("diff", "--env", "prod", "--format", "json", "--now", "2026-03-16").stdout);
      expect(json.semantic.find((c: { subject: string }) => c.subject === "checkout/availability").file).toBe("teams/payments.yaml");
    } finally {
      writeFileSync(payments(), original);
      writeFileSync(searchFile, search);
    }
  }, 120_000);

  it("attest records a sign-off declared in a team file in that file, leaving the root spec alone", () => {
    const rootBefore = readFileSync(path.join(repo, "readiness.yaml"), "utf8");
    const r = readiness("attest", "payments-load-test", "--by", "ana@shop.test", "--at", "2026-03-01");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("teams/payments.yaml: recorded sign-off payments-load-test.");
    expect(readFileSync(path.join(repo, "readiness.yaml"), "utf8")).toBe(rootBefore);
    expect(readFileSync(payments(), "utf8")).toMatch(/id: payments-load-test[\s\S]*attested:[\s\S]*by: ana@shop\.test/);
    expect(readiness("validate").status).toBe(0);
    expect(readiness("attest", "no-such-signoff", "--by", "ana@shop.test").stderr).toContain('unknown sign-off "no-such-signoff"');
  }, 60_000);
});
