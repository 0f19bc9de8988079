/** Type checking is `npm run typecheck` (tsc), so jest only transpiles: it keeps the suite fast. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { isolatedModules: true, tsconfig: { module: "commonjs", moduleResolution: "node", isolatedModules: true } }],
  },
  testTimeout: 60000,
  // The Pulumi SDK loads the TypeScript compiler and @npmcli/arborist (~0.8 s together) as it
  // loads, for function serialization no suite uses: test/support/lazyModule.js loads each on first use.
  moduleNameMapper: { "^(\\.\\.?/)+typescript-shim$": "<rootDir>/test/support/lazyTypescript.js", "^@npmcli/arborist$": "<rootDir>/test/support/lazyArborist.js" },
  // jest's default on a 2-core machine is one worker, and most of the suite's slow tests wait on a
  // child process (promtool, workerd, chromium, Prometheus, the CLI): three workers keep both cores
  // busy while one of them waits. Heavy suites first, so no slow suite starts last.
  maxWorkers: 3,
  testSequencer: "<rootDir>/test/support/sequencer.js",
  globalSetup: "<rootDir>/test/support/buildOnce.js",
  globalTeardown: "<rootDir>/test/support/teardown.js",
};
