/**
 * The Alertmanager configuration of one environment: the spec's `routing` as a routing tree,
 * receivers for its targets, grouping and inhibition. `readiness export alertmanager` prints it.
 *
 * Choices, where the issue left them open:
 * - PagerDuty: one Events API v2 receiver per spec service, because the PagerDuty backend creates
 *   one PagerDuty service (and integration key) per spec service; the key is read by Alertmanager
 *   from `<pagerdutyKeyDir>/<service id>` (`routing_key_file`), so no secret is ever printed.
 * - With `paging: false` no PagerDuty receiver is generated at all: an alert labelled `page` (which
 *   the rules never produce there) goes to the ticket targets, so nothing can wake anyone.
 * - Alerts are grouped by env, service, slo and severity: the fast and slow burn of one SLO arrive
 *   as one notification (one PagerDuty incident), checks of a service group together.
 * - A page inhibits the ticket of the same SLO (equal env, service, slo); only alerts carrying an
 *   `slo` label take part, because Alertmanager treats two missing labels as equal.
 * - An alert no route matches (another env, no severity) goes to the ticket's chat/email targets
 *   (else info's): nothing the rules send is dropped silently.
 * - The optional webhook receives every alert (`continue: true`), e.g. for an incident log.
 * - Route overrides (docs/routing.md) come before the severity routes and do not continue, so each
 *   replaces the default of its severity: one route per alert route (matching env, service, alert
 *   and severity), then one per service route (env, service, severity), each with its own receiver
 *   `alert/<service>/<alert>/<severity>` or `service/<service>/<severity>`.
 * - A route's `urgency` fixes the Events v2 severity its PagerDuty notifier sends (`critical` for
 *   high, `warning` for low); PagerDuty's severity-based urgency rule turns that into urgency.
 * - A route's webhook URL may carry a token, so it is read from `<webhookUrlDir>/<name>`
 *   (`url_file`, which Alertmanager 0.25 lacks; check your version) where `<name>` is its host and a digest; with
 *   `inlineWebhookUrls` the URL is written in full for older Alertmanagers.
 * - The always-firing watchdog (`watchdog="true"`) goes first, and only, to the status page
 *   Worker's `/api/watchdog/prometheus` with the bearer token read from `watchdogTokenFile`: the
 *   Worker pages through PagerDuty directly when it stops arriving.
 * - Page and ticket alerts of services whose status page component is decided by alerts go next
 *   to the Worker's `/api/alerts/alertmanager` (receiver `statuspage-alerts`, the same bearer
 *   token file), and continue to their usual routes; every such alert still matches a severity
 *   route after it, so the root receiver loses nothing. Not gated by business hours: the page
 *   shows state, it wakes no one.
 */
import { stringify } from "yaml";
import type { Model, Route, RouteTarget, Service, Severity, Urgency } from "../../specification/model";
import { pinnedUrgency, routeOverrides, webhookName } from "../../specification/routes";
import { GENERATED_HEADER } from "../../rules/ruleFile";
import { withBusinessHours } from "./alertmanagerHours";
import type { AlertmanagerConfig, AmReceiver, AmRoute } from "./alertmanagerSchema";
import { alertDecidedServices, alternation, STATUS_PAGE_ALERT_SEVERITIES, STATUS_PAGE_ALERTS, statusPageAlertsUrl } from "../../alerting/statusPageAlerts";

/** Deployment details the spec does not hold (where secrets live, mail relay, timings). */
export interface AlertmanagerOptions {
  /** Directory holding one file per service id with its PagerDuty Events v2 routing key. */
  pagerdutyKeyDir: string;
  /** Events API endpoint (Alertmanager's own default when absent). */
  pagerdutyUrl?: string;
  /** File holding the Slack incoming-webhook URL. */
  slackApiUrlFile?: string;
  /** A webhook that receives every alert; its URL is printed, so it must not carry a secret. */
  webhookUrl?: string;
  /** Directory holding one file per route webhook (named by `webhookName`) with its URL. */
  webhookUrlDir: string;
  /** Write route webhook URLs in full (`url`) instead of `url_file`, for an Alertmanager without webhook `url_file` (0.25 and older). */
  inlineWebhookUrls?: boolean;
  /** File holding the status page's watchdog token (`readiness:watchdogToken`), sent as a bearer token with the watchdog and the alert notifications. */
  watchdogTokenFile: string;
  smtpSmarthost: string;
  smtpFrom: string;
  groupWait: string;
  groupInterval: string;
  /** Repeat interval of pages; tickets and info repeat at most every 12h. */
  repeatInterval: string;
}

/** Defaults an SRE expects from a production Alertmanager. */
export const DEFAULT_ALERTMANAGER_OPTIONS: AlertmanagerOptions = {
  pagerdutyKeyDir: "/etc/alertmanager/pagerduty",
  slackApiUrlFile: "/etc/alertmanager/slack-api-url",
  watchdogTokenFile: "/etc/alertmanager/watchdog-token",
  webhookUrlDir: "/etc/alertmanager/webhooks",
  smtpSmarthost: "localhost:25",
  smtpFrom: "alertmanager@localhost",
  groupWait: "30s",
  groupInterval: "5m",
  repeatInterval: "1h",
};

