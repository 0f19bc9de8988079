/**
 * The CLI fed hostile input, as real processes: devices, pipes, directories, oversized files, alias
 * bombs, random bytes and mutated specs, output paths that are files, devices or links, malformed
 * stack config holding secrets, and spec text carrying escape sequences, HTML and credentials.
 * Every mistake must end in exit 1 with a located message: never a hang (each process has a time
 * bound), never exhausted memory (each runs under a 384 MiB heap, so growth crashes instead of
 * passing), never exit 70, never a stack trace, never a write through a link.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { tempDir } from "../support/tempDir";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "readiness.js");
const EXAMPLE = readFileSync(path.join(ROOT, "readiness.yaml"), "utf8");
const tmp = tempDir("readiness-hostile-");

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function cli(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, ["--max-old-space-size=384", BIN, ...args], { cwd, encoding: "utf8", timeout: 60_000, maxBuffer: 1 << 26, env: { ...process.env, READINESS_DEBUG: "" } });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "", timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT" };
}

/** Ended by itself, exit 1, no internal error and no stack trace, and the message matches `located`. */
function expectCleanRejection(r: Run, located: RegExp): void {
  expect(r.timedOut).toBe(false);
  expect(r.signal).toBeNull();
  expect(r.stderr).not.toMatch(/internal error|^\s+at \S+ \(/m);
  expect(r.stderr).toMatch(located);
  expect(r.code).toBe(1);
}

function file(name: string, text: string | Buffer): string {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe("hostile spec files", () => {
  it.each([
    ["/dev/zero", /\/dev\/zero: is a device, not a regular file/],
    ["/dev/null", /\/dev\/null: is a device/],
    [os.tmpdir(), /is a directory, not a regular file/],
  ])("validate -f %s stops at once", (p, msg) => expectCleanRejection(cli(["validate", "-f", p]), msg));

  it("a FIFO is refused without waiting for a writer", () => {
    const fifo = path.join(tmp, "spec.fifo");
    spawnSync("mkfifo", [fifo]);
    expectCleanRejection(cli(["validate", "-f", fifo]), /spec\.fifo: is a pipe \(FIFO\), not a regular file/);
  });

  it("a file over the size limit is refused with the limit named", () => {
    const big = file("big.yaml", "");
    truncateSync(big, 9 * 1024 * 1024);
    expectCleanRejection(cli(["validate", "-f", big]), /big\.yaml: 9437184 bytes is over the limit of 8388608 bytes/);
  });

  it("98 aliases of a 5,000-item list are refused by resolved size, located", () => {
    const items = Array.from({ length: 5000 }, (_, i) => `  - {title: p${i}, kind: stat}`).join("\n");
    const spec = file("aliases.yaml", `apiVersion: readiness/v1\nx: &a\n${items}\ny:\n${"  - *a\n".repeat(98)}`);
    expectCleanRejection(cli(["plan", "--env", "prod", "-f", spec]), /aliases\.yaml:\d+:\d+ aliases expand this spec from \d+ to over \d+ values/);
  });

  it("a billion-laughs document is refused, located", () => {
    const lines = ["apiVersion: readiness/v1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    expectCleanRejection(cli(["validate", "-f", file("laughs.yaml", lines.join("\n"))]), /laughs\.yaml:\d+:\d+ /);
  });

  it("deeply nested flow collections are a located error, not a crash", () => {
    expectCleanRejection(cli(["validate", "-f", file("deep.yaml", `${"[".repeat(20000)}${"]".repeat(20000)}`)]), /deep\.yaml:\d+:\d+ /);
  });

  it("random bytes and mutated specs: exit 0 or 1, never a crash, a hang or a stack trace", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
          fc.tuple(fc.nat(EXAMPLE.length), fc.nat(400), fc.string({ maxLength: 40 })).map(([at, cut, ins]) => Buffer.from(EXAMPLE.slice(0, at) + ins + EXAMPLE.slice(at + cut))),
        ),
        (bytes) => {
          const r = cli(["validate", "-f", file("random.yaml", bytes)]);
          expect(r.timedOut).toBe(false);
          expect(r.signal).toBeNull();
          expect(r.stderr).not.toMatch(/internal error|^\s+at \S+ \(/m);
          expect([0, 1]).toContain(r.code);
          if (r.code === 1) expect(r.stderr).toMatch(/random\.yaml(:\d+:\d+)? /);
        },
      ),
      { numRuns: 12, seed: 14 },
    );
  });
});

