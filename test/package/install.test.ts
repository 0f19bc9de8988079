/**
 * The package as another repository gets it: `npm pack`, then install the tarball into an empty
 * directory and use it from there: `npx readiness --version`, `validate`, `plan`, the library's
 * types, and a Pulumi program under the SDK's mock runtime building ReadinessStack.
 *
 * Without network: the install is `npm ci --offline` against a lockfile written from this
 * project's own (every dependency pinned by integrity), so npm takes each tarball from the local
 * cache the project's `npm ci` filled. Every step has a time bound.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const NPM_ENV = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
const dir = mkdtempSync(path.join(os.tmpdir(), "readiness-install-"));
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> };

function run(cmd: string, args: string[], timeout: number) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: "utf8", timeout, env: NPM_ENV, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", error: r.error };
}

beforeAll(() => {
  // `npm pack` runs `prepare`: the bundles and the type declarations are built as for a release.
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", timeout: 600_000, env: NPM_ENV }).trim().split("\n").pop() as string;
  const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
  const runtime = Object.fromEntries(Object.entries(lock.packages).filter(([k, v]) => k.startsWith("node_modules/") && !v.dev));
  const dependencies = { [pkg.name]: `file:${tarball}` };
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
        [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: `file:${tarball}`, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
        ...runtime,
      },
    }),
  );
  const install = run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], 600_000);
  if (install.code !== 0) throw new Error(`npm ci --offline failed (is the npm cache filled by the project's npm ci?):\n${install.stderr.slice(-2000)}`);
  for (const f of ["readiness.yaml", "Pulumi.prod.yaml"]) copyFileSync(path.join(ROOT, f), path.join(dir, f));
}, 900_000);

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
  // (npx itself may warn about this machine's npm config on stderr; the CLI's own output is stdout.)
  expect(validate.stderr).not.toMatch(/readiness|error/i);
  expect(validate.code).toBe(0);
  expect(validate.stdout).toMatch(/^readiness\.yaml is valid/);
  const plan = run("npx", ["--offline", "readiness", "plan", "--env", "prod", "--format", "json"], 120_000);
  expect(plan.code).toBe(0);
  expect((JSON.parse(plan.stdout) as { resources: unknown[] }).resources.length).toBeGreaterThan(50);
});

it("the library's types check from the install (exports and types)", () => {
  writeFileSync(
    path.join(dir, "check.ts"),
    `import { loadModels, ReadinessStack, ReadinessSystem, Check, type CheckArgs, type Model } from "readiness";\nconst r = loadModels("", "x.yaml");\nconst m: Model | undefined = r.ok ? r.models.prod : undefined;\nexport const ctor: typeof ReadinessStack = ReadinessStack;\nexport const system: typeof ReadinessSystem = ReadinessSystem;\nexport const check = (args: CheckArgs) => new Check("home", args);\nexport { m };\n`,
  );
  const tsc = run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "--strict", "--skipLibCheck", "--module", "node16", "--moduleResolution", "node16", "--types", "node", "--typeRoots", path.join(ROOT, "node_modules", "@types"), "check.ts"], 300_000);
  expect(tsc.stdout + tsc.stderr).toBe("");
  expect(tsc.code).toBe(0);
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
