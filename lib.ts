/**
 * The package's entry point (`import ... from "readiness"`): the TypeScript library (library.ts:
 * ReadinessStack and its components, typed spec input) and the YAML pipeline's front door.
 */
export * from "./library";
export { loadSpec, resolve, formatDiagnostic } from "./specification";
export type { LoadModelsResult } from "./specification";
export type { Diagnostic } from "./specification/diagnostics";
export type { Spec } from "./specification/schema";
export { buildWorkerScript } from "./statuspage/build";
export { buildStackProgram, stackRoutedContactPoints, type StackProgramArgs } from "./stacks/program";
export { layoutStacks, pulumiStackName } from "./stacks/layout";
export type { StackPart } from "./stacks/partition";