/** Spec text placed where Alertmanager expands Go templates, as a template string literal. */
export function templateLiteral(text: string): string {
  return text.includes("{{") ? `{{ ${JSON.stringify(text)} }}` : text;
}

function matcher(label: string, value: string): string {
  return `${label}=${JSON.stringify(value)}`;
}

function regexMatcher(label: string, pattern: string): string {
  return `${label}=~${JSON.stringify(pattern)}`;
}

const SUMMARY = "{{ .CommonAnnotations.summary }}";
const RUNBOOK = "{{ .CommonAnnotations.runbook_url }}";

/** Events v2 severity a pinned urgency is sent as. */
const URGENCY_SEVERITY: Record<Urgency, string> = { high: "critical", low: "warning" };

function pagerduty(opts: AlertmanagerOptions, service: Service, urgency?: Urgency): Record<string, unknown> {
  return {
    routing_key_file: `${opts.pagerdutyKeyDir.replace(/\/+$/, "")}/${service.id}`,
    send_resolved: true,
    severity: urgency ? URGENCY_SEVERITY[urgency] : '{{ if eq .CommonLabels.severity "page" }}critical{{ else if eq .CommonLabels.severity "ticket" }}warning{{ else }}info{{ end }}',
    description: `{{ if .CommonAnnotations.summary }}${SUMMARY}{{ else }}{{ .CommonLabels.alertname }}{{ end }}`,
    client: "readiness",
    details: {
      service: "{{ .CommonLabels.service }}",
      severity: "{{ .CommonLabels.severity }}",
      env: "{{ .CommonLabels.env }}",
      slo: "{{ .CommonLabels.slo }}",
      check: "{{ .CommonLabels.check }}",
      runbook: RUNBOOK,
      firing: '{{ range .Alerts.Firing }}{{ .Labels.alertname }} {{ end }}',
      description: "{{ .CommonAnnotations.description }}",
    },
    links: [{ href: RUNBOOK, text: "runbook" }],
  };
}

function slack(channel: string): Record<string, unknown> {
  return {
    channel: templateLiteral(channel),
    send_resolved: true,
    title: "[{{ .Status | toUpper }}] {{ .CommonLabels.severity }} {{ .CommonLabels.env }}/{{ .CommonLabels.service }}: " + SUMMARY,
    title_link: RUNBOOK,
    text: "{{ range .Alerts }}{{ .Labels.alertname }}: {{ .Annotations.description }}\n{{ end }}",
  };
}

function email(address: string): Record<string, unknown> {
  return { to: templateLiteral(address), send_resolved: true };
}

function webhook(opts: AlertmanagerOptions, url: string): Record<string, unknown> {
  return opts.inlineWebhookUrls ? { url, send_resolved: true } : { url_file: `${opts.webhookUrlDir.replace(/\/+$/, "")}/${webhookName(url)}`, send_resolved: true };
}

/** Chat, mail and webhook notifiers of some route targets (escalations are handled per service). */
function chatAndMail(targets: RouteTarget[], opts: AlertmanagerOptions): Pick<AmReceiver, "slack_configs" | "email_configs" | "webhook_configs"> {
  const out: Pick<AmReceiver, "slack_configs" | "email_configs" | "webhook_configs"> = {};
  const slacks = targets.flatMap((t) => (t.kind === "slack" ? [slack(t.channel)] : []));
  const mails = targets.flatMap((t) => (t.kind === "email" ? [email(t.address)] : []));
  const hooks = targets.flatMap((t) => (t.kind === "webhook" ? [webhook(opts, t.url)] : []));
  if (slacks.length) out.slack_configs = slacks;
  if (mails.length) out.email_configs = mails;
  if (hooks.length) out.webhook_configs = hooks;
  return out;
}

/** Receiver name of an override: `alert/<service>/<alert>/<severity>` or `service/<service>/<severity>`. */
export function overrideReceiverName(service: string, severity: Severity, alert?: string): string {
  return alert ? `alert/${service}/${alert}/${severity}` : `service/${service}/${severity}`;
}

const ORDER: Severity[] = ["page", "ticket", "info"];

/** The receiver name of a severity, or of a severity for one service when it pages PagerDuty. */
export function receiverName(severity: Severity, service?: string): string {
  return service ? `${severity}/${service}` : severity;
}

