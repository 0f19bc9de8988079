/**
 * The `readiness` command as a user runs it: a real process from bin/readiness.js, its exit code,
 * stdout and stderr. Processes start together in beforeAll (a few at a time) because each one
 * pays for transpiling the CLI on start (1-2 s of CPU); that cost is why the invalid corpus is run
 * through the CLI by sample (one fixture per loading stage) and `--help` of each subcommand is
 * checked on the real program in-process, while fixtures.test.ts checks every fixture's diagnostics.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CommanderError } from "commander";
import { parse } from "yaml";
import { buildProgram } from "../../cli/main";

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
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Runs every command line, at most `limit` processes at once. */
async function runAll(commands: Record<string, string[]>, limit = 3): Promise<Map<string, Run>> {
  const out = new Map<string, Run>();
  const queue = Object.entries(commands);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) out.set(next[0], await run(next[1]));
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}

const yamlIn = (dir: string) => readdirSync(path.join(ROOT, "fixtures", dir)).filter((f) => f.endsWith(".yaml")).sort();

/** `# expect: Code path line N` lines of an invalid fixture. */
function expectations(file: string): { code: string; path: string; line: number }[] {
  return readFileSync(path.join(ROOT, "fixtures", "invalid", file), "utf8")
    .split("\n")
    .map((l) => /^# expect: (\w+) (\S+) line (\d+)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ code: m[1], path: m[2] === "-" ? "" : m[2], line: Number(m[3]) }));
}

/**
 * One invalid fixture per stage of loading, each printed by a different path of the loader:
 * YAML syntax, the shape of the top, the schema (several problems), cross-references (several),
 * PromQL.
 */
const invalidSample = ["yaml-syntax.yaml", "empty.yaml", "list-at-top.yaml", "unknown-api-version.yaml", "several-problems.yaml", "several-references.yaml", "invalid-promql-alert.yaml"];
const valid = yamlIn("valid");
const commands = buildProgram().commands.map((c) => c.name());

let results: Map<string, Run>;
beforeAll(async () => {
  results = await runAll({
    // minimal.yaml goes in as a positional argument; the others with --file.
    ...Object.fromEntries(valid.map((f) => [`valid:${f}`, ["validate", ...(f === "minimal.yaml" ? [] : ["--file"]), `fixtures/valid/${f}`]])),
    ...Object.fromEntries(invalidSample.map((f) => [`invalid:${f}`, ["validate", "--file", `fixtures/invalid/${f}`]])),
    "help:": ["--help"],
    "help:validate": ["validate", "--help"],
    missing: ["validate", "--file", "fixtures/no-such-file.yaml"],
    schema: ["schema"],
  });
}, 180_000);

const result = (key: string): Run => {
  const r = results.get(key);
  if (!r) throw new Error(`no run for ${key}`);
  return r;
};
const STACK_LINE = /^\s{4}at /m;

describe("readiness validate on valid specs", () => {
  it.each(valid)("%s exits 0 and prints a summary line for each environment", (file) => {
    const r = result(`valid:${file}`);
    // The one warning a valid spec may get here: no Pulumi.<env>.yaml beside the fixtures sets a
    // Cloudflare zone, so a status page deployed on Cloudflare is served nowhere (statusPageCheck.ts).
    expect(r.stderr.split("\n").filter((l) => l && !/^fixtures\/valid\/[\w.-]+:\d+:\d+ statusPage\.hostname: warning: \S+ is not served in \w+: set readiness:cloudflareZoneId/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(ROOT, "fixtures", "valid", file), "utf8");
    const envs = Object.keys((parse(text) as { environments: Record<string, unknown> }).environments);
    expect(r.stdout.split("\n")[0]).toBe(`fixtures/valid/${file} is valid`);
    for (const env of envs) expect(r.stdout).toMatch(new RegExp(`^${env}: \\d+ services?, \\d+ SLOs? \\(\\d+ burn-rate alerts?\\), \\d+ alerts?, \\d+ checks?( \\(\\d+ automatic: [^)]*\\))?, \\d+ heartbeats?$`, "m"));
  });

  it("says who a page reaches in the example's production and that staging pages nobody", () => {
    const out = result("valid:example.yaml").stdout;
    expect(out).toContain("pages reach Ana Diaz, Ben Okafor, Chen Wei, Dana Ruiz");
    expect(out).toContain("nobody is paged (paging: false");
  });
});

describe("readiness validate on invalid specs", () => {
  it.each(invalidSample)("%s exits 1 with located problems, a count and no stack trace", (file) => {
    const r = result(`invalid:${file}`);
    const shown = `fixtures/invalid/${file}`;
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).not.toContain("internal error");
    const lines = r.stderr.trimEnd().split("\n");
    const expected = expectations(file);
    const problems = lines.slice(0, -1);
    expect(problems).toHaveLength(expected.length);
    for (const e of expected) {
      const prefix = `${shown}:${e.line}:`;
      const at = e.path ? ` ${e.path}: ` : " ";
      expect(problems.some((l) => l.startsWith(prefix) && /^[^:]+:\d+:\d+ /.test(l) && l.includes(at))).toBe(true);
    }
    expect(lines[lines.length - 1]).toBe(`${expected.length} problem${expected.length === 1 ? "" : "s"} in ${shown}`);
  });

  it("a file that does not exist is one clear line and exit 1", () => {
    const r = result("missing");
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("fixtures/no-such-file.yaml: no such file (pass --file to name the spec)");
  });
});

/** `readiness <command> --help` on the real program, output captured through commander's own hook. */
async function helpOf(command: string): Promise<{ code: number; out: string }> {
  const program = buildProgram();
  let out = "";
  const capture = { writeOut: (t: string) => void (out += t), writeErr: (t: string) => void (out += t) };
  program.configureOutput(capture);
  for (const c of program.commands) c.configureOutput(capture);
  try {
    await program.parseAsync(["node", "readiness", command, "--help"]);
    return { code: 0, out };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out };
    throw e;
  }
}

describe("--help", () => {
  it("lists every command at the top level of the installed binary", () => {
    const r = result("help:");
    expect(r.code).toBe(0);
    for (const c of commands) expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, "m"));
  });

  it("works on validate in the installed binary, naming --file", () => {
    const r = result("help:validate");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: readiness validate");
    expect(r.stdout).toContain("--file <file>");
  });

  it.each(commands)("works on %s, with a usage line and a description", async (command) => {
    const r = await helpOf(command);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: readiness ${command}`);
    const description = buildProgram().commands.find((c) => c.name() === command)?.description() ?? "";
    expect(description.length).toBeGreaterThan(10);
    expect(r.out).toContain(description.slice(0, 20));
  });
});

describe("readiness schema", () => {
  it("prints exactly the committed readiness.schema.json", () => {
    const r = result("schema");
    expect(r.code).toBe(0);
    const committed = readFileSync(path.join(ROOT, "readiness.schema.json"), "utf8");
    if (r.stdout !== committed) throw new Error("readiness.schema.json is stale: the zod schema changed. Regenerate it with `npm run schema` and commit it.");
    expect(JSON.parse(r.stdout).$id).toBe("readiness.schema.json");
  });
});
