/**
 * Spec text cannot forge a line of `readiness audit`: a summary or a status page title holding a
 * line break stays on its row of the table and its finding line, shown as `\n`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");

it("keeps spec text with line breaks on its own row and finding line", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "audit-one-line-"));
  try {
    const text = readFileSync(path.join(ROOT, "readiness.yaml"), "utf8")
      .replace(/(\n\s+summary: ).*/, '$1"X\\nFORGED: summary"')
      .replace(/(\nstatusPage:\n(?:.*\n)*?\s+title: ).*/, '$1"T\\nFORGED: title"');
    expect(text).toContain("FORGED: summary");
    expect(text).toContain("FORGED: title");
    writeFileSync(path.join(dir, "readiness.yaml"), text);
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "readiness.js"), "audit", "--env", "prod"], { cwd: dir, encoding: "utf8" });
    expect(r.stdout).toContain("X\\nFORGED: summary");
    expect(r.stdout).toContain("T\\nFORGED: title");
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/^FORGED/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
