// `@npmcli/arborist`, loaded on first use: see lazyModule.js. Through Node's own require, so the jest
// moduleNameMapper entry for "@npmcli/arborist" does not map it back to this file.
"use strict";
const nodeRequire = require("node:module").createRequire(__filename);
module.exports = require("./lazyModule").lazyModule(() => nodeRequire("@npmcli/arborist"), true);
