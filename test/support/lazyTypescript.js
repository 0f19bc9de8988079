/**
 * `@pulumi/pulumi`'s `typescript-shim` (the TypeScript compiler, ~1 s to load), loaded when first
 * used. The SDK requires it as it loads, for serializing functions into closures, which no program
 * here does: each program run of the stand-in `pulumi` and each jest suite loading the SDK paid
 * that second for nothing. Every property read goes to the real module, loaded on that first read,
 * so a test that does serialize a function gets the real compiler.
 */
"use strict";
let ts;
const real = () => (ts ??= require("typescript"));
module.exports = new Proxy(
  {},
  {
    get: (_, key) => real()[key],
    has: (_, key) => key in real(),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
  },
);
