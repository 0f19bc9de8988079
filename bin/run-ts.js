#!/usr/bin/env node
// Runs a TypeScript file of this project: `node bin/run-ts.js bench/run.ts [args]`. The script sees
// its own arguments at process.argv[2...], as if it had been run with node directly.
const path = require("path");
process.argv.splice(1, 1);
require("tsx/cjs/api").require(path.resolve(process.argv[1]), __filename);
