/**
 * `readiness export alertmanager` and `readiness export blackbox`: the rest of a self-hosted
 * Prometheus deployment (routing and receivers; probes of every check). Nothing here reads a
 * secret: the PagerDuty routing keys and the Slack webhook URL are named by path.
 */
import type { Command } from "commander";
import { DEFAULT_ALERTMANAGER_OPTIONS, renderAlertmanagerConfig } from "../backends/prometheus/alertmanager";
import { renderBlackboxConfig, renderPrometheusConfig } from "../backends/prometheus/blackbox";
import { exportOpenSlo } from "../interop/openslo/export";
import { DEFAULT_SPEC, loadModelForCli } from "./load";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds the self-hosted exports to the `export` command. */
export function registerSelfHosted(exp: Command): void {
  const d = DEFAULT_ALERTMANAGER_OPTIONS;
  exp
    .command("alertmanager")
    .description("Print the Alertmanager configuration (routing tree, receivers, grouping, inhibition) of an environment")
    .requiredOption("-e, --env <env>", "environment")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .option("--pagerduty-key-dir <dir>", "directory with one PagerDuty Events v2 routing key file per service id", d.pagerdutyKeyDir)
    .option("--pagerduty-url <url>", "PagerDuty Events API URL (default: Alertmanager's)")
    .option("--slack-api-url-file <file>", "file holding the Slack incoming-webhook URL", d.slackApiUrlFile)
    .option("--watchdog-token-file <file>", "file holding the status page's watchdog token (readiness:watchdogToken), sent with the watchdog and alert notifications", d.watchdogTokenFile)
    .option("--webhook-url <url>", "webhook that receives every alert (printed: must not carry a secret)")
    .option("--webhook-url-dir <dir>", "directory with one file per route webhook holding its URL (url_file)", d.webhookUrlDir)
    .option("--inline-webhook-urls", "write route webhook URLs in full instead of url_file (for an Alertmanager without webhook url_file, e.g. 0.25; the output then holds secrets)")
    .option("--smtp-smarthost <host:port>", "mail relay for email routes", d.smtpSmarthost)
    .option("--smtp-from <address>", "sender of alert mail", d.smtpFrom)
    .option("--group-wait <duration>", "wait before the first notification of a group", d.groupWait)
    .option("--group-interval <duration>", "wait before notifying a group's changes", d.groupInterval)
    .option("--repeat-interval <duration>", "repeat of an unresolved page", d.repeatInterval)
    .action((o: Record<string, string | undefined> & { env: string; file: string; inlineWebhookUrls?: boolean }) => {
      process.stdout.write(
        renderAlertmanagerConfig(loadModelForCli(o.file, o.env), {
          pagerdutyKeyDir: o.pagerdutyKeyDir,
          pagerdutyUrl: o.pagerdutyUrl,
          slackApiUrlFile: o.slackApiUrlFile,
          watchdogTokenFile: o.watchdogTokenFile,
          webhookUrl: o.webhookUrl,
          webhookUrlDir: o.webhookUrlDir,
          inlineWebhookUrls: o.inlineWebhookUrls === true,
          smtpSmarthost: o.smtpSmarthost,
          smtpFrom: o.smtpFrom,
          groupWait: o.groupWait,
          groupInterval: o.groupInterval,
          repeatInterval: o.repeatInterval,
        }),
      );
    });
  exp
    .command("blackbox")
    .description("Print the blackbox exporter modules of every check, or with --prometheus-config the prometheus.yml that probes them")
    .requiredOption("-e, --env <env>", "environment")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .option("--prometheus-config", "print prometheus.yml (probe jobs, rule files, Alertmanagers) instead of the exporter's modules")
    .option("--exporter <host:port>", "where the blackbox exporter listens", "127.0.0.1:9115")
    .option("--rule-file <file>", "rule file for prometheus.yml (repeatable)", collect, [])
    .option("--alertmanager <host:port>", "Alertmanager for prometheus.yml (repeatable)", collect, [])
    .option("--evaluation-interval <duration>", "rule evaluation interval (default: the spec's scrape interval)")
    .action((o: { env: string; file: string; prometheusConfig?: boolean; exporter: string; ruleFile: string[]; alertmanager: string[]; evaluationInterval?: string }) => {
      const model = loadModelForCli(o.file, o.env);
      process.stdout.write(
        o.prometheusConfig
          ? renderPrometheusConfig(model, { exporter: o.exporter, ruleFiles: o.ruleFile, alertmanagers: o.alertmanager, evaluationInterval: o.evaluationInterval })
          : renderBlackboxConfig(model),
      );
    });
  exp
    .command("openslo")
    .description("Print the SLOs of an environment as OpenSLO v1 (readiness import openslo reads them back)")
    .requiredOption("-e, --env <env>", "environment")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((o: { env: string; file: string }) => {
      const out = exportOpenSlo(loadModelForCli(o.file, o.env));
      for (const s of out.skipped) process.stderr.write(`not exported: ${s}\n`);
      process.stdout.write(out.yaml);
    });
}
