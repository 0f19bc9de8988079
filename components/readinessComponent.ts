/**
 * The typed components of the tree in plan/components.ts. Each is a ComponentResource with the
 * `readiness:<area>:<Kind>` token. Two ways in:
 * - ReadinessStack builds the tree from a rendered Plan (the YAML path) with `{}` args;
 * - a TypeScript program declares them one after another under a `new ReadinessSystem(...)`, with
 *   the spec's own types as args (the part of readiness.yaml each stands for), and the system
 *   renders them through the same code as the YAML path. See examples/typescript/.
 * Every component's outputs (ids, URLs, keys) are Outputs that resolve once its resources exist.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CheckInput, DashboardInput, HeartbeatInput, OnCallInput, RoutingInput, ServiceInput, SloInput, StatusPageInput } from "./parts";

/** The system a component joins (components/readinessSystem.ts); an interface here so the two files do not import each other. */
export interface SystemDeclarations {
  /** Called by each declared component's constructor; the system renders them all together (components/readinessSystem.ts). */
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

/** Base of every readiness component: `(name, args, opts)`; outputs resolve once its resources exist. */
export abstract class ReadinessComponent extends pulumi.ComponentResource {
  private readonly createdResources: Record<string, pulumi.Resource> = {};
  private settle!: (created: Record<string, pulumi.Resource>) => void;
  private readonly created = new Promise<Record<string, pulumi.Resource>>((resolve) => (this.settle = resolve));
  /** Provider ids of every resource of this component, by `type::logical name` as `readiness plan` prints them. */
  readonly ids: pulumi.Output<Record<string, string>>;

  protected constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
    this.ids = this.outputOf((rs) => pulumi.all(Object.fromEntries(Object.entries(rs).map(([k, r]) => [k, (r as pulumi.CustomResource).id]))));
  }

  /** The provider resources created under this component, by `type::logical name` as `readiness plan` prints them (filled once the system has rendered). */
  get resources(): Readonly<Record<string, pulumi.Resource>> {
    return this.createdResources;
  }

  /**
   * An output computed from this component's resources. Resources exist only once the system has
   * rendered every part, so outputs are declared now and resolve then, carrying the resources'
   * dependencies and secrecy.
   */
  protected outputOf<T>(f: (created: Record<string, pulumi.Resource>) => pulumi.Input<T>): pulumi.Output<T> {
    return pulumi.output(this.created).apply(f) as pulumi.Output<T>;
  }

  /** Output `prop` of each resource of type `type`, by logical name. */
  protected byName(type: string, prop: string): pulumi.Output<Record<string, string>> {
    return this.outputOf((rs) => pulumi.all(Object.fromEntries(Object.entries(rs).flatMap(([k, r]) => (k.startsWith(`${type}::`) ? [[k.slice(type.length + 2), (r as unknown as Record<string, pulumi.Output<string>>)[prop]]] : [])))));
  }

  /** Output `prop` of this component's resource of type `type`, or undefined when the environment has none. */
  protected first(type: string, prop: string): pulumi.Output<string | undefined> {
    return this.byName(type, prop).apply((m) => Object.values(m)[0]);
  }

  /** The outputs this component registers (each subclass names its own). */
  protected abstract outputs(): Record<string, pulumi.Output<unknown>>;

  /** Called by the stack or system once every resource exists. */
  finish(created: Record<string, pulumi.Resource>): void {
    Object.assign(this.createdResources, created);
    this.settle(created);
    this.registerOutputs({ ids: this.ids, ...this.outputs() });
  }
}

/** Where a system-level component joins: its ReadinessSystem, which is also its parent unless `opts.parent` says otherwise. */
interface SystemArg {
  /** The ReadinessSystem this declares a part of. */
  system: SystemDeclarations & pulumi.Resource;
}

/** The options with the parent defaulted to `parent`. */
function under(parent: pulumi.Resource | undefined, opts?: pulumi.ComponentResourceOptions): pulumi.ComponentResourceOptions | undefined {
  return parent && !opts?.parent ? { ...opts, parent } : opts;
}

const PD_SERVICE = "pagerduty:index/service:Service";
const PD_INTEGRATION = "pagerduty:index/serviceIntegration:ServiceIntegration";
const GRAFANA_DASHBOARD = "grafana:oss/dashboard:Dashboard";

/** Args of an OnCall declared in TypeScript: people, rotations and escalation policies, as under `oncall:` in readiness.yaml. */
export interface OnCallArgs extends SystemArg {
  oncall: OnCallInput;
}

