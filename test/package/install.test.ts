/**
 * The package as another repository gets it: `npm pack`, then install the tarball into a program
 * that already depends on its own `@pulumi/pulumi` (the lowest version of the peer range, not the
 * one this repository develops with) and use it from there: `npx readiness --version`, `init`,
 * `validate`, `plan`, the library's types, and a Pulumi program under the SDK's mock runtime
 * building ReadinessStack on the program's one copy of the SDK.
 *
 * Without network: the install is `npm ci --offline` against a lockfile written from this
 * project's own (every dependency pinned by integrity; the program's SDK is the devDependency
 * alias `pulumi-sdk-lowest-tested`), so npm takes each tarball from the local cache the project's
 * `npm ci` filled. Every step has a time bound.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import path from "node:path";
import { tempDir } from "../support/tempDir";

const ROOT = path.join(__dirname, "..", "..");
const NPM_ENV = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
const dir = tempDir("readiness-install-");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: Record<string, string>;
};
/** The program's own SDK: the lowest version of the peer range this repository tests. */
const ALIAS = "pulumi-sdk-lowest-tested";
const PROGRAM_SDK = pkg.devDependencies[ALIAS].replace(/^npm:@pulumi\/pulumi@/, "");
type LockEntry = { name?: string; version?: string; resolved?: string; dev?: boolean; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

/**
 * The lockfile's `resolved` URL of an entry. The project's lockfile names no registry (npm's
 * omit-lockfile-registry-resolved), so npm would ask for each package's metadata, which an offline
 * install only has where the project's own install fetched it in the same form; with the tarball
 * URL npm takes the tarball from the cache by its integrity alone.
 */
function withResolved(at: string, entry: LockEntry, registry: string): LockEntry {
  if (entry.resolved || !entry.version) return entry;
  const name = entry.name ?? at.slice(at.lastIndexOf("node_modules/") + "node_modules/".length);
  return { ...entry, resolved: `${registry.replace(/\/$/, "")}/${name}/-/${name.split("/").pop()}-${entry.version}.tgz` };
}

/** Lockfile paths of `from`'s dependencies and theirs, resolved as Node does (nearest node_modules up). */
function closure(packages: Record<string, LockEntry>, from: string): Set<string> {
  const seen = new Set<string>([from]);
  const todo = [from];
  while (todo.length) {
    const at = todo.pop() as string;
    for (const name of Object.keys({ ...packages[at]?.dependencies, ...packages[at]?.optionalDependencies })) {
      for (let dir = at; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules/")))) {
        const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
        if (packages[candidate]) {
          if (!seen.has(candidate)) (seen.add(candidate), todo.push(candidate));
          break;
        }
        if (!dir) break;
      }
    }
  }
  return seen;
}

function run(cmd: string, args: string[], timeout: number) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: "utf8", timeout, env: NPM_ENV, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", error: r.error };
}

