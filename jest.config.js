/** Type checking is `npm run typecheck` (tsc), so jest only transpiles: it keeps the suite fast. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { isolatedModules: true, tsconfig: { module: "commonjs", moduleResolution: "node", isolatedModules: true } }],
  },
  testTimeout: 60000,
  globalSetup: "<rootDir>/test/support/buildOnce.js",
};
