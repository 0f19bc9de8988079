/**
 * The plan depends only on the spec and the stack config: the same readiness.yaml (with its
 * Pulumi.<env>.yaml beside it) gives byte-identical `readiness plan` output however its path is
 * spelled and from whatever directory the command runs, here or copied elsewhere.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "readiness.js");

function plan(cwd: string, file: string, env: string, format: string): string {
  const r = spawnSync("node", [BIN, "plan", "--env", env, "--format", format, "--file", file], { cwd, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`readiness plan --file ${file} in ${cwd} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

describe("the plan is independent of the spec's path and the working directory", () => {
  let elsewhere: string;
  beforeAll(() => {
    elsewhere = mkdtempSync(path.join(os.tmpdir(), "readiness-path-"));
    mkdirSync(path.join(elsewhere, "deep", "er"), { recursive: true });
    for (const f of ["readiness.yaml", "Pulumi.prod.yaml", "Pulumi.staging.yaml"]) copyFileSync(path.join(ROOT, f), path.join(elsewhere, f));
  });
  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  test.each([["prod", "json"], ["staging", "json"]])("%s as %s: every spelling and directory gives the same bytes", (env, format) => {
    const reference = plan(ROOT, "readiness.yaml", env, format);
    const spellings: [string, string][] = [
      [ROOT, "./readiness.yaml"],
      [ROOT, path.join(ROOT, "readiness.yaml")],
      [path.join(ROOT, "test"), "../readiness.yaml"],
      [os.tmpdir(), path.join(ROOT, ".", "test", "..", "readiness.yaml")],
      [elsewhere, "readiness.yaml"],
      [path.join(elsewhere, "deep", "er"), "../../readiness.yaml"],
    ];
    expect(reference.length).toBeGreaterThan(1000);
    for (const [cwd, file] of spellings) expect({ cwd, file, same: plan(cwd, file, env, format) === reference }).toEqual({ cwd, file, same: true });
    // Nothing of where it ran is in it.
    expect(reference).not.toContain(ROOT);
    expect(reference).not.toContain(os.hostname());
  });
});