beforeAll(async () => {
  // What `prepare` (scripts/build.js --types) builds for a release, without bundling twice: the
  // bundles are globalSetup's (test/support/buildOnce.js, rebuilt when a source is newer), so only
  // the type declarations are built here when a source is newer than them, and `npm pack
  // --ignore-scripts` packs dist/ as it stands.
  // (A rebuild under the running suite would also change the bundles' mtimes and so throw away the
  // V8 code cache every other suite's CLI calls share.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  await (require("../support/buildOnce.js") as () => Promise<void>)();
  // On a fresh clone `npm ci`'s prepare has just built them; after an edit they are built again.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if ((require("../../scripts/build.js") as { typesAreStale: () => boolean }).typesAreStale())
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "tsconfig.build.json")], { cwd: ROOT, timeout: 600_000 });
  const tarball = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", timeout: 600_000, env: NPM_ENV }).trim().split("\n").pop() as string;
  const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const sdk = "node_modules/@pulumi/pulumi";
  // This repository's runtime packages without its own SDK copy; in its place, the program's SDK
  // (the alias moved to @pulumi/pulumi) with everything it needs.
  const runtime = Object.fromEntries(Object.entries(lock.packages).filter(([k, v]) => k.startsWith("node_modules/") && !v.dev && k !== sdk && !k.startsWith(`${sdk}/`)));
  for (const k of closure(lock.packages, `node_modules/${ALIAS}`)) {
    const entry = { ...lock.packages[k] };
    delete entry.dev;
    runtime[k.startsWith(`node_modules/${ALIAS}`) ? k.replace(`node_modules/${ALIAS}`, sdk) : k] = entry;
  }
  const registry = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8", env: NPM_ENV }).trim();
  for (const [k, v] of Object.entries(runtime)) runtime[k] = withResolved(k, v, registry);
  const dependencies = { [pkg.name]: `file:${tarball}`, "@pulumi/pulumi": PROGRAM_SDK };
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true, dependencies }, null, 2));
  writeFileSync(
    path.join(dir, "package-lock.json"),
    JSON.stringify({
      name: "consumer",
      version: "1.0.0",
      lockfileVersion: 3,
      requires: true,
      packages: {
        "": { name: "consumer", version: "1.0.0", dependencies },
        [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: `file:${tarball}`, dependencies: pkg.dependencies, peerDependencies: pkg.peerDependencies, bin: pkg.bin, engines: pkg.engines },
        ...runtime,
      },
    }),
  );
  const install = run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], 600_000);
  if (install.code !== 0) throw new Error(`npm ci --offline failed (is the npm cache filled by the project's npm ci?):\n${install.stderr.slice(-2000)}`);
  for (const f of ["readiness.yaml", "Pulumi.prod.yaml"]) copyFileSync(path.join(ROOT, f), path.join(dir, f));
}, 900_000);

it("shares the program's own @pulumi/pulumi (a peer), so there is one SDK runtime and one Output type", () => {
  const installed = path.join(dir, "node_modules", pkg.name);
  expect(existsSync(path.join(installed, "node_modules", "@pulumi", "pulumi"))).toBe(false);
  const seen = run(process.execPath, ["-e", `console.log(require(require.resolve("@pulumi/pulumi/package.json", { paths: [${JSON.stringify(installed)}] })).version)`], 60_000);
  expect(seen.stdout.trim()).toBe(PROGRAM_SDK);
  expect(PROGRAM_SDK).not.toBe(pkg.devDependencies["@pulumi/pulumi"]);
});

it("installs the compiled CLI and library, without TypeScript sources or tsx", () => {
  const installed = path.join(dir, "node_modules", pkg.name);
  expect(existsSync(path.join(installed, "dist", "cli.js"))).toBe(true);
  expect(existsSync(path.join(installed, "dist", "types", "lib.d.ts"))).toBe(true);
  expect(existsSync(path.join(installed, "cli", "main.ts"))).toBe(false);
  expect(existsSync(path.join(dir, "node_modules", "tsx"))).toBe(false);
});

it("npx readiness --version, validate and plan work from the install", () => {
  const version = run("npx", ["--offline", "readiness", "--version"], 120_000);
  expect(version.stdout.trim()).toBe(pkg.version);
  const validate = run("npx", ["--offline", "readiness", "validate"], 120_000);
  // (npx itself may warn about this machine's npm config on stderr; the CLI's own output is stdout,
  // but for its located warnings: the example's staging status page has no zone, so nobody serves it.)
  expect(validate.stderr).not.toMatch(/error/i);
  expect(validate.stderr.split("\n").filter((l) => /readiness/.test(l) && !/^readiness\.yaml:\d+:\d+ [\w.[\]]+: warning: /.test(l))).toEqual([]);
  expect(validate.code).toBe(0);
  expect(validate.stdout).toMatch(/^readiness\.yaml is valid/);
  const plan = run("npx", ["--offline", "readiness", "plan", "--env", "prod", "--format", "json"], 120_000);
  expect(plan.code).toBe(0);
  expect((JSON.parse(plan.stdout) as { resources: unknown[] }).resources.length).toBeGreaterThan(50);
});

