/**
 * readiness as a TypeScript library, for a Pulumi program of your own without a YAML file:
 * `new ReadinessStack(name, { spec, environment, settings })` with the spec as typed data (the
 * same fields as readiness.yaml, checked by the same schema). See examples/typescript/.
 */
export { ReadinessStack, type ReadinessStackArgs, type ReadinessStackCommon } from "./components/readinessStack";
export { OnCall, AlertRouting, ServiceMonitoring, ServiceSlo, Dashboards, StatusPage } from "./components/readinessComponent";
export { settingsFromConfig } from "./backends/settings";
export type { RenderSettings, Plan } from "./backends/plan";
export { renderPlan } from "./backends/render";
export { loadModels, loadModelsFromData, type SpecInput } from "./specification";
export type { Model } from "./specification/model";
