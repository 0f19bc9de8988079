/**
 * RenderSettings from stack config: the ids of things that already exist (a Grafana data source, a
 * Cloudflare account). The Pulumi program reads them with pulumi.Config; the offline CLI reads the
 * same keys from Pulumi.<env>.yaml, so `readiness plan` and `pulumi preview` agree.
 */
import type { Backend } from "../specification/model";
import type { Plan, PlanValue, RenderSettings } from "./plan";
import { isRef, isSecret } from "./plan";

/**
 * A stack config key: the one table the settings docs (docs/settings.md), the stack files
 * `readiness init` writes and the program's missing-config message are generated from, so they
 * cannot disagree.
 */
export interface SettingKey {
  key: string;
  /** Needed by every environment that uses its backend (else: only in the case `meaning` names). */
  required: boolean;
  /** What it is. */
  meaning: string;
  /** Where to get it. */
  where: string;
  /** What breaks without it. */
  without: string;
  /** What `readiness init` writes for it in a stack file, where the environment needs it; absent: only named in a comment. */
  placeholder?: string;
  /** Written into the stack files of environments with this backend even when nothing requires it yet. */
  writtenFor?: Backend;
}

/** Every non-secret stack config key the program reads. */
export const SETTING_KEYS: readonly SettingKey[] = [
  { key: "readiness:environment", required: false, meaning: "Environment of the spec this stack provisions (default: the stack name).", where: "A key of `environments:` in readiness.yaml.", without: "The stack name is taken; a stack named differently from every environment stops the preview." },
  { key: "readiness:spec", required: false, meaning: "Path of the spec (default: readiness.yaml).", where: "Relative to the Pulumi project folder.", without: "readiness.yaml is read." },
  { key: "readiness:grafanaDatasourceUid", required: false, meaning: "Uid of the Prometheus data source Grafana rules query (default: prometheus).", where: "Grafana: Connections > Data sources > your Prometheus; the uid is the last part of its URL.", without: "Rules and dashboards query the data source with uid `prometheus`; if there is none, every rule is in error (and the blindness alert fires)." },
  { key: "grafana:url", required: true, meaning: "Grafana URL, e.g. https://acme.grafana.net/.", where: "The address of your Grafana (Grafana Cloud: the stack's URL on grafana.com > My Account).", without: "The Grafana provider cannot connect; the preview stops.", placeholder: "https://<your-stack>.grafana.net/" },
  { key: "readiness:cloudflareAccountId", required: true, meaning: "Cloudflare account that owns the status page Worker and KV.", where: "Cloudflare dashboard: Account Home > (account) > Account ID, in the right-hand column of any zone's Overview.", without: "The status page Worker, its storage and cron cannot be created; the preview stops.", placeholder: "<cloudflare-account-id>" },
  { key: "readiness:cloudflareZoneId", required: false, meaning: "Cloudflare zone for health checks and the status page hostname.", where: "Cloudflare dashboard: the zone's Overview > API > Zone ID.", without: "No Cloudflare health checks, and the status page is served at no hostname (no custom domain; readiness enables no workers.dev address): no health check, watchdog or alert webhook is rendered for it, plan and validate warn, and the report's statusPage evidence does not hold.", placeholder: "<cloudflare-zone-id>", writtenFor: "cloudflare" },
  { key: "grafana:smUrl", required: false, meaning: "Grafana Synthetic Monitoring API URL of the stack's region, e.g. https://synthetic-monitoring-api-eu-west.grafana.net (required when an environment has checks and grafana is a backend).", where: "Grafana: Testing & synthetics > Synthetics > Config: the API URL shown there, for the stack's region.", without: "Checks cannot be created in Grafana; the preview stops.", placeholder: "https://synthetic-monitoring-api-<region>.grafana.net" },
  { key: "datadog:site", required: false, meaning: "Datadog site, e.g. datadoghq.eu; sets the provider's apiUrl (default: datadoghq.com, the US1 API).", where: "The host of the Datadog URL you log in at, without `app.` (app.datadoghq.eu: datadoghq.eu).", without: "The US1 API is used; keys of another site are refused (403) there." },
  { key: "readiness:prometheusNamespace", required: false, meaning: "Namespace of the prometheus-operator resources and of their Secret (default: monitoring).", where: "The namespace your Prometheus and Alertmanager watch for rules and configs.", without: "`monitoring` is used." },
  { key: "readiness:prometheusLabels", required: false, meaning: "Labels on every prometheus-operator resource, matching the Prometheus and Alertmanager selectors: `key=value,key=value`, e.g. release=kube-prometheus-stack.", where: "`kubectl get prometheus -A -o yaml`: its ruleSelector, probeSelector and alertmanagerConfigSelector.", without: "Prometheus may not select the rules, probes and Alertmanager config readiness creates: they exist but nothing evaluates them (the watchdog's silence then pages)." },
  { key: "readiness:blackboxProberUrl", required: false, meaning: "Blackbox exporter the Probes go through, e.g. http://prometheus-blackbox-exporter.monitoring.svc:9115 (required when an environment has checks and prometheus is a backend).", where: "The in-cluster Service of your blackbox exporter (`kubectl get svc -A | grep blackbox`).", without: "Checks cannot be rendered for prometheus; the preview stops." },
  { key: "readiness:alertmanagerSecret", required: false, meaning: "Kubernetes Secret in that namespace with `slack-api-url`, `watchdog-token` and, without the pagerduty backend, the PagerDuty routing keys `pagerduty-<service>` (default: readiness-alertmanager).", where: "Created by you (`kubectl create secret generic ...`), so the keys never pass through Pulumi state.", without: "Alertmanager cannot deliver to Slack, the status page or PagerDuty until the Secret exists." },
  { key: "readiness:kubeconfig", required: false, meaning: "Path of the kubeconfig the Kubernetes provider uses (default: $KUBECONFIG or ~/.kube/config).", where: "Your cluster access file.", without: "$KUBECONFIG or ~/.kube/config is used." },
  { key: "readiness:kubeContext", required: false, meaning: "Kubeconfig context of the cluster (default: the current context).", where: "`kubectl config get-contexts`.", without: "The kubeconfig's current context is used, whichever cluster that is at the time." },
];

