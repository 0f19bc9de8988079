// jest globalSetup: bring dist/ up to date once, before any test spawns bin/readiness.js, so
// parallel workers do not each rebuild a stale bundle.
const { execFileSync } = require("node:child_process");
const path = require("node:path");
module.exports = async () => {
  const build = path.join(__dirname, "..", "..", "scripts", "build.js");
  if (require(build).isStale()) execFileSync(process.execPath, [build], { stdio: "inherit", timeout: 300_000 });
};
