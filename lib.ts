/**
 * The package's one face (`import ... from "readiness"`, package.json `exports`):
 * - readiness as a TypeScript library, for a Pulumi program of your own without a YAML file:
 *   `new ReadinessSystem(name, { spec, environment, settings })`, then its components declared one
 *   after another with `{ system }`, each typed by the part of readiness.yaml it stands for, values
 *   from other resources as `pulumi.Input<string>`, and its outputs typed (examples/typescript/);
 *   `new ReadinessStack(name, { spec, environment, settings })` with the whole spec as typed data.
 *   Both are checked by the same schema and rendered by the same code as readiness.yaml.
 * - the YAML pipeline's front door, and what a program needs to run one stack of a split layout.
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
export type {
  ServiceInput,
  SloInput,
  CheckInput,
  HeartbeatInput,
  AlertInput,
  RouteInput,
  OnCallInput,
  RoutingInput,
  DashboardInput,
  StatusPageInput,
  EnvironmentInput,
  SystemSpecInput,
  SettingsInput,
} from "./components/parts";
export { settingsFromConfig } from "./plan/settings";
export type { RenderSettings, Plan } from "./plan/plan";
import { renderPlan as render } from "./backends/render";
import type { Model as ResolvedModel } from "./specification/model";
import type { Plan as RenderedPlan, RenderSettings as Settings } from "./plan/plan";
/**
 * The Plan `readiness plan` prints for one environment. Declared with its own signature so the
 * published types do not reach the renderers' provider-typed declarations (fast type-checks).
 */
export const renderPlan: (model: ResolvedModel, settings: Settings) => RenderedPlan = render;
export { loadModels, loadModelsFromData, type SpecInput } from "./specification/loadModels";
export type { Model } from "./specification/model";
export { loadSpec, resolve, formatDiagnostic } from "./specification/loadModels";
export type { LoadModelsResult } from "./specification/loadModels";
export type { Diagnostic } from "./specification/diagnostics";
export type { Spec } from "./specification/schema";
export { buildWorkerScript } from "./statuspage/build";
export { buildStackProgram, stackRoutedContactPoints, type StackProgramArgs } from "./stacks/program";
export { layoutStacks, pulumiStackName } from "./stacks/layout";
export type { StackPart } from "./stacks/partition";
