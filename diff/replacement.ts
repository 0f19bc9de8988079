/**
 * Which resource changes lose on-call state. Deleting or replacing a PagerDuty schedule, escalation
 * policy or service drops its history, overrides and open incidents, and a new integration has a
 * new key every sender must be given; replacing the status page KV loses its probe history.
 */

/** Resource types whose deletion or replacement a reviewer must be warned about. */
export const ON_CALL_TYPES: ReadonlySet<string> = new Set([
  "pagerduty:index/schedule:Schedule",
  "pagerduty:index/escalationPolicy:EscalationPolicy",
  "pagerduty:index/service:Service",
  "pagerduty:index/serviceIntegration:ServiceIntegration",
  "cloudflare:index/workersKvNamespace:WorkersKvNamespace",
]);

/**
 * Inputs the providers cannot update in place (ForceNew in the upstream Terraform providers): a
 * change to one of them makes `pulumi up` delete and recreate the resource. Deliberately small and
 * limited to what this project's renderers set; `pulumi preview` remains the authority.
 */
export const REPLACE_ON_CHANGE: Readonly<Record<string, readonly string[]>> = {
  "pagerduty:index/serviceIntegration:ServiceIntegration": ["service", "type", "vendor"],
  "cloudflare:index/workersKvNamespace:WorkersKvNamespace": ["accountId"],
  "cloudflare:index/workersScript:WorkersScript": ["accountId", "scriptName"],
  "cloudflare:index/workersCustomDomain:WorkersCustomDomain": ["accountId", "zoneId"],
  "cloudflare:index/healthcheck:Healthcheck": ["zoneId"],
  "grafana:alerting/ruleGroup:RuleGroup": ["folderUid", "name", "orgId"],
};

/** The changed input paths (dotted, from the inputs' top) that force a replacement of this type. */
export function replacingPaths(type: string, changedPaths: readonly string[]): string[] {
  const keys = REPLACE_ON_CHANGE[type] ?? [];
  return changedPaths.filter((p) => keys.some((k) => p === k || p.startsWith(`${k}.`) || p.startsWith(`${k}[`)));
}
