/**
 * The typed components of the tree in plan/components.ts. Each is a ComponentResource with the
 * `readiness:<area>:<Kind>` token. Two ways in:
 * - ReadinessStack builds the tree from a rendered Plan (the YAML path) with `{}` args;
 * - a TypeScript program declares them inside `new ReadinessSystem(..., { define })` with the
 *   spec's own types as args (the part of readiness.yaml each stands for), and the system renders
 *   them through the same code as the YAML path. See examples/typescript/.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CheckInput, DashboardInput, HeartbeatInput, OnCallInput, RoutingInput, ServiceInput, SloInput, StatusPageInput } from "../specification/parts";

/** The system a component joins (components/readinessSystem.ts); an interface here so the two files do not import each other. */
export interface SystemDeclarations {
  /** Called by each declared component's constructor; the system renders them once `define` returns. */
  declare(part: DeclaredPart): void;
}

/** One declared component and the part of the spec it stands for. */
export type DeclaredPart =
  | { kind: "oncall"; component: OnCall; oncall: OnCallInput }
  | { kind: "routing"; component: AlertRouting; routing: RoutingInput }
  | { kind: "service"; component: ServiceMonitoring; service: ServiceInput }
  | { kind: "slo"; component: ServiceSlo; service: ServiceMonitoring; slo: SloInput }
  | { kind: "check"; component: Check; service: ServiceMonitoring; check: CheckInput }
  | { kind: "heartbeat"; component: Heartbeat; service: ServiceMonitoring; heartbeat: HeartbeatInput }
  | { kind: "dashboards"; component: Dashboards; dashboards: DashboardInput[] }
  | { kind: "statusPage"; component: StatusPage; statusPage: StatusPageInput };

/** Base of every readiness component: `(name, args, opts)`; outputs are registered once its resources exist. */
export abstract class ReadinessComponent extends pulumi.ComponentResource {
  private readonly createdResources: Record<string, pulumi.Resource> = {};

  protected constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
  }

  /** The provider resources created under this component, by `type::logical name` as `readiness plan` prints them. */
  get resources(): Readonly<Record<string, pulumi.Resource>> {
    return this.createdResources;
  }

  /** Called by the stack or system once every resource exists. */
  finish(created: Record<string, pulumi.Resource>): void {
    Object.assign(this.createdResources, created);
    this.registerOutputs({ resources: Object.keys(created).sort() });
  }
}

/** Where a system-level component joins: `system` given explicitly, or none for the plan-driven tree. */
interface SystemArg {
  /** The ReadinessSystem this declares a part of (inside its `define`). */
  system: SystemDeclarations & pulumi.Resource;
}

/** The options with the parent defaulted to `parent`. */
function under(parent: pulumi.Resource | undefined, opts?: pulumi.ComponentResourceOptions): pulumi.ComponentResourceOptions | undefined {
  return parent && !opts?.parent ? { ...opts, parent } : opts;
}

/** Args of an OnCall declared in TypeScript: people, rotations and escalation policies, as under `oncall:` in readiness.yaml. */
export interface OnCallArgs extends SystemArg {
  oncall: OnCallInput;
}

/** PagerDuty users, schedules and escalation policies. */
export class OnCall extends ReadinessComponent {
  static readonly type = "readiness:oncall:OnCall";
  constructor(name: string, args: OnCallArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(OnCall.type, name, under("system" in args ? args.system : undefined, opts));
    if ("system" in args) args.system.declare({ kind: "oncall", component: this, oncall: args.oncall });
  }
}

/** Args of AlertRouting declared in TypeScript: where each severity goes, as under `routing:` in readiness.yaml. */
export interface AlertRoutingArgs extends SystemArg {
  routing: RoutingInput;
}

/** Contact points, notification policy and the alert folder. */
export class AlertRouting extends ReadinessComponent {
  static readonly type = "readiness:routing:AlertRouting";
  constructor(name: string, args: AlertRoutingArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(AlertRouting.type, name, under("system" in args ? args.system : undefined, opts));
    if ("system" in args) args.system.declare({ kind: "routing", component: this, routing: args.routing });
  }
}

/** Args of a service declared in TypeScript: one entry of `services:` without its id (the component's name is the id). */
export interface ServiceMonitoringArgs extends SystemArg {
  service: Omit<ServiceInput, "id">;
}

/** Everything that watches one service: PagerDuty service, rules, checks, monitors, dashboard. */
export class ServiceMonitoring extends ReadinessComponent {
  static readonly type = "readiness:service:ServiceMonitoring";
  /** The spec id of the service (the component's name). */
  readonly serviceId: string;
  constructor(name: string, args: ServiceMonitoringArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(ServiceMonitoring.type, name, under("system" in args ? args.system : undefined, opts));
    this.serviceId = name;
    if ("system" in args) args.system.declare({ kind: "service", component: this, service: { ...args.service, id: name } });
  }
}

