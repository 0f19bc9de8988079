/**
 * Type token -> the provider SDK's own `*Args` (and the resource class, for the outputs a ref may
 * read). Renderers' resources are typed through this map (`PlanResource` in plan.ts), so `tsc`
 * rejects an input the SDK does not have, a value of the wrong type or a missing required input.
 * A renderer that emits a new type token does not compile until the token is added here.
 *
 * Type-only imports: nothing here loads a provider package at run time.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as grafana from "@pulumiverse/grafana";
import type * as datadog from "@pulumi/datadog";
import type * as pagerduty from "@pulumi/pagerduty";
import type * as cloudflare from "@pulumi/cloudflare";
import type * as k8s from "@pulumi/kubernetes";

/** Every resource type a renderer may emit: its SDK args and its SDK resource class. */
export interface ResourceTypes {
  "pulumi:providers:grafana": { args: grafana.ProviderArgs; resource: grafana.Provider };
  "pulumi:providers:datadog": { args: datadog.ProviderArgs; resource: datadog.Provider };
  "pulumi:providers:pagerduty": { args: pagerduty.ProviderArgs; resource: pagerduty.Provider };
  "pulumi:providers:cloudflare": { args: cloudflare.ProviderArgs; resource: cloudflare.Provider };
  "pulumi:providers:kubernetes": { args: k8s.ProviderArgs; resource: k8s.Provider };

  "grafana:alerting/contactPoint:ContactPoint": { args: grafana.alerting.ContactPointArgs; resource: grafana.alerting.ContactPoint };
  "grafana:alerting/muteTiming:MuteTiming": { args: grafana.alerting.MuteTimingArgs; resource: grafana.alerting.MuteTiming };
  "grafana:alerting/notificationPolicy:NotificationPolicy": { args: grafana.alerting.NotificationPolicyArgs; resource: grafana.alerting.NotificationPolicy };
  "grafana:alerting/ruleGroup:RuleGroup": { args: grafana.alerting.RuleGroupArgs; resource: grafana.alerting.RuleGroup };
  "grafana:oss/dashboard:Dashboard": { args: grafana.oss.DashboardArgs; resource: grafana.oss.Dashboard };
  "grafana:oss/folder:Folder": { args: grafana.oss.FolderArgs; resource: grafana.oss.Folder };
  "grafana:syntheticMonitoring/check:Check": { args: grafana.syntheticmonitoring.CheckArgs; resource: grafana.syntheticmonitoring.Check };

  "datadog:index/dashboard:Dashboard": { args: datadog.DashboardArgs; resource: datadog.Dashboard };
  "datadog:index/dashboardJson:DashboardJson": { args: datadog.DashboardJsonArgs; resource: datadog.DashboardJson };
  "datadog:index/downtimeSchedule:DowntimeSchedule": { args: datadog.DowntimeScheduleArgs; resource: datadog.DowntimeSchedule };
  "datadog:index/monitor:Monitor": { args: datadog.MonitorArgs; resource: datadog.Monitor };
  "datadog:index/serviceLevelObjective:ServiceLevelObjective": { args: datadog.ServiceLevelObjectiveArgs; resource: datadog.ServiceLevelObjective };
  "datadog:index/syntheticsTest:SyntheticsTest": { args: datadog.SyntheticsTestArgs; resource: datadog.SyntheticsTest };
  "datadog:pagerduty/serviceObject:ServiceObject": { args: datadog.pagerduty.ServiceObjectArgs; resource: datadog.pagerduty.ServiceObject };
  "datadog:index/webhook:Webhook": { args: datadog.WebhookArgs; resource: datadog.Webhook };

  "pagerduty:index/user:User": { args: pagerduty.UserArgs; resource: pagerduty.User };
  "pagerduty:index/schedule:Schedule": { args: pagerduty.ScheduleArgs; resource: pagerduty.Schedule };
  "pagerduty:index/escalationPolicy:EscalationPolicy": { args: pagerduty.EscalationPolicyArgs; resource: pagerduty.EscalationPolicy };
  "pagerduty:index/service:Service": { args: pagerduty.ServiceArgs; resource: pagerduty.Service };
  "pagerduty:index/serviceIntegration:ServiceIntegration": { args: pagerduty.ServiceIntegrationArgs; resource: pagerduty.ServiceIntegration };

