/**
 * The parts of a spec as TypeScript data, each the zod schema's input type for one section of
 * readiness.yaml: what the component library's args are made of (components/readinessComponent.ts).
 * Values a program usually takes from another resource or stack (check targets, runbook links,
 * host names, webhook URLs, environment vars, the Grafana datasource uid) are `pulumi.Input<string>`
 * (components/inputs.ts places them); the structure (ids, severities, windows, objectives) is plain
 * data, since it decides which resources exist.
 */
import type { Input } from "@pulumi/pulumi";
import type { SpecInput } from "../specification/loadModels";
import type { RenderSettings } from "../plan/plan";

/** `T` with the string leaves `K` widened to `pulumi.Input<string>` (optional ones stay optional). */
type Inputs<T, K extends keyof T> = Omit<T, K> & { [P in K as undefined extends T[P] ? never : P]: Input<string> } & { [P in K as undefined extends T[P] ? P : never]?: Input<string> };

type PlainService = SpecInput["services"][number];
type PlainAlert = NonNullable<PlainService["alerts"]>[number];
type PlainStatusPageEntry = NonNullable<PlainService["statusPage"]>;
type PlainRoute = NonNullable<NonNullable<SpecInput["routing"]>["page"]>;
type PlainEnvironment = SpecInput["environments"][string];

/** One entry of a service's `slos:`. */
export type SloInput = NonNullable<PlainService["slos"]>[number];
/** One entry of a service's `checks:`; `http` and `runbook` may come from other resources. */
export type CheckInput = Inputs<NonNullable<PlainService["checks"]>[number], "http" | "runbook">;
/** One entry of a service's `heartbeats:`. */
export type HeartbeatInput = Inputs<NonNullable<PlainService["heartbeats"]>[number], "runbook">;
/** One entry of a service's `alerts:`. */
export type AlertInput = Inputs<Omit<PlainAlert, "route">, "runbook"> & { route?: RouteInput };
/** A route: where one severity goes; `webhook` may be an Output (it is a secret either way). */
export type RouteInput = Inputs<PlainRoute, "webhook">;
/** One entry of `services:`. */
export type ServiceInput = Inputs<Omit<PlainService, "slos" | "checks" | "heartbeats" | "alerts" | "statusPage">, "runbook"> & {
  slos?: SloInput[];
  checks?: CheckInput[];
  heartbeats?: HeartbeatInput[];
  alerts?: AlertInput[];
  statusPage?: Inputs<PlainStatusPageEntry, "probe">;
};
/** The `oncall:` section: people, schedules, escalations. */
export type OnCallInput = NonNullable<SpecInput["oncall"]>;
/** The `routing:` section: where each severity goes. */
export type RoutingInput = { page?: RouteInput; ticket?: RouteInput; info?: RouteInput };
/** One entry of `dashboards:`. */
export type DashboardInput = NonNullable<SpecInput["dashboards"]>[number];
/** The `statusPage:` section; `hostname` may come from another stack. */
export type StatusPageInput = Inputs<NonNullable<SpecInput["statusPage"]>, "hostname">;
/** One environment; its `vars` values (`${vars.host}` in check URLs) may come from other resources. */
export type EnvironmentInput = Omit<PlainEnvironment, "vars"> & { vars?: Record<string, Input<string>> };
/** What a ReadinessSystem is given directly: the spec without the parts components declare. */
export type SystemSpecInput = Omit<SpecInput, "apiVersion" | "services" | "oncall" | "routing" | "dashboards" | "statusPage" | "environments"> & {
  apiVersion?: SpecInput["apiVersion"];
  environments: Record<string, EnvironmentInput>;
};
/** Stack settings as a program gives them: the Grafana datasource uid may be another resource's output. */
export type SettingsInput = Omit<RenderSettings, "grafanaDatasourceUid"> & { grafanaDatasourceUid: Input<string> };