/** The Alertmanager configuration of one environment. */
export function alertmanagerConfig(model: Model, options: Partial<AlertmanagerOptions> = {}): AlertmanagerConfig {
  const opts = { ...DEFAULT_ALERTMANAGER_OPTIONS, ...options };
  // Without paging, page alerts follow the ticket route and escalations are dropped: PagerDuty is never reached.
  const deliverable = (route: Route): RouteTarget[] => route.targets.filter((t) => t.kind !== "escalation" || model.paging);
  const targetsOf = (severity: Severity): RouteTarget[] => deliverable(model.routing[severity === "page" && !model.paging ? "ticket" : severity]);
  const receivers: AmReceiver[] = [];
  const routes: AmRoute[] = [];
  // The always-firing watchdog goes to the status page Worker, the dead man's switch outside this
  // Alertmanager, and to nobody else; it is re-sent well inside the switch's silence limit.
  if (model.statusPage) {
    receivers.push({
      name: "watchdog",
      webhook_configs: [{ url: `https://${model.statusPage.hostname}/api/watchdog/prometheus`, send_resolved: false, http_config: { authorization: { type: "Bearer", credentials_file: opts.watchdogTokenFile } } }],
    });
    routes.push({ receiver: "watchdog", matchers: [matcher("watchdog", "true")], group_wait: "0s", group_interval: "1m", repeat_interval: "5m" });
  }
  const statusPageUrl = statusPageAlertsUrl(model, "alertmanager");
  if (statusPageUrl) {
    receivers.push({
      name: STATUS_PAGE_ALERTS,
      webhook_configs: [{ url: statusPageUrl, send_resolved: true, http_config: { authorization: { type: "Bearer", credentials_file: opts.watchdogTokenFile } } }],
    });
    routes.push({
      receiver: STATUS_PAGE_ALERTS,
      matchers: [matcher("env", model.environment), regexMatcher("service", alternation(alertDecidedServices(model))), regexMatcher("severity", alternation(STATUS_PAGE_ALERT_SEVERITIES))],
      group_wait: "0s",
      group_interval: "1m",
      continue: true,
    });
  }
  if (opts.webhookUrl) {
    receivers.push({ name: "webhook", webhook_configs: [{ url: opts.webhookUrl, send_resolved: true }] });
    routes.push({ receiver: "webhook", matchers: [matcher("env", model.environment)], continue: true });
  }
  for (const o of routeOverrides(model)) {
    // Without paging no rule carries `page`; an override of it could only be reached by a stray alert.
    if (o.severity === "page" && !model.paging) continue;
    const targets = deliverable(o.route);
    const name = overrideReceiverName(o.service.id, o.severity, o.alert);
    const pd = targets.some((t) => t.kind === "escalation") ? { pagerduty_configs: [pagerduty(opts, o.service, pinnedUrgency(o.route))] } : {};
    receivers.push({ name, ...pd, ...chatAndMail(targets, opts) });
    routes.push({
      receiver: name,
      matchers: [matcher("env", model.environment), matcher("service", o.service.id), ...(o.alert ? [matcher("alert", o.alert)] : []), matcher("severity", o.severity)],
      repeat_interval: o.severity === "page" ? opts.repeatInterval : "12h",
    });
  }
  for (const severity of ORDER) {
    const targets = targetsOf(severity);
    const base = chatAndMail(targets, opts);
    receivers.push({ name: receiverName(severity), ...base });
    const route: AmRoute = {
      receiver: receiverName(severity),
      matchers: [matcher("env", model.environment), matcher("severity", severity)],
      repeat_interval: severity === "page" ? opts.repeatInterval : "12h",
    };
    if (targets.some((t) => t.kind === "escalation")) {
      route.routes = model.services.map((service) => {
        receivers.push({ name: receiverName(severity, service.id), pagerduty_configs: [pagerduty(opts, service, pinnedUrgency(model.routing[severity]))], ...base });
        return { receiver: receiverName(severity, service.id), matchers: [matcher("service", service.id)] };
      });
    }
    routes.push(route);
  }
  const fallback = ORDER.slice(1).find((s) => Object.keys(chatAndMail(targetsOf(s), opts)).length > 0) ?? "ticket";
  const global: Record<string, string | boolean> = {
    resolve_timeout: "5m",
    smtp_smarthost: opts.smtpSmarthost,
    smtp_from: opts.smtpFrom,
    // A local relay is the common case; TLS to a remote smarthost is configured there.
    smtp_require_tls: false,
  };
  if (opts.pagerdutyUrl) global.pagerduty_url = opts.pagerdutyUrl;
  if (opts.slackApiUrlFile) global.slack_api_url_file = opts.slackApiUrlFile;
  return withBusinessHours(model, {
    global,
    route: {
      receiver: receiverName(fallback),
      group_by: ["env", "service", "slo", "severity"],
      group_wait: opts.groupWait,
      group_interval: opts.groupInterval,
      repeat_interval: "12h",
      routes,
    },
    inhibit_rules: [
      {
        source_matchers: ['severity="page"', 'slo=~".+"'],
        target_matchers: ['severity="ticket"', 'slo=~".+"'],
        equal: ["env", "service", "slo"],
      },
    ],
    receivers,
  });
}

/** The configuration as the YAML file Alertmanager reads. */
export function renderAlertmanagerConfig(model: Model, options: Partial<AlertmanagerOptions> = {}): string {
  const yaml = stringify(alertmanagerConfig(model, options), { lineWidth: 0, aliasDuplicateObjects: false });
  return `${GENERATED_HEADER}\n# environment: ${model.environment}\n${yaml}`;
}
