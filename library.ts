/**
 * readiness as a TypeScript library, for a Pulumi program of your own without a YAML file:
 * - `new ReadinessSystem(name, { spec, environment, settings, define })` with components declared
 *   inside `define`, each typed by the part of readiness.yaml it stands for (examples/typescript/);
 * - `new ReadinessStack(name, { spec, environment, settings })` with the whole spec as typed data.
 * Both are checked by the same schema and rendered by the same code as readiness.yaml.
 */
export { ReadinessStack, type ReadinessStackArgs, type ReadinessStackCommon } from "./components/readinessStack";
export { ReadinessSystem, type ReadinessSystemArgs } from "./components/readinessSystem";
export {
  OnCall,
  AlertRouting,
  ServiceMonitoring,
  ServiceSlo,
  Check,
  Heartbeat,
  Dashboards,
  StatusPage,
  type OnCallArgs,
  type AlertRoutingArgs,
  type ServiceMonitoringArgs,
  type ServiceSloArgs,
  type CheckArgs,
  type HeartbeatArgs,
  type DashboardsArgs,
  type StatusPageArgs,
} from "./components/readinessComponent";
export type { ServiceInput, SloInput, CheckInput, HeartbeatInput, OnCallInput, RoutingInput, DashboardInput, StatusPageInput, SystemSpecInput } from "./specification/parts";
export { settingsFromConfig } from "./plan/settings";
export type { RenderSettings, Plan } from "./plan/plan";
export { renderPlan } from "./backends/render";
export { loadModels, loadModelsFromData, type SpecInput } from "./specification";
export type { Model } from "./specification/model";
