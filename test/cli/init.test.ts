/** `readiness init` gives a newcomer a spec that already validates, plans and audits, and never clobbers one. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadModels } from "../../specification/loadModels";
import { STARTER_SPEC } from "../../specification/starter";

const BIN = path.join(__dirname, "..", "..", "bin", "readiness.js");
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });

describe("readiness init", () => {
  it("writes a commented starter spec that validates in every environment", () => {
    const r = loadModels(STARTER_SPEC, "readiness.yaml");
    if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.path}: ${d.message}`).join("\n"));
    expect(Object.keys(r.models).sort()).toEqual(["prod", "staging"]);
    expect(r.models.prod.services[0]).toMatchObject({ id: "api", slos: [expect.objectContaining({ id: "availability" })] });
    expect(STARTER_SPEC.split("\n").filter((l) => l.includes("#")).length).toBeGreaterThan(10);
  });

  it("writes the file from the CLI, which then validates and plans", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "readiness-init-"));
    const init = run(["init"], dir);
    expect(init.status).toBe(0);
    expect(readFileSync(path.join(dir, "readiness.yaml"), "utf8")).toBe(STARTER_SPEC);
    expect(run(["validate"], dir).status).toBe(0);
    const audit = run(["audit", "--env", "prod"], dir);
    expect(audit.status).toBe(0);
    expect(audit.stdout).toMatch(/Findings: 0 errors, 1 warning/);
    expect(audit.stdout).toContain("watchdog-no-switch");
    expect(execFileSync(process.execPath, [BIN, "plan", "--env", "staging"], { cwd: dir, encoding: "utf8" })).toMatch(/Plan for staging: \d+ resources/);
  });

  it("refuses to overwrite an existing spec", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "readiness-init-"));
    writeFileSync(path.join(dir, "readiness.yaml"), "mine\n");
    const r = run(["init"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("readiness.yaml: already exists; not overwritten");
    expect(readFileSync(path.join(dir, "readiness.yaml"), "utf8")).toBe("mine\n");
  });
});
