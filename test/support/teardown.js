// jest globalTeardown: removes the diff cache folder globalSetup (buildOnce.js) made for the suite.
module.exports = async () => {
  const dir = process.env.READINESS_TEST_CACHE_DIR;
  if (dir) require("node:fs").rmSync(dir, { recursive: true, force: true });
};
