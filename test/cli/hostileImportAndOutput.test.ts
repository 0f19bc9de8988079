/**
 * `import` and the outputs attacked as real processes (time and heap bound, see
 * test/support/hostileCli.ts): devices, pipes, oversized and billion-laughs files given to
 * `import`, a read-only `--into` spec; spec text built to forge lines in `validate` and `plan`,
 * a bundle README built to forge Markdown, a `javascript:` runbook, and `--out` under /proc.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expectCleanRejection, hostileCli } from "../support/hostileCli";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLE = readFileSync(path.join(ROOT, "readiness.yaml"), "utf8");
const tmp = mkdtempSync(path.join(os.tmpdir(), "readiness-hostile-import-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const run = (args: string[], timeoutMs?: number) => hostileCli(args, ROOT, timeoutMs);

describe("import reads only bounded regular files", () => {
  it.each([
    ["/dev/zero", /\/dev\/zero: is a device, not a regular file/],
    [os.tmpdir(), /is a directory, not a regular file/],
  ])("import sloth %s stops at once", (p, msg) => expectCleanRejection(run(["import", "sloth", p]), msg));

  it("a FIFO is refused without waiting for a writer", () => {
    const fifo = path.join(tmp, "slo.fifo");
    spawnSync("mkfifo", [fifo]);
    expectCleanRejection(run(["import", "openslo", fifo], 20_000), /slo\.fifo: is a pipe \(FIFO\), not a regular file/);
  });

  it("a 10 MB file is refused by the size limit", () => {
    const big = file("big.yaml", "");
    truncateSync(big, 10 * 1024 * 1024);
    expectCleanRejection(run(["import", "sloth", big]), /big\.yaml: 10485760 bytes is over the limit of 8388608 bytes/);
  });

  it("a billion-laughs document is a located error, not an internal error", () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    expectCleanRejection(run(["import", "sloth", file("laughs.yaml", lines.join("\n"))]), /laughs\.yaml:1: cannot be read: .*alias/i);
  });

  it("--into leaves a read-only spec as it was, through attest's writer", () => {
    const spec = path.join(tmp, "readonly.yaml");
    copyFileSync(path.join(ROOT, "readiness.yaml"), spec);
    chmodSync(spec, 0o444);
    const before = readFileSync(spec, "utf8");
    expectCleanRejection(run(["import", "sloth", "fixtures/import/sloth.yaml", "--into", spec]), /readonly\.yaml: is read-only; not written/);
    expect(readFileSync(spec, "utf8")).toBe(before);
  });
});

describe("spec text cannot forge output", () => {
  const FORGED = "Billing\\nFORGED: all checks passed\\r\\u001b[2J\\u202e";

  it("a service name with line breaks and escapes is refused in plan on one escaped line (PagerDuty refuses it too)", () => {
    const spec = file("names.yaml", EXAMPLE.replace(/\n    name: [^\n]+/, `\n    name: "${FORGED}"`));
    const r = run(["plan", "--env", "prod", "-f", spec]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/names\.yaml:\d+:\d+ services\[0\]\.name: PagerDuty refuses the service name "Billing\\nFORGED: all checks passed\\r\\u001b\[2J\\u202e"/);
    expect(r.stderr).not.toMatch(/^FORGED/m);
    expect(r.stderr).not.toMatch(/[\u001b\u202e\r]/);
  });

  it("an unknown key with a line break is one diagnostic line in validate", () => {
    const spec = file("key.yaml", EXAMPLE.replace("system:\n", `system:\n  "x\\nFORGED: 0 problems": 1\n`));
    const r = run(["validate", "-f", spec]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/key\.yaml:\d+:\d+ .*unknown key "x\\nFORGED: 0 problems"/);
    expect(r.stderr).not.toMatch(/^FORGED/m);
  });

  it("statuspage build escapes the title in the bundle's README.md", () => {
    const spec = file("title.yaml", EXAMPLE.replace("title: Acme Billing status", 'title: "Acme\\u001b[2J\\u0007\\r\\n| forged | row |\\n<img src=x onerror=alert(1)>"'));
    const out = path.join(tmp, "bundle");
    const r = run(["statuspage", "build", "--env", "prod", "--out", out, "-f", spec]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const readme = readFileSync(path.join(out, "README.md"), "utf8");
    const first = readme.split("\n")[0];
    expect(first).toMatch(/^# Acme.*\(prod\)$/);
    expect(readme).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(readme).not.toContain("<img");
    expect(readme).not.toMatch(/^\| forged/m);
  });

  it.each([["javascript:alert(1)//"], ["data:text/html,<script>alert(1)</script>"], ["JAVASCRIPT:alert(1)"]])("runbook %s is refused, located", (runbook) => {
    const spec = file("runbook.yaml", EXAMPLE.replace("runbook: billing-api.md", `runbook: ${JSON.stringify(runbook)}`));
    expectCleanRejection(run(["validate", "-f", spec]), /runbook\.yaml:\d+:\d+ services\[0\]\.runbook: expected a path relative to system\.runbookBase or an https:\/\/ URL/);
  });

  it("statuspage build --out /proc/x ends at once instead of spinning", () => {
    expectCleanRejection(run(["statuspage", "build", "--env", "prod", "--out", "/proc/readiness-x/y"], 20_000), /--out \/proc\/readiness-x\/y: cannot create the directory \(ENOENT\)/);
  });
});
