/**
 * RenderSettings from stack config: the ids of things that already exist (a Grafana data source, a
 * Cloudflare account). The Pulumi program reads them with pulumi.Config; the offline CLI reads the
 * same keys from Pulumi.<env>.yaml, so `readiness plan` and `pulumi preview` agree.
 */
import type { Plan, PlanValue, RenderSettings } from "./plan";
import { isRef, isSecret } from "./plan";

/** A stack config key, the setting it feeds, and what it means. */
export interface SettingKey {
  key: string;
  required: boolean;
  meaning: string;
}

/** Every non-secret stack config key the program reads (documented in the README). */
export const SETTING_KEYS: readonly SettingKey[] = [
  { key: "readiness:environment", required: false, meaning: "Environment of the spec this stack provisions (default: the stack name)." },
  { key: "readiness:spec", required: false, meaning: "Path of the spec (default: readiness.yaml)." },
  { key: "readiness:grafanaDatasourceUid", required: false, meaning: "Uid of the Prometheus data source Grafana rules query (default: prometheus)." },
  { key: "grafana:url", required: true, meaning: "Grafana URL, e.g. https://acme.grafana.net/." },
  { key: "readiness:cloudflareAccountId", required: true, meaning: "Cloudflare account that owns the status page Worker and KV." },
  { key: "readiness:cloudflareZoneId", required: false, meaning: "Cloudflare zone for health checks and the status page hostname." },
  { key: "grafana:smUrl", required: false, meaning: "Grafana Synthetic Monitoring API URL of the stack's region, e.g. https://synthetic-monitoring-api-eu-west.grafana.net (required when an environment has checks and grafana is a backend)." },
  { key: "datadog:site", required: false, meaning: "Datadog site, e.g. datadoghq.eu; sets the provider's apiUrl (default: datadoghq.com, the US1 API)." },
  { key: "readiness:prometheusNamespace", required: false, meaning: "Namespace of the prometheus-operator resources and of their Secret (default: monitoring)." },
  { key: "readiness:prometheusLabels", required: false, meaning: "Labels on every prometheus-operator resource, matching the Prometheus and Alertmanager selectors: `key=value,key=value`, e.g. release=kube-prometheus-stack." },
  { key: "readiness:blackboxProberUrl", required: false, meaning: "Blackbox exporter the Probes go through, e.g. http://prometheus-blackbox-exporter.monitoring.svc:9115 (required when an environment has checks and prometheus is a backend)." },
  { key: "readiness:alertmanagerSecret", required: false, meaning: "Kubernetes Secret in that namespace with `slack-api-url`, `watchdog-token` and, without the pagerduty backend, the PagerDuty routing keys `pagerduty-<service>` (default: readiness-alertmanager)." },
  { key: "readiness:kubeconfig", required: false, meaning: "Path of the kubeconfig the Kubernetes provider uses (default: $KUBECONFIG or ~/.kube/config)." },
  { key: "readiness:kubeContext", required: false, meaning: "Kubeconfig context of the cluster (default: the current context)." },
];

/** Secrets, set with `pulumi config set --secret KEY VALUE --stack STACK`; never printed. */
export const SECRET_KEYS: readonly SettingKey[] = [
  { key: "grafana:auth", required: true, meaning: "Grafana service account token." },
  { key: "grafana:smAccessToken", required: false, meaning: "Grafana Synthetic Monitoring access token (required when an environment has checks and grafana is a backend)." },
  { key: "datadog:apiKey", required: true, meaning: "Datadog API key." },
  { key: "datadog:appKey", required: true, meaning: "Datadog application key." },
  { key: "pagerduty:token", required: true, meaning: "PagerDuty REST API token." },
  { key: "cloudflare:apiToken", required: true, meaning: "Cloudflare API token (Workers, KV, health checks)." },
  { key: "readiness:statusPageAdminToken", required: true, meaning: "Bearer token for the status page's incident API." },
  { key: "readiness:watchdogToken", required: true, meaning: "Bearer token of the alerting pipeline: watchdogs and alert webhooks sent to the status page Worker." },
  { key: "readiness:watchdogRoutingKey", required: true, meaning: "PagerDuty Events API v2 routing key the status page's dead man's switch pages with." },
  { key: "readiness:grafanaSlackToken", required: true, meaning: "Slack bot token Grafana posts with (only when a route names a Slack channel)." },
];

/** The stack config keys a plan reads: secrets it references and settings still unset in it. */
export function configKeysOf(plan: Plan): { secrets: string[]; unset: string[] } {
  const secrets = new Set<string>();
  const unsetKeys = new Set<string>();
  const walk = (v: PlanValue): void => {
    if (isSecret(v)) secrets.add(v.$secret);
    else if (typeof v === "string") {
      const m = /^<unset: ([^>]+)>$/.exec(v);
      if (m) unsetKeys.add(m[1]);
    } else if (isRef(v) || v === null || typeof v !== "object") return;
    else (Array.isArray(v) ? v : Object.values(v)).forEach(walk);
  };
  for (const r of plan.resources) walk(r.inputs);
  for (const l of plan.lookups) walk(l.args);
  return { secrets: [...secrets].sort(), unset: [...unsetKeys].sort() };
}

/** Defaults of the prometheus backend's optional settings. */
export const PROMETHEUS_DEFAULTS = { namespace: "monitoring", alertmanagerSecret: "readiness-alertmanager" } as const;

/** Placeholder shown by the offline plan for an id that stack config does not set yet. */
export function unset(key: string): string {
  return `<unset: ${key}>`;
}

/** Builds settings from a config reader; unset required ids become visible placeholders. */
export function settingsFromConfig(get: (key: string) => string | undefined): RenderSettings {
  return {
    grafanaDatasourceUid: get("readiness:grafanaDatasourceUid") ?? "prometheus",
    grafanaUrl: get("grafana:url"),
    grafanaSmUrl: get("grafana:smUrl"),
    datadogSite: get("datadog:site"),
    cloudflareAccountId: get("readiness:cloudflareAccountId") ?? unset("readiness:cloudflareAccountId"),
    cloudflareZoneId: get("readiness:cloudflareZoneId"),
    prometheusNamespace: get("readiness:prometheusNamespace"),
    prometheusLabels: parseLabels(get("readiness:prometheusLabels") ?? ""),
    blackboxProberUrl: get("readiness:blackboxProberUrl"),
    alertmanagerSecret: get("readiness:alertmanagerSecret"),
    kubeconfig: get("readiness:kubeconfig"),
    kubeContext: get("readiness:kubeContext"),
  };
}

/** `release=kube-prometheus-stack, team=sre` -> labels; a pair without `=` is an error naming the key. */
export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new Error(`readiness:prometheusLabels: expected key=value pairs separated by commas, got ${JSON.stringify(pair)}`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}

/** Reads the plain (non-secret) values of a Pulumi.<stack>.yaml `config:` block. */
export function plainStackConfig(doc: unknown): Record<string, string> {
  const config = (doc as { config?: Record<string, unknown> } | null)?.config ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  return out;
}
