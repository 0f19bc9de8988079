/**
 * What a command loads: `--help`, `--version`, `validate` and `plan` must not load the Pulumi SDK,
 * esbuild or miniflare (together seconds of start-up), and run from the compiled bundles, not tsx.
 * Timing itself is measured by `npm run bench`, never asserted here.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "../support/tempDir";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "readiness.js");
const dir = tempDir("readiness-startup-");
const PRELOAD = path.join(dir, "record.js");
writeFileSync(
  PRELOAD,
  `const Module = require("module"); const load = Module._load; const seen = new Set();
Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
process.on("exit", () => require("fs").writeFileSync(process.env.RECORD_TO, JSON.stringify([...seen])));`,
);

function loadedBy(args: string[]): string[] {
  const out = path.join(dir, `${args.join("_").replace(/\W/g, "")}.json`);
  const r = spawnSync(process.execPath, ["-r", PRELOAD, BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000, env: { ...process.env, RECORD_TO: out } });
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(out, "utf8")) as string[];
}

it.each([[["--help"]], [["--version"]], [["validate"]], [["plan", "--env", "prod"]]])("readiness %j loads neither the Pulumi SDK, esbuild, miniflare nor tsx", (args) => {
  const loaded = loadedBy(args);
  expect(loaded.filter((m) => /^(@pulumi\/|esbuild$|miniflare$|tsx)/.test(m))).toEqual([]);
  expect(loaded.some((m) => /dist[\\/]cli\.js$/.test(m))).toBe(true);
});

it("--help loads no command bundle at all; validate loads only its own", () => {
  expect(loadedBy(["--help"]).filter((m) => m.includes("commands/"))).toEqual([]);
  expect(loadedBy(["validate"]).filter((m) => m.includes("commands/"))).toEqual(["./commands/validate.js"]);
});
