#!/usr/bin/env node
// Runs a TypeScript file of this project: `node bin/run-ts.js bench/run.ts`.
const path = require("path");
require("tsx/cjs/api").require(path.resolve(process.argv[2]), __filename);