  "cloudflare:index/healthcheck:Healthcheck": { args: cloudflare.HealthcheckArgs; resource: cloudflare.Healthcheck };
  "cloudflare:index/notificationPolicy:NotificationPolicy": { args: cloudflare.NotificationPolicyArgs; resource: cloudflare.NotificationPolicy };
  "cloudflare:index/workersCronTrigger:WorkersCronTrigger": { args: cloudflare.WorkersCronTriggerArgs; resource: cloudflare.WorkersCronTrigger };
  "cloudflare:index/workersCustomDomain:WorkersCustomDomain": { args: cloudflare.WorkersCustomDomainArgs; resource: cloudflare.WorkersCustomDomain };
  "cloudflare:index/workersKvNamespace:WorkersKvNamespace": { args: cloudflare.WorkersKvNamespaceArgs; resource: cloudflare.WorkersKvNamespace };
  "cloudflare:index/workersScript:WorkersScript": { args: cloudflare.WorkersScriptArgs; resource: cloudflare.WorkersScript };

  // Registered as `kubernetes:<apiVersion>:<kind>` (customResourceType in prometheus/operator.ts).
  "kubernetes:apiextensions.k8s.io:CustomResource": { args: k8s.apiextensions.CustomResourceArgs; resource: k8s.apiextensions.CustomResource };
  "kubernetes:core/v1:Secret": { args: k8s.core.v1.SecretArgs; resource: k8s.core.v1.Secret };
}

/** Every invoke (lookup of something that exists) a renderer may emit: its SDK args and result. */
export interface InvokeTypes {
  "grafana:syntheticMonitoring/getProbes:getProbes": { args: grafana.syntheticmonitoring.GetProbesArgs; result: grafana.syntheticmonitoring.GetProbesResult };
  "pagerduty:index/getUser:getUser": { args: pagerduty.GetUserArgs; result: pagerduty.GetUserResult };
  "cloudflare:index/getWorkersScripts:getWorkersScripts": { args: cloudflare.GetWorkersScriptsArgs; result: cloudflare.GetWorkersScriptsResult };
}

/** A resource type token renderers may emit. */
export type ResourceType = keyof ResourceTypes;
/** An invoke token renderers may emit. */
export type InvokeToken = keyof InvokeTypes;

/** The SDK `*Args` of a resource type. */
export type ArgsOf<T extends ResourceType> = ResourceTypes[T]["args"];

/** `Input<T>` or `Output<T>` -> T, one level. */
export type Plain<T> = T extends pulumi.OutputInstance<infer U> ? U : T extends Promise<infer U> ? U : T;

/** Output names of a resource (its `Output` properties) or of an invoke result. */
export type OutputName<K extends ResourceType | InvokeToken> = K extends ResourceType
  ? { [P in keyof ResourceTypes[K]["resource"]]-?: ResourceTypes[K]["resource"][P] extends pulumi.OutputInstance<unknown> ? P : never }[keyof ResourceTypes[K]["resource"]] & string
  : K extends InvokeToken
    ? keyof InvokeTypes[K]["result"] & string
    : never;

/** The plain type of one output. */
export type OutputType<K extends ResourceType | InvokeToken, O extends string> = K extends ResourceType
  ? O extends keyof ResourceTypes[K]["resource"]
    ? NonNullable<Plain<ResourceTypes[K]["resource"][O]>>
    : never
  : K extends InvokeToken
    ? O extends keyof InvokeTypes[K]["result"]
      ? NonNullable<InvokeTypes[K]["result"][O]>
      : never
    : never;

/** The Pulumi type token every Kubernetes custom resource (prometheus-operator objects) is planned under. */
export const CUSTOM_RESOURCE_TYPE = "kubernetes:apiextensions.k8s.io:CustomResource";
