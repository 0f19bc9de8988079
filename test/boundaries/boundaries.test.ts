/**
 * The import-boundary check (`npm run boundaries`, part of `npm test`) holds the layers: each kind
 * of violation planted in a small tree of its own is refused by the project's own configuration,
 * naming the rule, and the project itself passes.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
const DEPCRUISE = join(ROOT, "node_modules/.bin/depcruise");
const CONFIG = join(ROOT, ".dependency-cruiser.js");

/** Runs the check on a tree of `files` (path -> source) and returns its exit code and report. */
function cruise(files: Record<string, string>): { code: number; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "boundaries-"));
  try {
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "commonjs", strict: true } }));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const r = spawnSync(DEPCRUISE, ["--config", CONFIG, "--output-type", "err", ...new Set(Object.keys(files).map((f) => f.split("/")[0]))], { cwd: dir, encoding: "utf8" });
    return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One planted violation of each kind, in files that do not touch one another, and the rule that must refuse it. */
const PLANTED: [what: string, files: Record<string, string>, rule: string][] = [
  ["a lower layer importing a higher one", { "specification/model.ts": 'import { x } from "../backends/grafana/render";\nexport const m = x;', "backends/grafana/render.ts": "export const x = 1;" }, "layer-specification"],
  ["a provider folder importing another", { "backends/datadog/monitors.ts": 'import { y } from "../pagerduty/tokens";\nexport const m = y;', "backends/pagerduty/tokens.ts": "export const y = 1;" }, "provider-imports-provider"],
  ["cli/ imported from a library layer", { "report/render.ts": 'import { z } from "../cli/plan";\nexport const m = z;', "cli/plan.ts": "export const z = 1;" }, "cli-imported-outside-cli"],
  ["an import circle", { "rules/a.ts": 'import { b } from "./b";\nexport const a = () => b;', "rules/b.ts": 'import { a } from "./a";\nexport const b = () => a;' }, "no-circular"],
  ["resolve importing from above anything but the burn-rate table", { "specification/resolve/slos.ts": 'import { e } from "../../slos/explain";\nexport const m = e;', "slos/explain.ts": "export const e = 1;" }, "layer-specification-resolve"],
];

// One process per tree: each start of the checker costs seconds. The project itself is checked by
// `npm run boundaries`, which `npm test` runs before jest.
describe("the import-boundary check", () => {
  const planted = cruise(Object.assign({}, ...PLANTED.map(([, files]) => files)));

  it("fails on a planted violation", () => {
    expect(planted.code).not.toBe(0);
  });

  it.each(PLANTED)("refuses %s", (_what, files, rule) => {
    const [from] = Object.keys(files);
    expect(planted.out.split("\n").some((line) => line.includes(rule) && line.includes(from))).toBe(true);
  });

  it("accepts imports that run down the layers, and the burn-rate table read by resolve", () => {
    const r = cruise({
      "backends/grafana/render.ts": 'import { p } from "../../plan/plan";\nimport { s } from "../../specification/model";\nexport const g = [p, s];',
      "plan/plan.ts": 'import { s } from "../specification/model";\nexport const p = s;',
      "specification/model.ts": "export const s = 1;",
      "specification/resolve/slos.ts": 'import { w } from "../../slos/burnRate";\nexport const r = w;',
      "slos/burnRate.ts": 'import { s } from "../specification/model";\nexport const w = s;',
      "cli/plan.ts": 'import { g } from "../backends/grafana/render";\nexport const c = g;',
    });
    expect(r.out).toContain("no dependency violations");
    expect(r.code).toBe(0);
  });
});
