/**
 * The status page Worker's entry module as source text. One definition for both builders: the
 * runtime one (statuspage/build.ts, from source) and scripts/build.js, which bundles it once with
 * a placeholder where the spec's configuration goes.
 */

/** The Durable Object class the bundle exports; its name is part of the migration, so it never changes. */
export const STATE_CLASS_NAME = "StatusPageState";

/** The entry module, resolved from the repository root, with `configExpression` as the configuration. */
export function workerEntrySource(configExpression: string): string {
  return [
    `import { createWorker } from "./statuspage/worker/worker";`,
    `import { createStateObject } from "./statuspage/worker/durable";`,
    `const config = ${configExpression};`,
    `export const ${STATE_CLASS_NAME} = createStateObject(config);`,
    `export default createWorker(config);`,
  ].join("\n");
}