describe("hostile output paths: statuspage build --out", () => {
  it.each([
    ["an existing file", () => file("existing.txt", "keep me"), /existing\.txt: is an existing file; give a directory/],
    ["an empty name", () => "", /--out: the directory name is empty/],
    ["a device", () => "/dev/null", /\/dev\/null: is a device; give a directory/],
  ])("%s is a clear exit 1", (_, target, msg) => expectCleanRejection(cli(["statuspage", "build", "--env", "prod", "--out", target()]), msg));

  it("a worker.js symlink in the output folder is not written through", () => {
    const dir = path.join(tmp, "out-link");
    mkdirSync(dir);
    const victim = file("victim.txt", "do not overwrite");
    symlinkSync(victim, path.join(dir, "worker.js"));
    expectCleanRejection(cli(["statuspage", "build", "--env", "prod", "--out", dir]), /worker\.js: is a symbolic link; readiness writes only regular files/);
    expect(readFileSync(victim, "utf8")).toBe("do not overwrite");
    expect(lstatSync(path.join(dir, "worker.js")).isSymbolicLink()).toBe(true);
  });
});

describe("stack config and spec text reaching outputs", () => {
  /** A project folder with the example spec and the given Pulumi.prod.yaml. */
  function project(name: string, stackYaml: string, spec = EXAMPLE): string {
    const dir = path.join(tmp, name);
    mkdirSync(dir);
    writeFileSync(path.join(dir, "readiness.yaml"), spec);
    writeFileSync(path.join(dir, "Pulumi.prod.yaml"), stackYaml);
    if (existsSync(path.join(ROOT, "readiness.schema.json"))) copyFileSync(path.join(ROOT, "readiness.schema.json"), path.join(dir, "readiness.schema.json"));
    return dir;
  }

  it("a malformed Pulumi.<env>.yaml with a duplicated secret is located and prints neither value", () => {
    const dir = project("dup", "config:\n  grafana:auth: s3cret-one\n  grafana:auth: s3cret-two\n");
    const r = cli(["plan", "--env", "prod"], dir);
    expectCleanRejection(r, /Pulumi\.prod\.yaml:3:3: malformed stack configuration/);
    expect(r.stdout + r.stderr).not.toMatch(/s3cret/);
  });

  it("credentials in grafana:url never print, in any plan format", () => {
    const dir = project("creds", "config:\n  grafana:url: https://admin:hunter2@acme.grafana.net/\n");
    for (const format of ["text", "json", "markdown"]) {
      const r = cli(["plan", "--env", "prod", "--format", format], dir);
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/hunter2|admin:/);
    }
  });

  it("escape sequences, HTML and javascript: links in spec text are neutralised in text and markdown", () => {
    const evil = '"Ana\\e[2J\\rforged line <img src=x onerror=alert(1)> [x](javascript:alert(1))"';
    const spec = EXAMPLE.replace("name: Ana Diaz,", `name: ${evil},`).replace(
      "title: External status page configured, monitored and merchant-accessible",
      `title: ${evil.replace("Ana", "Status page")}`,
    );
    expect(spec).not.toBe(EXAMPLE);
    const dir = project("escapes", "config: {}\n", spec);
    for (const args of [["validate"], ["audit", "--env", "prod"], ["audit", "--env", "prod", "--format", "markdown"], ["report", "--format", "markdown"]]) {
      const r = cli(args, dir);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.stdout).toMatch(/Ana|Status page|ana, ben/); // the output did render (the spec loaded)
      expect(r.stdout + r.stderr).not.toMatch(/[\u001b\u0007\r]/);
      if (args.includes("markdown")) expect(r.stdout).not.toMatch(/<img|\]\(javascript:/i);
    }
  });
});
