// jest globalSetup: bring dist/ up to date once, before any test spawns bin/readiness.js, so
// parallel workers do not each rebuild a stale bundle.
const { execFileSync } = require("node:child_process");
const path = require("node:path");
module.exports = async () => {
  // The CLI's diff keeps rendered bases in a cache (files/baseCache.ts); the suite's go to a folder
  // of its own, not the user's ~/.cache, and workers inherit the setting. Tests that check the
  // cache set their own.
  // globalTeardown (test/support/teardown.js) removes it.
  if (process.env.READINESS_CACHE_DIR === undefined) process.env.READINESS_CACHE_DIR = process.env.READINESS_TEST_CACHE_DIR = require("node:fs").mkdtempSync(path.join(require("node:os").tmpdir(), "readiness-test-cache-"));
  const build = path.join(__dirname, "..", "..", "scripts", "build.js");
  if (require(build).isStale()) execFileSync(process.execPath, [build], { stdio: "inherit", timeout: 300_000 });
};