/**
 * One tsc run, library checks on, over both programs below (a run loads @pulumi/pulumi's and Node's
 * declarations, most of its ~6 s): what it printed, and the files it read (--listFiles).
 */
let typeChecked: { code: number | null; errors: string[]; stderr: string; files: string[] } | undefined;
function typeCheckInstalled() {
  if (typeChecked) return typeChecked;
  writeFileSync(
    path.join(dir, "check.ts"),
    `import { loadModels, ReadinessStack, ReadinessSystem, Check, type CheckArgs, type Model } from "readiness";\nconst r = loadModels("", "x.yaml");\nconst m: Model | undefined = r.ok ? r.models.prod : undefined;\nexport const ctor: typeof ReadinessStack = ReadinessStack;\nexport const system: typeof ReadinessSystem = ReadinessSystem;\nexport const check = (args: CheckArgs) => new Check("home", args);\nexport { m };\n`,
  );
  // fixtures/user-program is what README: Performance times.
  copyFileSync(path.join(ROOT, "fixtures", "user-program", "index.ts"), path.join(dir, "user-program.ts"));
  const tsc = run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "--strict", "--listFiles", "--module", "node16", "--moduleResolution", "node16", "--types", "node", "--typeRoots", path.join(ROOT, "node_modules", "@types"), "check.ts", "user-program.ts"], 300_000);
  const lines = tsc.stdout.split("\n").filter(Boolean);
  typeChecked = { code: tsc.code, errors: lines.filter((l) => /error TS\d+/.test(l)), stderr: tsc.stderr, files: lines.filter((l) => !/error TS\d+/.test(l)) };
  return typeChecked;
}

it("the library's types check from the install (exports and types)", () => {
  const tsc = typeCheckInstalled();
  expect(tsc.errors).toEqual([]);
  expect(tsc.stderr).toBe("");
  expect(tsc.code).toBe(0);
  expect(tsc.files).toContain("check.ts");
});

it("a user's 60-line program type-checks with library checks on, reaching no provider SDK's declarations", () => {
  // Every provider SDK's declarations it reached cost a user's tsc most of a minute (@pulumi/cloudflare alone is 783 files).
  const tsc = typeCheckInstalled();
  expect(tsc.errors).toEqual([]);
  expect(tsc.code).toBe(0);
  expect(tsc.files.some((f) => f.includes("/node_modules/readiness/dist/types/lib.d.ts"))).toBe(true);
  expect(tsc.files.filter((f) => /\/node_modules\/(@pulumi\/(cloudflare|datadog|pagerduty|kubernetes|policy)|@pulumiverse\/)/.test(f))).toEqual([]);
});

it("a Pulumi program under the mock runtime builds ReadinessStack from the installed package", () => {
  writeFileSync(
    path.join(dir, "program.js"),
    `const pulumi = require("@pulumi/pulumi");
let registered = 0;
pulumi.runtime.setMocks({ newResource: (a) => (registered++, { id: a.name + "-id", state: { ...a.inputs, integrationKey: "k", url: "u", uid: "u" } }), call: (a) => ({ ...a.inputs, id: "user" }) }, "consumer", "prod", false);
const { loadModels, renderPlan, settingsFromConfig, ReadinessStack } = require("readiness");
const loaded = loadModels(require("fs").readFileSync("readiness.yaml", "utf8"), "readiness.yaml");
if (!loaded.ok) throw new Error("spec did not load");
const settings = settingsFromConfig((k) => ({ "grafana:url": "https://grafana.example.test/", "readiness:cloudflareAccountId": "acct", "readiness:cloudflareZoneId": "zone", "grafana:smUrl": "https://synthetic-monitoring-api.example.test" })[k]);
const plan = renderPlan(loaded.models.prod, settings);
new ReadinessStack("consumer", { model: loaded.models.prod, settings, secret: (k) => pulumi.secret(k) });
const expected = plan.resources.length + plan.components.length;
const wait = () => (registered >= expected ? console.log(JSON.stringify({ registered, expected })) : setTimeout(wait, 10));
wait();
`,
  );
  const r = run(process.execPath, ["--stack-trace-limit=0", "program.js"], 300_000);
  expect(r.stderr).toBe("");
  const out = JSON.parse(r.stdout.trim().split("\n").pop() as string) as { registered: number; expected: number };
  expect(out.registered).toBe(out.expected);
  expect(out.expected).toBeGreaterThan(50);
});

