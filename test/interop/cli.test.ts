/**
 * The new commands as a user runs them (a real process from bin/readiness.js): import lists what
 * it leaves behind on stderr as file:line and exits 1 on input it cannot read; the exports print
 * configurations; a bad --format is a clear error, not a stack trace.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "readiness.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, READINESS_DEBUG: "" }, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe("readiness import and the self-hosted exports", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "readiness-import-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("import sloth prints services and lists what it left behind with file:line", async () => {
    const r = await run(["import", "sloth", "fixtures/import/sloth.yaml"]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout).services[0].slos[0].id).toBe("requests-availability");
    expect(r.stderr).toContain("not carried over: fixtures/import/sloth.yaml:29: requests-latency-raw: a raw error-ratio SLI");
  });

  it("import openslo --into merges into a spec that then validates, and refuses to merge twice", async () => {
    const spec = path.join(dir, "readiness.yaml");
    copyFileSync(path.join(ROOT, "readiness.yaml"), spec);
    const first = await run(["import", "openslo", "fixtures/import/openslo.yaml", "--into", spec]);
    expect(first.code).toBe(0);
    expect(readFileSync(spec, "utf8")).toContain("  - id: checkout");
    expect((await run(["validate", spec])).code).toBe(0);
    const again = await run(["import", "openslo", "fixtures/import/openslo.yaml", "--into", spec]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("services checkout: already has an SLO availability; not replaced");
  });

  it("import of a missing file or a foreign document exits 1 with a located message", async () => {
    const missing = await run(["import", "sloth", "no-such-file.yaml"]);
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toContain("no-such-file.yaml: no such file");
    const foreign = await run(["import", "openslo", "fixtures/import/sloth.yaml"]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain("fixtures/import/sloth.yaml:2: not an OpenSLO document");
    expect(foreign.stderr).not.toContain("    at ");
  });

  it("export alertmanager, blackbox and openslo print configurations; a bad --format is an error", async () => {
    const am = await run(["export", "alertmanager", "--env", "prod", "--pagerduty-key-dir", "/k"]);
    expect(am.code).toBe(0);
    expect(parse(am.stdout).receivers.map((r: { name: string }) => r.name)).toContain("page/billing-api");
    const bb = await run(["export", "blackbox", "--env", "prod", "--prometheus-config", "--rule-file", "rules.yml"]);
    expect(parse(bb.stdout)).toMatchObject({ rule_files: ["rules.yml"] });
    const os = await run(["export", "openslo", "--env", "prod"]);
    expect(os.stdout).toContain("kind: SLO");
    // The latency SLO is exported too, as its threshold bucket over the histogram's count.
    expect(os.stderr).not.toContain("not exported");
    expect(os.stdout).toContain('http_request_duration_seconds_bucket{service="billing-api", le="0.8"}');
    const bad = await run(["export", "prometheus", "--env", "prod", "--format", "xml"]);
    expect(bad).toMatchObject({ code: 1, stdout: "" });
    expect(bad.stderr).toContain('--format: expected rules or prometheusrule, got "xml"');
  });
});