/** Secrets, set with `pulumi config set --secret KEY VALUE --stack STACK`; never printed. */
export const SECRET_KEYS: readonly SettingKey[] = [
  { key: "grafana:auth", required: true, meaning: "Grafana service account token.", where: "Grafana: Administration > Users and access > Service accounts > Add service account (role Editor, or alerting, dashboards and folders write) > Add token.", without: "The Grafana provider is refused; nothing in Grafana is created." },
  { key: "grafana:smAccessToken", required: false, meaning: "Grafana Synthetic Monitoring access token (required when an environment has checks and grafana is a backend).", where: "Grafana: Testing & synthetics > Synthetics > Config > Generate access token.", without: "Synthetic checks cannot be created; the preview stops." },
  { key: "datadog:apiKey", required: true, meaning: "Datadog API key.", where: "Datadog: Organization Settings > API Keys.", without: "The Datadog provider is refused (only where datadog is a backend)." },
  { key: "datadog:appKey", required: true, meaning: "Datadog application key.", where: "Datadog: Organization Settings > Application Keys (of a service account with monitors, SLOs, synthetics and dashboards write).", without: "The Datadog provider is refused (only where datadog is a backend)." },
  { key: "pagerduty:token", required: true, meaning: "PagerDuty REST API token.", where: "PagerDuty: Integrations > API Access Keys > Create New API Key (not read-only).", without: "No services, schedules or escalation policies; nobody is paged." },
  { key: "cloudflare:apiToken", required: true, meaning: "Cloudflare API token (Workers, KV, health checks).", where: "Cloudflare: My Profile > API Tokens > Create Token with Workers Scripts, Workers KV Storage, Workers Routes, Health Checks and Notifications edit.", without: "No status page and no Cloudflare health checks." },
  { key: "readiness:statusPageAdminToken", required: true, meaning: "Bearer token for the status page's incident API.", where: "Make one: `openssl rand -hex 32`; give it to whoever posts incidents and maintenance.", without: "The incident and maintenance API refuses everyone: no incident can be posted." },
  { key: "readiness:watchdogToken", required: true, meaning: "Bearer token of the alerting pipeline: watchdogs and alert webhooks sent to the status page Worker.", where: "Make one: `openssl rand -hex 32`; readiness hands it to Grafana, Datadog and Alertmanager itself.", without: "The Worker refuses every watchdog and alert: components decided by alerts never change, and the dead man's switch pages because it hears no watchdog." },
  {
    key: "readiness:watchdogRoutingKey",
    required: true,
    meaning: "PagerDuty Events API v2 routing key the status page's dead man's switch pages with.",
    where:
      "A PagerDuty service readiness does not create: in PagerDuty, Services > New Service (e.g. `monitoring-watchdog`, escalating to whoever owns the monitoring), Integrations > Add integration > Events API V2; its Integration Key is this value. It must live outside readiness: the switch pages when readiness's own alerting (Grafana, Datadog, Alertmanager) falls silent, and a service readiness manages would be broken or removed by the same failed or destroyed deploy it is there to catch.",
    without: "The dead man's switch cannot page: if alerting goes silent, nobody hears.",
  },
  { key: "readiness:grafanaSlackToken", required: true, meaning: "Slack bot token Grafana posts with (only when a route names a Slack channel).", where: "Slack: api.slack.com/apps > your app > OAuth & Permissions > Bot User OAuth Token (scope chat:write; invite the bot to the channels).", without: "Grafana cannot post to Slack: ticket and info alerts routed to a channel are lost." },
];

/** Every stack setting by key, secrets included. */
export function settingOf(key: string): (SettingKey & { secret: boolean }) | undefined {
  const plain = SETTING_KEYS.find((s) => s.key === key);
  if (plain) return { ...plain, secret: false };
  const secret = SECRET_KEYS.find((s) => s.key === key);
  return secret && { ...secret, secret: true };
}

/**
 * A value still as `readiness init` wrote it (`<cloudflare-account-id>`,
 * `https://<your-stack>.grafana.net/`): never a real id, so it must not reach a provider.
 */
export function isPlaceholder(value: string): boolean {
  return /<[A-Za-z][\w-]*>/.test(value);
}

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

/** Builds settings from a config reader; unset required ids, and values still placeholders, become visible `<unset: key>` markers. */
export function settingsFromConfig(read: (key: string) => string | undefined): RenderSettings {
  // A placeholder left in a stack file counts as unset, so the program's missing-config message
  // names it instead of sending `<cloudflare-account-id>` to Cloudflare.
  const get = (key: string) => {
    const v = read(key);
    return v !== undefined && isPlaceholder(v) ? unset(key) : v;
  };
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
