/**
 * The library a Pulumi program in another repository imports (`import { ReadinessStack } from
 * "readiness"`): load a spec, resolve an environment, render the plan, materialize it.
 */
export { loadModels, loadSpec, resolve, formatDiagnostic } from "./specification";
export type { LoadModelsResult } from "./specification";
export type { Diagnostic } from "./specification/diagnostics";
export type { Model } from "./specification/model";
export type { Spec } from "./specification/schema";
export { renderPlan } from "./backends/render";
export { settingsFromConfig } from "./backends/settings";
export type { Plan, RenderSettings } from "./backends/plan";
export { ReadinessStack } from "./components/readinessStack";
export type { ReadinessStackArgs } from "./components/readinessStack";
export { buildWorkerScript } from "./statuspage/build";
