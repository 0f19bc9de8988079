#!/usr/bin/env node
/**
 * Builds what the package ships, into dist/ (gitignored): `npm install` runs it as `prepare`, and
 * bin/readiness.js runs it again (in a child process: esbuild plugins need its async API) whenever a source file is newer than the bundle, so nobody runs a
 * stale CLI. Plain JavaScript on purpose: it must run before anything is compiled.
 *
 * - dist/cli.js: the CLI as one bundle. Dependencies are bundled too (loading zod or yaml from
 *   hundreds of files costs more than the whole command); the Pulumi SDK, esbuild and miniflare
 *   stay external, each loaded only by the command that needs it.
 * - dist/commands.json: which command file registers which command and the top-level help, so
 *   `readiness --help` and a single command load only what they need.
 * - dist/statuspage-worker.js: the status page Worker bundled once, with a placeholder for the
 *   spec's configuration, so `plan` does not run esbuild per environment.
 * - dist/index.js (+ dist/types/*.d.ts with --types): the library (lib.ts); every dependency
 *   external, so a Pulumi program and this library share one @pulumi/pulumi.
 * - dist/program.js: the Pulumi program (index.ts), which the Pulumi.yaml `readiness init` writes
 *   names as its `main`; dependencies external, as for the library.
 */
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
/** The identifier the worker template carries where the spec's configuration goes. */
const WORKER_CONFIG_PLACEHOLDER = "__READINESS_STATUS_PAGE_CONFIG__";
/** Folders that are not part of what the CLI or library are built from. */
const NOT_SOURCE = new Set(["node_modules", "dist", "out", ".git", "test", "docs", "fixtures", "bench", ".pulumi"]);

/** Writes a file so that a concurrent reader sees the old or the new content, never half. */
function writeAtomic(file, content) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** The newest modification time among the files the bundle is built from. */
function newestSourceMtime(dir = ROOT) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!NOT_SOURCE.has(e.name) && !e.name.startsWith(".")) newest = Math.max(newest, newestSourceMtime(path.join(dir, e.name)));
    } else if (e.name.endsWith(".ts") || (dir === ROOT && (e.name === "package.json" || e.name === "tsconfig.json"))) {
      newest = Math.max(newest, fs.statSync(path.join(dir, e.name)).mtimeMs);
    }
  }
  return Math.max(newest, fs.statSync(__filename).mtimeMs);
}

/** True when dist/ is missing or older than a source file (only meaningful in a source checkout). */
function isStale() {
  try {
    const built = Math.min(...["cli.js", "commands.json", "statuspage-worker.js", "index.js", "program.js"].map((f) => fs.statSync(path.join(DIST, f)).mtimeMs));
    return newestSourceMtime() > built;
  } catch {
    return true;
  }
}

/** True when the type declarations (dist/types, built by `--types`) are missing or older than a source file. */
function typesAreStale() {
  try {
    const built = fs.statSync(path.join(DIST, "types", "lib.d.ts")).mtimeMs;
    return Math.max(newestSourceMtime(), fs.statSync(path.join(ROOT, "tsconfig.build.json")).mtimeMs) > built;
  } catch {
    return true;
  }
}

/** statuspage/workerEntry.ts's entry module (one definition, compiled here on the fly). */
async function workerEntrySource(esbuild, configExpression) {
  const r = await esbuild.build({ entryPoints: [path.join(ROOT, "statuspage", "workerEntry.ts")], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "error" });
  const m = { exports: {} };
  new Function("module", "exports", r.outputFiles[0].text)(m, m.exports);
  return m.exports.workerEntrySource(configExpression);
}

