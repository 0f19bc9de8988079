/**
 * The Alertmanager configuration as a prometheus-operator `AlertmanagerConfig` custom resource
 * (monitoring.coreos.com/v1alpha1): the routing tree, receivers and inhibition of
 * `readiness export alertmanager`, converted field by field, never rebuilt, so both agree.
 *
 * The export reads secrets from files; the operator reads them from a Kubernetes Secret in the
 * resource's namespace, so each file becomes a key of that Secret (`SECRET_KEYS`). The export's
 * `global` block has no place in an AlertmanagerConfig: mail relay and resolve timeout stay the
 * cluster Alertmanager's own.
 */
import type { Model } from "../../specification/model";
import { alertmanagerConfig } from "./alertmanager";
import type { AmReceiver, AmRoute } from "./alertmanagerSchema";

/** Keys of the Secret the AlertmanagerConfig reads; each service that pages has `pagerduty-<service id>`. */
export const SECRET_KEYS = { slackApiUrl: "slack-api-url", watchdogToken: "watchdog-token", pagerdutyPrefix: "pagerduty" } as const;

/** A key of a Secret in the resource's namespace, as the operator's CRDs reference one. */
export interface SecretKeySelector {
  name: string;
  key: string;
}

/** One matcher of the CRD (`env="prod"` in the export). */
export interface CrdMatcher {
  name: string;
  value: string;
  matchType: "=" | "!=" | "=~" | "!~";
}

/** Where the custom resources go and how the Prometheus stack selects them. */
export interface OperatorTarget {
  namespace: string;
  labels: Record<string, string>;
  /** Name of the Secret holding the Slack URL, the watchdog token and (unless below) the PagerDuty keys. */
  secretName: string;
  /** The Secret readiness writes the PagerDuty integration keys into, when the PagerDuty backend makes them. */
  pagerdutySecretName?: string;
}

/** A prometheus-operator custom resource as plain data. */
export interface OperatorResource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: Record<string, unknown>;
}

// File paths handed to the export so that each names its Secret key (`/` becomes `-`).
const FILES = { pagerdutyKeyDir: SECRET_KEYS.pagerdutyPrefix, slackApiUrlFile: SECRET_KEYS.slackApiUrl, watchdogTokenFile: SECRET_KEYS.watchdogToken, webhookUrlDir: "webhook" };

function secretKey(target: OperatorTarget, file: unknown, name = target.secretName): SecretKeySelector {
  return { name, key: String(file).replace(/\//g, "-") };
}

/** The Secret key of a service's PagerDuty routing key. */
export function pagerdutyKey(serviceId: string): string {
  return `${SECRET_KEYS.pagerdutyPrefix}-${serviceId}`;
}

/** `env="prod"` (as the export writes matchers, values JSON-quoted) -> the CRD's matcher object. */
export function crdMatcher(text: string): CrdMatcher {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(=~|!~|!=|=)(".*")$/.exec(text);
  if (!m) throw new Error(`not an Alertmanager matcher: ${text}`);
  return { name: m[1], matchType: m[2] as CrdMatcher["matchType"], value: JSON.parse(m[3]) as string };
}

function crdRoute(r: AmRoute): Record<string, unknown> {
  return {
    receiver: r.receiver,
    ...(r.matchers ? { matchers: r.matchers.map(crdMatcher) } : {}),
    ...(r.group_by ? { groupBy: r.group_by } : {}),
    ...(r.group_wait ? { groupWait: r.group_wait } : {}),
    ...(r.group_interval ? { groupInterval: r.group_interval } : {}),
    ...(r.repeat_interval ? { repeatInterval: r.repeat_interval } : {}),
    ...(r.continue ? { continue: true } : {}),
    ...(r.routes ? { routes: r.routes.map(crdRoute) } : {}),
  };
}

function crdReceiver(r: AmReceiver, target: OperatorTarget): Record<string, unknown> {
  const out: Record<string, unknown> = { name: r.name };
  if (r.pagerduty_configs)
    out.pagerdutyConfigs = r.pagerduty_configs.map(({ routing_key_file, send_resolved, details, links, ...rest }) => ({
      routingKey: secretKey(target, routing_key_file, target.pagerdutySecretName),
      sendResolved: send_resolved,
      ...rest,
      details: Object.entries(details as Record<string, string>).map(([key, value]) => ({ key, value })),
      pagerDutyLinkConfigs: (links as { href: string; text: string }[]).map((l) => ({ href: l.href, alt: l.text })),
    }));
  if (r.slack_configs)
    out.slackConfigs = r.slack_configs.map(({ send_resolved, title_link, ...rest }) => ({
      apiURL: secretKey(target, FILES.slackApiUrlFile),
      sendResolved: send_resolved,
      titleLink: title_link,
      ...rest,
    }));
  if (r.email_configs) out.emailConfigs = r.email_configs.map(({ send_resolved, ...rest }) => ({ ...rest, sendResolved: send_resolved }));
  if (r.webhook_configs)
    out.webhookConfigs = r.webhook_configs.map(({ url, url_file, send_resolved, http_config }) => {
      const auth = (http_config as { authorization?: { type: string; credentials_file: string } } | undefined)?.authorization;
      return {
        // A route webhook's URL grants access: the CR names its key in the Secret (`webhook-<name>`), never the URL.
        ...(url_file ? { urlSecret: secretKey(target, url_file) } : { url }),
        sendResolved: send_resolved,
        ...(auth ? { httpConfig: { authorization: { type: auth.type, credentials: secretKey(target, auth.credentials_file) } } } : {}),
      };
    });
  return out;
}

/** The AlertmanagerConfig of one environment: the export's routing, receivers and inhibition. */
export function alertmanagerConfigResource(model: Model, target: OperatorTarget): OperatorResource {
  const config = alertmanagerConfig(model, FILES);
  return {
    apiVersion: "monitoring.coreos.com/v1alpha1",
    kind: "AlertmanagerConfig",
    metadata: { name: `readiness-${model.environment}`, namespace: target.namespace, labels: target.labels },
    spec: {
      route: crdRoute(config.route),
      receivers: config.receivers.map((r) => crdReceiver(r, target)),
      inhibitRules: config.inhibit_rules.map((i) => ({ sourceMatch: i.source_matchers.map(crdMatcher), targetMatch: i.target_matchers.map(crdMatcher), equal: i.equal })),
    },
  };
}
