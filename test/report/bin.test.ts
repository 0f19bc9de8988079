import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { attestSpecText } from "../../report/attestSpecText";
import { exampleText } from "../support/example";
import { tempDir } from "../support/tempDir";

const BIN = path.join(__dirname, "..", "..", "bin", "readiness.js");

function readiness(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the installed `readiness report --strict` as a release pipeline runs it", () => {
  const dir = tempDir("readiness-bin-");
  const open = path.join(dir, "open.yaml");
  writeFileSync(open, exampleText());
  let text = exampleText();
  for (const id of ["backup-runbook", "charge-failure-runbook", "oncall-rotation", "slo-definitions", "status-page", "support-macros"]) {
    const r = attestSpecText(text, id, { by: "dana@acme.test", at: "2026-11-20" });
    if (!r.ok) throw new Error(r.error);
    text = r.text;
  }
  const done = path.join(dir, "done.yaml");
  writeFileSync(done, text);

  test("exits 1 and names the count while GA-blocking gates are open", () => {
    const r = readiness(["report", "--file", open, "--now", "2026-11-23", "--strict", "--format", "markdown"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("5 GA-blocking items are still outstanding in prod");
    expect(r.stdout).toContain("**5 GA-blocking items are still outstanding.**");
  });

  test("exits 0 once every GA-blocking gate is attested", () => {
    const r = readiness(["report", "--file", done, "--now", "2026-11-23", "--strict", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ gaBlockingOutstanding: 0, signedOff: 6, neverSignedOff: 1 });
  });
});