/** Bundles the CLI, the worker template and the library; `types` also emits declarations (slow: tsc). */
async function build({ types = false } = {}) {
  const esbuild = require("esbuild");
  fs.mkdirSync(DIST, { recursive: true });
  const common = { absWorkingDir: ROOT, bundle: true, platform: "node", format: "cjs", target: "node20", write: false, logLevel: "error", legalComments: "none", charset: "utf8", define: { READINESS_BUNDLE: "true" },
    // `await import("@pulumi/pulumi")` (cli/up.ts) becomes a require: bin/compileCache.js runs the
    // bundles as vm.Scripts, which cannot import() on Node 20.
    supported: { "dynamic-import": false } };
  const heavy = ["esbuild", "@pulumi/*", "@pulumiverse/*", "miniflare", "typescript", "tsx"];
  // Every command main.ts loads with `require("./x")` becomes its own bundle, dist/commands/x.js,
  // so a call loads one command's code; found in main.ts, never listed here.
  const commandFiles = [...fs.readFileSync(path.join(ROOT, "cli", "main.ts"), "utf8").matchAll(/require\("\.\/([\w.-]+)"\)/g)].map((m) => m[1]);
  const commandsExternal = {
    name: "commands-external",
    setup(b) {
      b.onResolve({ filter: /^\.\/[\w.-]+$/ }, (a) => (a.kind === "require-call" && a.importer === path.join(ROOT, "cli", "main.ts") ? { path: `./commands/${a.path.slice(2)}.js`, external: true } : undefined));
    },
  };
  // Command bundles share main's commander and UserError (main checks both with instanceof): main
  // re-exports them, and the bundles import them from there.
  const errorsModule = path.join(ROOT, "files", "userError");
  const sharedWithMain = {
    name: "shared-with-main",
    setup(b) {
      b.onResolve({ filter: /^commander$/ }, () => ({ path: "../cli.js", external: true }));
      b.onResolve({ filter: /userError(\.ts)?$/ }, (a) => (path.resolve(a.resolveDir, a.path).replace(/\.ts$/, "") === errorsModule ? { path: "../cli.js", external: true } : undefined));
    },
  };
  // zod's `z` namespace re-exports every message locale (about 40% of a command bundle); the
  // CLI reports in English and never reads z.locales, so the bundle gets an empty namespace.
  const noZodLocales = {
    name: "no-zod-locales",
    setup(b) {
      b.onResolve({ filter: /locales\/index\.js$/ }, (a) => (a.importer.includes(`${path.sep}zod${path.sep}`) ? { path: "zod-locales", namespace: "empty" } : undefined));
      b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
    },
  };
  // ES module builds of the dependencies tree-shake; identifiers minified, names kept for messages.
  const minify = { minify: true, keepNames: true, mainFields: ["module", "main"] };
  const outputs = await Promise.all([
    esbuild.build({ ...common, ...minify, entryPoints: ["cli/main.ts"], outfile: path.join(DIST, "cli.js"), external: heavy, plugins: [commandsExternal] }),
    esbuild.build({ ...common, ...minify, entryPoints: commandFiles.map((f) => `cli/${f}.ts`), outdir: path.join(DIST, "commands"), external: heavy, plugins: [sharedWithMain, noZodLocales] }),
    esbuild.build({ ...common, entryPoints: ["lib.ts"], outfile: path.join(DIST, "index.js"), packages: "external" }),
    // The Pulumi program itself (index.ts: the spec, its environment, one stack of a split layout),
    // so a project's own program can be `export * from "readiness/program";`.
    esbuild.build({ ...common, entryPoints: ["index.ts"], outfile: path.join(DIST, "program.js"), packages: "external" }),
    esbuild.build({
      stdin: { contents: await workerEntrySource(esbuild, WORKER_CONFIG_PLACEHOLDER), resolveDir: ROOT, sourcefile: "statuspage-entry.ts", loader: "ts" },
      absWorkingDir: ROOT, bundle: true, format: "esm", platform: "neutral", mainFields: ["module", "main"], conditions: ["workerd", "worker", "browser"], target: "es2022", minify: true, legalComments: "none", charset: "utf8", write: false, logLevel: "error",
      outfile: path.join(DIST, "statuspage-worker.js"),
    }),
  ]);
  fs.mkdirSync(path.join(DIST, "commands"), { recursive: true });
  fs.rmSync(path.join(DIST, ".cache"), { recursive: true, force: true });
  for (const r of outputs) for (const f of r.outputFiles) writeAtomic(f.path, f.contents);
  // The command index comes from the bundle itself, so it always matches the bundle beside it.
  const index = require(path.join(DIST, "cli.js")).buildCommandIndex();
  writeAtomic(path.join(DIST, "commands.json"), `${JSON.stringify(index)}\n`);
  if (types) {
    const { execFileSync } = require("node:child_process");
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });
  }
}

module.exports = { build, isStale, typesAreStale, WORKER_CONFIG_PLACEHOLDER };

if (require.main === module) {
  build({ types: process.argv.includes("--types") }).catch((e) => {
    process.stderr.write(`readiness build failed: ${e.message}\n`);
    process.exit(1);
  });
}
