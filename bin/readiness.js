#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm install`'s prepare step). In a source checkout it
// rebuilds first when a source file is newer than the bundle (esbuild, about a second), so an edit
// is never run stale and no TypeScript is compiled on an ordinary call.
const fs = require("node:fs");
const path = require("node:path");
const build = path.join(__dirname, "..", "scripts", "build.js");
if (fs.existsSync(build) && require(build).isStale()) {
  const r = require("node:child_process").spawnSync(process.execPath, [build], { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) process.exit(70);
}
require("./compileCache").enableCompileCache(path.join(__dirname, "..", "dist"));
require("../dist/cli.js").main(process.argv);
