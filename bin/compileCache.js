// A V8 code cache for the bundles in dist/ (what Node 22's module.enableCompileCache does; Node 20
// has none): compiling a 400 KB bundle costs more than running the command. The cache lives in
// dist/.cache, keyed by bundle name, size and mtime; the build empties it. Where dist/ is not
// writable (a read-only install) the cache is simply not kept.
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");
const vm = require("node:vm");

/** Compiles every module under `dist` through the cache; writes new cache entries at exit. */
function enableCompileCache(dist) {
  const cacheDir = path.join(dist, ".cache");
  const pending = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    // A vm.Script cannot import() on Node 20 without --experimental-vm-modules (the
    // USE_MAIN_CONTEXT_DEFAULT_LOADER constant can, with an experimental warning on every run), so
    // a bundle that still holds one (the build turns them into require) is compiled by Node itself.
    if (!filename.startsWith(dist + path.sep) || /\bimport\(/.test(content)) return compile.call(this, content, filename);
    let cacheFile;
    let cachedData;
    try {
      const st = fs.statSync(filename);
      cacheFile = path.join(cacheDir, `${path.relative(dist, filename).replace(/[\\/]/g, "_")}-${st.size}-${Math.floor(st.mtimeMs)}.v8`);
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cacheFile && (!cachedData || script.cachedDataRejected)) pending.push([script, cacheFile]);
    const fn = script.runInThisContext({ displayErrors: true });
    const require = Module.createRequire(filename);
    return fn.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  process.once("exit", () => {
    for (const [script, file] of pending) {
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, file);
      } catch {
        // read-only install or a full disk: run without the cache
      }
    }
  });
}

module.exports = { enableCompileCache };
