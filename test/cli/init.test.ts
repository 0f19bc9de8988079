/** `readiness init` gives a newcomer a spec that already validates, plans and audits, and never clobbers one. */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadModels } from "../../specification/loadModels";
import { parse } from "yaml";
import { STARTER_SPEC } from "../../specification/starter";
import { renderPlan } from "../../backends/render";
import { configKeysOf, settingsFromConfig } from "../../plan/settings";
import { tempDir } from "../support/tempDir";

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

  it("writes a whole project from an empty folder: spec, schema, Pulumi.yaml running this package's program, a stack file per environment, .gitignore", () => {
    const dir = tempDir("readiness-init-");
    const init = run(["init", "--workflow"], dir);
    expect(init.status).toBe(0);
    expect(readFileSync(path.join(dir, "readiness.yaml"), "utf8")).toBe(STARTER_SPEC);
    // The spec's first line points editors at the schema; it is there, and is the CLI's own.
    expect(STARTER_SPEC.split("\n")[0]).toContain("$schema=./readiness.schema.json");
    expect(readFileSync(path.join(dir, "readiness.schema.json"), "utf8")).toBe(execFileSync(process.execPath, [BIN, "schema"], { encoding: "utf8" }));
    const pulumiYaml = parse(readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { name: string; runtime: { name: string }; main: string };
    expect(pulumiYaml).toMatchObject({ name: path.basename(dir).replace(/[^A-Za-z0-9_.-]+/g, "-"), runtime: { name: "nodejs" }, main: "node_modules/readiness/dist/program.js" });
    expect(readFileSync(path.join(dir, ".gitignore"), "utf8")).toContain("node_modules/");
    const workflow = readFileSync(path.join(dir, ".github", "workflows", "readiness.yml"), "utf8");
    // The diff's rendered base survives between pushes to a pull request: the warm path.
    expect(workflow).toMatch(/uses: actions\/cache@v4\n\s+with:\n\s+path: ~\/\.cache\/readiness\n\s+key: readiness-diff-\$\{\{ matrix\.env \}\}-\$\{\{ github\.event\.pull_request\.base\.sha \}\}/);
    const loaded = loadModels(STARTER_SPEC, "readiness.yaml");
    if (!loaded.ok) throw new Error("starter does not load");
    for (const env of loaded.environments) {
      const stack = readFileSync(path.join(dir, `Pulumi.${env}.yaml`), "utf8");
      expect((parse(stack) as { config: Record<string, string> }).config["readiness:environment"]).toBe(env);
      // Every secret and setting the environment's plan reads is named, with where to get it.
      const keys = configKeysOf(renderPlan(loaded.models[env], settingsFromConfig(() => undefined)));
      for (const k of [...keys.secrets, ...keys.unset]) expect(stack).toContain(k);
      for (const k of keys.secrets) expect(stack).toContain(`pulumi config set --secret ${k} <value> --stack ${env}`);
    }
  });

  it("validate fails on every placeholder left in a stack file, located, and passes once they are replaced; plan works throughout", () => {
    const dir = tempDir("readiness-init-");
    expect(run(["init"], dir).status).toBe(0);
    const before = run(["validate"], dir);
    expect(before.status).toBe(1);
    expect(before.stderr).toMatch(/^Pulumi\.staging\.yaml:\d+:\d+ grafana:url: still the placeholder "https:\/\/<your-stack>\.grafana\.net\/"; replace it \(where: /m);
    expect(before.stderr).toMatch(/^Pulumi\.prod\.yaml:\d+:\d+ grafana:smUrl: still the placeholder/m);
    expect(execFileSync(process.execPath, [BIN, "plan", "--env", "staging"], { cwd: dir, encoding: "utf8" })).toMatch(/Plan for staging: \d+ resources/);
    // Each environment its own Grafana: two in one org would overwrite each other's routing, and validate refuses that.
    for (const env of ["staging", "prod"]) {
      const file = path.join(dir, `Pulumi.${env}.yaml`);
      writeFileSync(file, readFileSync(file, "utf8").replace("https://<your-stack>.grafana.net/", `https://acme-${env}.grafana.net/`).replace("<region>", "eu-west"));
    }
    const after = run(["validate"], dir);
    expect(after.stderr).toBe("");
    expect(after.status).toBe(0);
    const audit = run(["audit", "--env", "prod"], dir);
    expect(audit.status).toBe(0);
    expect(audit.stdout).toMatch(/Findings: 0 errors, 1 warning/);
    expect(audit.stdout).toContain("watchdog-no-switch");
  });

  it("never overwrites: an existing spec is kept and only the missing files are written", () => {
    const dir = tempDir("readiness-init-");
    writeFileSync(path.join(dir, "readiness.yaml"), "mine\n");
    const r = run(["init"], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("readiness.yaml: already exists; not overwritten");
    expect(readFileSync(path.join(dir, "readiness.yaml"), "utf8")).toBe("mine\n");
    expect(existsSync(path.join(dir, "Pulumi.yaml"))).toBe(true);
    const again = run(["init"], dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("nothing written");
  });
});