describe("the README's quick start: `readiness init` in an empty folder of a program with the package installed", () => {
  const quick = path.join(dir, "quick");
  const config = (stackText: string) => (parse(stackText) as { config: Record<string, string> }).config;
  /** Runs the Pulumi.yaml's program (this package's) in the mock runtime with the stack file's settings and every secret set. */
  const runProgram = (settings: Record<string, string>) => {
    const secrets = ["grafana:auth", "grafana:smAccessToken", "readiness:grafanaSlackToken"];
    writeFileSync(
      path.join(quick, "mock.js"),
      `const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setAllConfig(${JSON.stringify({ ...settings, ...Object.fromEntries(secrets.map((k) => [k, "secret"])) })}, ${JSON.stringify(secrets)});
let registered = 0;
pulumi.runtime.setMocks({ newResource: (a) => (registered++, { id: a.name + "-id", state: { ...a.inputs, url: "u", uid: "u" } }), call: (a) => ({ ...a.inputs, probes: { Paris: 1 } }) }, "quick", "staging", false, "acme");
process.on("exit", () => console.log(JSON.stringify({ registered })));
require(require("path").resolve(require("yaml").parse(require("fs").readFileSync("Pulumi.yaml", "utf8")).main));
`,
    );
    return spawnSync(process.execPath, ["--stack-trace-limit=0", "mock.js"], { cwd: quick, encoding: "utf8", timeout: 120_000 });
  };

  beforeAll(() => {
    mkdirSync(quick);
    symlinkSync(path.join(dir, "node_modules"), path.join(quick, "node_modules"));
  });

  it("writes a project whose placeholders fail validate, and whose Pulumi.yaml runs the installed program", () => {
    const init = spawnSync("npx", ["--offline", "readiness", "init"], { cwd: quick, encoding: "utf8", env: NPM_ENV, timeout: 120_000 });
    expect(init.status).toBe(0);
    const main = (parse(readFileSync(path.join(quick, "Pulumi.yaml"), "utf8")) as { main: string }).main;
    expect(existsSync(path.join(quick, main))).toBe(true);
    const validate = spawnSync("npx", ["--offline", "readiness", "validate"], { cwd: quick, encoding: "utf8", env: NPM_ENV, timeout: 120_000 });
    expect(validate.status).toBe(1);
    expect(validate.stderr).toMatch(/Pulumi\.staging\.yaml:\d+:\d+ grafana:url: still the placeholder/);
  });

  it("the program refuses the placeholders with the commands that set them, and provisions staging once they are replaced", () => {
    const stackFile = path.join(quick, "Pulumi.staging.yaml");
    const refused = runProgram(config(readFileSync(stackFile, "utf8")));
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain("pulumi config set grafana:url <value> --stack staging");
    expect(refused.stdout + refused.stderr).not.toMatch(/^\s+at /m);
    // Each environment its own Grafana: two in one org would overwrite each other's routing, and validate refuses that.
    for (const env of ["staging", "prod"]) {
      const file = path.join(quick, `Pulumi.${env}.yaml`);
      writeFileSync(file, readFileSync(file, "utf8").replace("https://<your-stack>.grafana.net/", `https://acme-${env}.grafana.net/`).replace("<region>", "eu-west"));
    }
    expect(spawnSync("npx", ["--offline", "readiness", "validate"], { cwd: quick, encoding: "utf8", env: NPM_ENV, timeout: 120_000 }).status).toBe(0);
    const deployed = runProgram(config(readFileSync(stackFile, "utf8")));
    expect(deployed.stderr).toBe("");
    expect((JSON.parse(deployed.stdout.trim().split("\n").pop() as string) as { registered: number }).registered).toBeGreaterThan(5);
  });
});
