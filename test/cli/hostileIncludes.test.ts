/**
 * `include:` attacked as real processes: paths that climb out of the repository, absolute paths,
 * symlinked team folders and files, a committed git symlink read by `diff --base`, an oversized
 * team file, and globs built to backtrack. Each is refused with a located error that prints
 * nothing of the foreign file, or finishes quickly, within a time and heap bound.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expectCleanRejection, hostileCli } from "../support/hostileCli";

const FIXTURE = path.join(__dirname, "..", "..", "fixtures", "composed", "valid");
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.test" };
/** What must never reach the output: a key and a value of the file outside the repository. */
const FOREIGN = "aws_secret_access_key: ZZTOPSECRETZZ\n";

describe("include: stays in the repository", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "readiness-includes-"));
  const repo = path.join(tmp, "repo");
  const rootText = readFileSync(path.join(FIXTURE, "readiness.yaml"), "utf8");
  const withIncludes = (globs: string[]) => writeFileSync(path.join(repo, "readiness.yaml"), rootText.replace("include:\n  - teams/*.yaml", `include:\n${globs.map((g) => `  - ${JSON.stringify(g)}`).join("\n")}`));
  const validate = (timeoutMs?: number) => hostileCli(["validate"], repo, timeoutMs);
  const expectNothingForeign = (r: { stdout: string; stderr: string }) => {
    expect(r.stdout + r.stderr).not.toMatch(/aws_secret_access_key|ZZTOPSECRETZZ|HOME=|PATH=/);
  };

  beforeEach(() => {
    rmSync(tmp, { recursive: true, force: true });
    cpSync(FIXTURE, repo, { recursive: true });
    mkdirSync(path.join(tmp, "outside"));
    writeFileSync(path.join(tmp, "outside", "creds.yaml"), FOREIGN);
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("the fixture itself validates (the attacks below change only what they say)", () => {
    const r = validate();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it.each([["../outside/creds.yaml"], ["../outside/*.yaml"], ["../../etc/passwd"], ["/proc/self/environ"], ["/etc/*"], ["teams/../../outside/creds.yaml"]])("%s is refused, located, before anything is read", (glob) => {
    withIncludes(["teams/*.yaml", glob]);
    const r = validate();
    expectCleanRejection(r, /readiness\.yaml:\d+:\d+ include\[1\].* reaches outside the root spec's folder \(the current folder\); it is not read/);
    expectNothingForeign(r);
  });

  it("a symlinked team folder pointing out of the repository is refused", () => {
    rmSync(path.join(repo, "teams"), { recursive: true });
    symlinkSync(path.join(tmp, "outside"), path.join(repo, "teams"));
    const r = validate();
    expectCleanRejection(r, /readiness\.yaml:\d+:\d+ include\[0\].*matches teams\/creds\.yaml, a link to a file outside/);
    expectNothingForeign(r);
  });

  it("a symlinked team file pointing out of the repository is refused", () => {
    mkdirSync(path.join(repo, "teams", "sub"));
    symlinkSync(path.join(tmp, "outside"), path.join(repo, "teams", "sub", "linked"));
    withIncludes(["teams/*.yaml", "teams/sub/linked/*.yaml"]);
    const r = validate();
    expectCleanRejection(r, /include\[1\].*a link to a file outside/);
    expectNothingForeign(r);
  });

  it("a 60 MB team file is refused by the size limit, not read into memory", () => {
    truncateSync(path.join(repo, "teams", "search.yaml"), 60 * 1024 * 1024);
    expectCleanRejection(validate(), /cannot read teams\/search\.yaml, matched by "teams\/\*\.yaml": 62914560 bytes is over the limit of 8388608 bytes/);
  });

  it("a glob built to backtrack against a long name finishes at once", () => {
    writeFileSync(path.join(repo, "teams", `${"a".repeat(200)}.yaml`), "services: []\n");
    withIncludes(["teams/*.yaml", "teams/*a*a*a*a*a*a*a*a*a*b.yaml"]);
    // Each attack used to run for over 30 s; the bound is far above a normal run's start-up.
    expectCleanRejection(validate(20_000), /include\[1\].*matches no file/);
  });

  it("a pattern with a dozen ** is refused, and four ** against a deep path finish at once", () => {
    const deep = path.join(repo, "teams", ...Array.from({ length: 30 }, (_, i) => `d${i}`));
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(deep, "x.txt"), "");
    withIncludes(["teams/*.yaml", `teams/${"**/".repeat(12)}*.yml`]);
    expectCleanRejection(validate(20_000), /include\[1\].*12 "\*\*" segments, over the limit of 4/);
    withIncludes(["teams/*.yaml", `teams/${"**/a*/".repeat(4)}*.yml`]);
    expectCleanRejection(validate(20_000), /include\[1\].*matches no file/);
  });

  it("diff --base refuses a team file committed as a git symbolic link (mode 120000)", () => {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: GIT_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    git("init", "-q", "-b", "main");
    const team = path.join(repo, "teams", "search.yaml");
    const kept = readFileSync(team, "utf8");
    unlinkSync(team);
    symlinkSync("../../outside/creds.yaml", team);
    git("add", ".");
    git("commit", "-q", "-m", "a team file that is a link");
    unlinkSync(team);
    writeFileSync(team, kept);
    const r = hostileCli(["diff", "--env", "prod", "--base", "HEAD"], repo);
    expectCleanRejection(r, /cannot read teams\/search\.yaml, matched by "teams\/\*\.yaml": is a symbolic link in the commit/);
    expectNothingForeign(r);
  });
});