/** PagerDuty users, schedules and escalation policies. */
export class OnCall extends ReadinessComponent {
  static readonly type = "readiness:oncall:OnCall";
  /** PagerDuty schedule ids by spec schedule id (empty without the pagerduty backend). */
  readonly scheduleIds: pulumi.Output<Record<string, string>>;
  /** PagerDuty escalation policy ids by spec escalation id. */
  readonly escalationPolicyIds: pulumi.Output<Record<string, string>>;
  constructor(name: string, args: OnCallArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(OnCall.type, name, under("system" in args ? args.system : undefined, opts));
    this.scheduleIds = this.byName("pagerduty:index/schedule:Schedule", "id");
    this.escalationPolicyIds = this.byName("pagerduty:index/escalationPolicy:EscalationPolicy", "id");
    if ("system" in args) args.system.declare({ kind: "oncall", component: this, oncall: args.oncall });
  }
  protected outputs() {
    return { scheduleIds: this.scheduleIds, escalationPolicyIds: this.escalationPolicyIds };
  }
}

/** Args of AlertRouting declared in TypeScript: where each severity goes, as under `routing:` in readiness.yaml. */
export interface AlertRoutingArgs extends SystemArg {
  routing: RoutingInput;
}

/** Contact points, notification policy and the alert folder. */
export class AlertRouting extends ReadinessComponent {
  static readonly type = "readiness:routing:AlertRouting";
  /** Grafana contact point names by logical name (what a rule or policy of your own routes to). */
  readonly contactPoints: pulumi.Output<Record<string, string>>;
  /** Uid of the Grafana folder the alert rules live in, when grafana is a backend. */
  readonly folderUid: pulumi.Output<string | undefined>;
  constructor(name: string, args: AlertRoutingArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(AlertRouting.type, name, under("system" in args ? args.system : undefined, opts));
    this.contactPoints = this.byName("grafana:alerting/contactPoint:ContactPoint", "name");
    this.folderUid = this.first("grafana:oss/folder:Folder", "uid");
    if ("system" in args) args.system.declare({ kind: "routing", component: this, routing: args.routing });
  }
  protected outputs() {
    return { contactPoints: this.contactPoints, folderUid: this.folderUid };
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
  /** The PagerDuty service's id, when pagerduty is a backend. */
  readonly pagerdutyServiceId: pulumi.Output<string | undefined>;
  /** The PagerDuty service's Events API v2 integration key (a secret: it lets anyone page this service). */
  readonly pagerdutyIntegrationKey: pulumi.Output<string | undefined>;
  /** URL of the service's Grafana dashboard, when grafana is a backend. */
  readonly dashboardUrl: pulumi.Output<string | undefined>;
  constructor(name: string, args: ServiceMonitoringArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(ServiceMonitoring.type, name, under("system" in args ? args.system : undefined, opts));
    this.serviceId = name;
    this.pagerdutyServiceId = this.first(PD_SERVICE, "id");
    this.pagerdutyIntegrationKey = pulumi.secret(this.first(PD_INTEGRATION, "integrationKey"));
    this.dashboardUrl = this.first(GRAFANA_DASHBOARD, "url");
    if ("system" in args) args.system.declare({ kind: "service", component: this, service: { ...args.service, id: name } });
  }
  protected outputs() {
    return { pagerdutyServiceId: this.pagerdutyServiceId, pagerdutyIntegrationKey: this.pagerdutyIntegrationKey, dashboardUrl: this.dashboardUrl };
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
  if (!system) throw new pulumi.RunError(`service ${service.serviceId} was not declared in a ReadinessSystem: give it { system }`);
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
  /** The Datadog SLO's id, when datadog is a backend. */
  readonly datadogSloId: pulumi.Output<string | undefined>;
  constructor(name: string, args: ServiceSloArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(ServiceSlo.type, name, under("service" in args ? args.service : undefined, opts));
    this.datadogSloId = this.first("datadog:index/serviceLevelObjective:ServiceLevelObjective", "id");
    if ("service" in args) declaredService(args.service).declare({ kind: "slo", component: this, service: args.service, slo: { ...args.slo, id: name } });
  }
  protected outputs() {
    return { datadogSloId: this.datadogSloId };
  }
}

/** Args of a check declared in TypeScript: one entry of a service's `checks:` without its id (the component's name); `http` may be an Output. */
export interface CheckArgs {
  service: ServiceMonitoring;
  check: Omit<CheckInput, "id">;
}

/** One synthetic HTTP check: its probe in each backend (Grafana synthetic monitoring, Datadog synthetics, Cloudflare health check). */
export class Check extends ReadinessComponent {
  static readonly type = "readiness:check:Check";
  /** The Grafana Synthetic Monitoring check's id, when grafana is a backend. */
  readonly grafanaCheckId: pulumi.Output<string | undefined>;
  /** The Datadog synthetics test's id, when datadog is a backend. */
  readonly datadogTestId: pulumi.Output<string | undefined>;
  /** The Cloudflare health check's id, when cloudflare is a backend and a zone is set. */
  readonly cloudflareHealthcheckId: pulumi.Output<string | undefined>;
  constructor(name: string, args: CheckArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Check.type, name, under(args.service, opts));
    this.grafanaCheckId = this.first("grafana:syntheticMonitoring/check:Check", "id");
    this.datadogTestId = this.first("datadog:index/syntheticsTest:SyntheticsTest", "id");
    this.cloudflareHealthcheckId = this.first("cloudflare:index/healthcheck:Healthcheck", "id");
    declaredService(args.service).declare({ kind: "check", component: this, service: args.service, check: { ...args.check, id: name } });
  }
  protected outputs() {
    return { grafanaCheckId: this.grafanaCheckId, datadogTestId: this.datadogTestId, cloudflareHealthcheckId: this.cloudflareHealthcheckId };
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
  /** The Datadog monitor's id, when datadog is a backend (in Grafana a heartbeat is a rule of its service's group). */
  readonly datadogMonitorId: pulumi.Output<string | undefined>;
  constructor(name: string, args: HeartbeatArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Heartbeat.type, name, under(args.service, opts));
    this.datadogMonitorId = this.first("datadog:index/monitor:Monitor", "id");
    declaredService(args.service).declare({ kind: "heartbeat", component: this, service: args.service, heartbeat: { ...args.heartbeat, id: name } });
  }
  protected outputs() {
    return { datadogMonitorId: this.datadogMonitorId };
  }
}

/** Args of Dashboards declared in TypeScript: the spec's own dashboards, as under `dashboards:` (the system overview is always made). */
export interface DashboardsArgs extends SystemArg {
  dashboards: DashboardInput[];
}

/** The system overview and the spec's own dashboards. */
export class Dashboards extends ReadinessComponent {
  static readonly type = "readiness:dashboards:Dashboards";
  /** Grafana dashboard URLs by logical name. */
  readonly urls: pulumi.Output<Record<string, string>>;
  /** Grafana dashboard uids by logical name. */
  readonly uids: pulumi.Output<Record<string, string>>;
  constructor(name: string, args: DashboardsArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(Dashboards.type, name, under("system" in args ? args.system : undefined, opts));
    this.urls = this.byName(GRAFANA_DASHBOARD, "url");
    this.uids = this.byName(GRAFANA_DASHBOARD, "uid");
    if ("system" in args) args.system.declare({ kind: "dashboards", component: this, dashboards: args.dashboards });
  }
  protected outputs() {
    return { urls: this.urls, uids: this.uids };
  }
}

/** Args of a StatusPage declared in TypeScript: as under `statusPage:` in readiness.yaml (services join it with their own `statusPage`); `hostname` may be an Output. */
export interface StatusPageArgs extends SystemArg {
  statusPage: StatusPageInput;
}

/** The public status page: Worker, state, cron trigger, custom domain. */
export class StatusPage extends ReadinessComponent {
  static readonly type = "readiness:statuspage:StatusPage";
  /** The page's public URL, `https://<hostname>/`, when cloudflare is a backend. */
  readonly url: pulumi.Output<string | undefined>;
  /** The Worker script's name. */
  readonly workerName: pulumi.Output<string | undefined>;
  constructor(name: string, args: StatusPageArgs | Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super(StatusPage.type, name, under("system" in args ? args.system : undefined, opts));
    this.url = this.first("cloudflare:index/workersCustomDomain:WorkersCustomDomain", "hostname").apply((h) => (h === undefined ? undefined : `https://${h}/`));
    this.workerName = this.first("cloudflare:index/workersScript:WorkersScript", "scriptName");
    if ("system" in args) args.system.declare({ kind: "statusPage", component: this, statusPage: args.statusPage });
  }
  protected outputs() {
    return { url: this.url, workerName: this.workerName };
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
