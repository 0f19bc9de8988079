// The SDK's `typescript-shim` (the TypeScript compiler), loaded on first use: see lazyModule.js.
"use strict";
module.exports = require("./lazyModule").lazyModule(() => require("typescript"));
