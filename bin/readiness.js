#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx transpiles on load), so a fresh `npm install` is enough:
// no build step and no build output to keep in step.
require("tsx/cjs/api").require("../cli/main.ts", __filename).main(process.argv);
