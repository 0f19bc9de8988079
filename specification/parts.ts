/**
 * The parts of a spec as TypeScript data, each the zod schema's input type for one section of
 * readiness.yaml: what the component library's args are made of (components/readinessComponent.ts).
 */
import type { SpecInput } from "./loadModels";

/** One entry of `services:`. */
export type ServiceInput = SpecInput["services"][number];
/** One entry of a service's `slos:`. */
export type SloInput = NonNullable<ServiceInput["slos"]>[number];
/** One entry of a service's `checks:`. */
export type CheckInput = NonNullable<ServiceInput["checks"]>[number];
/** One entry of a service's `heartbeats:`. */
export type HeartbeatInput = NonNullable<ServiceInput["heartbeats"]>[number];
/** The `oncall:` section: people, schedules, escalations. */
export type OnCallInput = NonNullable<SpecInput["oncall"]>;
/** The `routing:` section: where each severity goes. */
export type RoutingInput = NonNullable<SpecInput["routing"]>;
/** One entry of `dashboards:`. */
export type DashboardInput = NonNullable<SpecInput["dashboards"]>[number];
/** The `statusPage:` section. */
export type StatusPageInput = NonNullable<SpecInput["statusPage"]>;
/** What a ReadinessSystem is given directly: the spec without the parts components declare. */
export type SystemSpecInput = Omit<SpecInput, "apiVersion" | "services" | "oncall" | "routing" | "dashboards" | "statusPage"> & { apiVersion?: SpecInput["apiVersion"] };
