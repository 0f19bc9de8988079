/**
 * The typed components of the tree in backends/components.ts. Each is a ComponentResource with the
 * `readiness:<area>:<Kind>` token; ReadinessStack creates them from the plan and `materialize` puts
 * each resource under its own, so `pulumi stack` output reads as the spec does.
 */
import * as pulumi from "@pulumi/pulumi";

/** Base of every readiness component: `(name, args, opts)`, outputs registered by the stack. */
export abstract class ReadinessComponent extends pulumi.ComponentResource {
  protected constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
  }

  /** Called by ReadinessStack once every child exists. */
  finish(outputs: pulumi.Inputs = {}): void {
    this.registerOutputs(outputs);
  }
}

/** PagerDuty users, schedules and escalation policies. */
export class OnCall extends ReadinessComponent {
  static readonly type = "readiness:oncall:OnCall";
  constructor(name: string, _args: object = {}, opts?: pulumi.ComponentResourceOptions) {
    super(OnCall.type, name, opts);
  }
}

/** Contact points, notification policy and the alert folder. */
export class AlertRouting extends ReadinessComponent {
  static readonly type = "readiness:routing:AlertRouting";
  constructor(name: string, _args: object = {}, opts?: pulumi.ComponentResourceOptions) {
    super(AlertRouting.type, name, opts);
  }
}

/** Everything that watches one service: PagerDuty service, rules, checks, monitors, dashboard. */
export class ServiceMonitoring extends ReadinessComponent {
  static readonly type = "readiness:service:ServiceMonitoring";
  constructor(name: string, _args: object = {}, opts?: pulumi.ComponentResourceOptions) {
    super(ServiceMonitoring.type, name, opts);
  }
}

/** One SLO: its Datadog SLO and burn-rate monitors (its Prometheus rules live in the service's group). */
export class ServiceSlo extends ReadinessComponent {
  static readonly type = "readiness:slo:ServiceSlo";
  constructor(name: string, _args: object = {}, opts?: pulumi.ComponentResourceOptions) {
    super(ServiceSlo.type, name, opts);
  }
}

/** The system overview and the spec's own dashboards. */
export class Dashboards extends ReadinessComponent {
  static readonly type = "readiness:dashboards:Dashboards";
  constructor(name: string, _args: object = {}, opts?: pulumi.ComponentResourceOptions) {
    super(Dashboards.type, name, opts);
  }
}

/** The public status page: Worker, KV, cron trigger, custom domain. */
export class StatusPage extends ReadinessComponent {
  static readonly type = "readiness:statuspage:StatusPage";
  constructor(name: string, _args: object = {}, opts?: pulumi.ComponentResourceOptions) {
    super(StatusPage.type, name, opts);
  }
}

/** Component classes by type token. */
export const COMPONENT_CLASSES: Record<string, new (name: string, args: object, opts?: pulumi.ComponentResourceOptions) => ReadinessComponent> = {
  [OnCall.type]: OnCall,
  [AlertRouting.type]: AlertRouting,
  [ServiceMonitoring.type]: ServiceMonitoring,
  [ServiceSlo.type]: ServiceSlo,
  [Dashboards.type]: Dashboards,
  [StatusPage.type]: StatusPage,
};