/** Args of an SLO declared in TypeScript: one entry of a service's `slos:` without its id (the component's name). */
export interface ServiceSloArgs {
  /** The service the objective belongs to; the SLO is its child unless `opts.parent` says otherwise. */
  service: ServiceMonitoring;
  slo: Omit<SloInput, "id">;
}

/** A service part declared in TypeScript: the service it belongs to must itself have been declared in a system. */
function declaredService(service: ServiceMonitoring): SystemDeclarations {
  const system = systems.get(service);
  if (!system) throw new pulumi.RunError(`service ${service.serviceId} was not declared in a ReadinessSystem: give it { system } inside the system's define`);
  return system;
}

/** Which system each declared service belongs to, so its SLOs, checks and heartbeats join the same one. */
const systems = new WeakMap<ServiceMonitoring, SystemDeclarations>();

/** Records that `service` belongs to `system` (called by the system when the service declares itself). */
export function belongsTo(service: ServiceMonitoring, system: SystemDeclarations): void {
  systems.set(service, system);
}

/** One SLO: its Datadog SLO and burn-rate monitors (its Prometheus rules live in the service's group). */
export class ServiceSlo extends ReadinessComponent {
  static readonly type = "readiness:slo:ServiceSlo";
  constructor(name: string, args: ServiceSloArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(ServiceSlo.type, name, under("service" in args ? args.service : undefined, opts));
    if ("service" in args) declaredService(args.service).declare({ kind: "slo", component: this, service: args.service, slo: { ...args.slo, id: name } });
  }
}

/** Args of a check declared in TypeScript: one entry of a service's `checks:` without its id (the component's name). */
export interface CheckArgs {
  service: ServiceMonitoring;
  check: Omit<CheckInput, "id">;
}

/** One synthetic HTTP check: its probe in each backend (Grafana synthetic monitoring, Datadog synthetics, Cloudflare health check). */
export class Check extends ReadinessComponent {
  static readonly type = "readiness:check:Check";
  constructor(name: string, args: CheckArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Check.type, name, under(args.service, opts));
    declaredService(args.service).declare({ kind: "check", component: this, service: args.service, check: { ...args.check, id: name } });
  }
}

/** Args of a heartbeat declared in TypeScript: one entry of a service's `heartbeats:` without its id (the component's name). */
export interface HeartbeatArgs {
  service: ServiceMonitoring;
  heartbeat: Omit<HeartbeatInput, "id">;
}

/** One scheduled job's dead man's switch: the monitor that fires when it stops reporting success. */
export class Heartbeat extends ReadinessComponent {
  static readonly type = "readiness:heartbeat:Heartbeat";
  constructor(name: string, args: HeartbeatArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Heartbeat.type, name, under(args.service, opts));
    declaredService(args.service).declare({ kind: "heartbeat", component: this, service: args.service, heartbeat: { ...args.heartbeat, id: name } });
  }
}

/** Args of Dashboards declared in TypeScript: the spec's own dashboards, as under `dashboards:` (the system overview is always made). */
export interface DashboardsArgs extends SystemArg {
  dashboards: DashboardInput[];
}

/** The system overview and the spec's own dashboards. */
export class Dashboards extends ReadinessComponent {
  static readonly type = "readiness:dashboards:Dashboards";
  constructor(name: string, args: DashboardsArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(Dashboards.type, name, under("system" in args ? args.system : undefined, opts));
    if ("system" in args) args.system.declare({ kind: "dashboards", component: this, dashboards: args.dashboards });
  }
}

/** Args of a StatusPage declared in TypeScript: as under `statusPage:` in readiness.yaml (services join it with their own `statusPage`). */
export interface StatusPageArgs extends SystemArg {
  statusPage: StatusPageInput;
}

/** The public status page: Worker, state, cron trigger, custom domain. */
export class StatusPage extends ReadinessComponent {
  static readonly type = "readiness:statuspage:StatusPage";
  constructor(name: string, args: StatusPageArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(StatusPage.type, name, under("system" in args ? args.system : undefined, opts));
    if ("system" in args) args.system.declare({ kind: "statusPage", component: this, statusPage: args.statusPage });
  }
}

/** Component classes of the plan's tree by type token (the plan-driven path creates them with `{}`). */
export const COMPONENT_CLASSES: Record<string, new (name: string, args: Record<string, never>, opts?: pulumi.ComponentResourceOptions) => ReadinessComponent> = {
  [OnCall.type]: OnCall,
  [AlertRouting.type]: AlertRouting,
  [ServiceMonitoring.type]: ServiceMonitoring,
  [ServiceSlo.type]: ServiceSlo,
  [Dashboards.type]: Dashboards,
  [StatusPage.type]: StatusPage,
};
