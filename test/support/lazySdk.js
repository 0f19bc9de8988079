/**
 * For node processes the tests start (the stand-in `pulumi`'s program runs, and `readiness up`
 * through NODE_OPTIONS=--require): the Pulumi SDK's TypeScript compiler and @npmcli/arborist,
 * which it requires as it loads for function serialization no program here does, are each loaded
 * on first use instead (lazyModule.js has the why and the figures). Jest suites get the same from
 * jest.config.js's moduleNameMapper, since jest does not load modules through Module._load.
 */
"use strict";
const Module = require("node:module");
const path = require("node:path");
const { lazyModule } = require("./lazyModule.js");

const sdkFile = (parent, ...under) => parent && parent.filename && parent.filename.includes(`${path.sep}${path.join("@pulumi", "pulumi", ...under)}${path.sep}`);

if (!Module._load.readinessLazySdk) {
  const load = Module._load;
  Module._load = function (request, parent) {
    // The real module, by the loader this hook replaced (so not back through the hook).
    const real = () => load.call(Module, request, parent, false);
    if (/(^|\/)typescript-shim$/.test(request) && sdkFile(parent)) return lazyModule(real);
    // Answers `__esModule` so the SDK's __importStar keeps the stand-in; it reads only `.Arborist`.
    if (request === "@npmcli/arborist" && sdkFile(parent, "runtime", "closure")) return lazyModule(real, true);
    return load.apply(this, arguments);
  };
  Module._load.readinessLazySdk = true;
}
