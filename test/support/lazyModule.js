/**
 * Modules the Pulumi SDK requires as it loads but only uses to serialize functions into closures,
 * which no program or test here does: the TypeScript compiler (`typescript-shim`, ~0.4 s to load)
 * and `@npmcli/arborist` with pacote and sigstore behind it (~0.4 s; `runtime/closure/codePaths.js`
 * walks a package tree with it). Each jest suite loading the SDK and each program run of the
 * stand-in `pulumi` paid both for nothing. Here each is a stand-in loaded on its first property
 * read, so a test that does serialize a function gets the real module.
 */
"use strict";

/** A module that loads `load()` on first use. `esModule`: answer `__esModule` without loading, so
 * TypeScript's `__importStar(require(...))` keeps the stand-in instead of copying every export
 * (arborist is read only as `arborist.Arborist`). */
function lazyModule(load, esModule = false) {
  let real;
  const get = () => (real ??= load());
  return new Proxy(
    {},
    {
      get: (_, key) => (esModule && key === "__esModule" ? true : get()[key]),
      has: (_, key) => key in get(),
      ownKeys: () => Reflect.ownKeys(get()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(get(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

module.exports = { lazyModule };
