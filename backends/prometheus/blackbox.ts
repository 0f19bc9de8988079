/**
 * Blackbox exporter modules and the Prometheus configuration that probes every check, so that
 * `probe_success{job="<service>/<check>", instance="<url>"}` exists for the check rules.
 *
 * One module per check (`<service>/<check>`): method, expected status, body and timeout differ per
 * check. The scrape job of a check runs at the check's `every`; its scrape timeout is the check's
 * `within` plus one second (capped at `every`), because the exporter cuts the probe at the scrape
 * timeout less half a second and the module's own timeout must decide first.
 */
import { stringify } from "yaml";
import type { Check, Model, Service } from "../../specification/model";
import { formatMs } from "../../specification/latency";
import { scrapeTimeoutMs } from "./limits";
import { GENERATED_HEADER } from "../../rules/ruleFile";

/** One blackbox exporter module (HTTP prober). */
export interface BlackboxModule {
  prober: "http";
  timeout: string;
  http: {
    method: Check["method"];
    valid_status_codes: number[];
    fail_if_body_not_matches_regexp?: string[];
    preferred_ip_protocol: "ip4";
    ip_protocol_fallback: boolean;
  };
}

/** A Prometheus scrape job of one check through the exporter. */
export interface ProbeScrapeConfig {
  job_name: string;
  metrics_path: "/probe";
  scrape_interval: string;
  scrape_timeout: string;
  params: { module: string[] };
  static_configs: { targets: string[]; labels: Record<string, string> }[];
  relabel_configs: Record<string, unknown>[];
}

/** Where the exporter runs and what else the Prometheus configuration names. */
export interface PrometheusConfigOptions {
  /** host:port of the blackbox exporter (default 127.0.0.1:9115). */
  exporter: string;
  /** Rule files to load (the output of `readiness export prometheus`). */
  ruleFiles: string[];
  /** host:port of Alertmanagers to send alerts to. */
  alertmanagers: string[];
  /** Evaluation interval (default: the model's scrape interval). */
  evaluationInterval?: string;
}

/** The module and job name of a check; the same string, as the rules select on it. */
export function checkJob(service: Pick<Service, "id">, check: Pick<Check, "id">): string {
  return `${service.id}/${check.id}`;
}

/** A literal string as an RE2 regular expression. */
export function literalRegexp(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
}

function checkModule(check: Check): BlackboxModule {
  return {
    prober: "http",
    timeout: check.expect.within.text,
    http: {
      method: check.method,
      valid_status_codes: [check.expect.status],
      ...(check.expect.bodyContains !== undefined ? { fail_if_body_not_matches_regexp: [literalRegexp(check.expect.bodyContains)] } : {}),
      preferred_ip_protocol: "ip4",
      ip_protocol_fallback: true,
    },
  };
}

function allChecks(model: Model): { service: Service; check: Check }[] {
  return model.services.flatMap((service) => service.checks.map((check) => ({ service, check })));
}

/** The exporter's `modules:` for every check of an environment. */
export function blackboxModules(model: Model): Record<string, BlackboxModule> {
  const modules: Record<string, BlackboxModule> = {};
  for (const { service, check } of allChecks(model)) modules[checkJob(service, check)] = checkModule(check);
  return modules;
}

/** The Prometheus scrape jobs that probe every check through the exporter. */
export function probeScrapeConfigs(model: Model, exporter: string): ProbeScrapeConfig[] {
  return allChecks(model).map(({ service, check }) => ({
    job_name: checkJob(service, check),
    metrics_path: "/probe",
    scrape_interval: check.every.text,
    scrape_timeout: formatMs(scrapeTimeoutMs(check)),
    params: { module: [checkJob(service, check)] },
    static_configs: [{ targets: [check.url], labels: { check: check.id, env: model.environment, service: service.id } }],
    relabel_configs: [
      { source_labels: ["__address__"], target_label: "__param_target" },
      { source_labels: ["__param_target"], target_label: "instance" },
      { target_label: "__address__", replacement: exporter },
    ],
  }));
}

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/** The blackbox exporter's configuration file. */
export function renderBlackboxConfig(model: Model): string {
  return `${GENERATED_HEADER}\n# environment: ${model.environment}\n${stringify({ modules: blackboxModules(model) }, YAML_OPTIONS)}`;
}

/** A complete prometheus.yml: the probe jobs, the rule files and the Alertmanagers. */
export function renderPrometheusConfig(model: Model, options: Partial<PrometheusConfigOptions> = {}): string {
  const exporter = options.exporter ?? "127.0.0.1:9115";
  const doc: Record<string, unknown> = {
    global: {
      scrape_interval: model.scrapeInterval.text,
      evaluation_interval: options.evaluationInterval ?? model.scrapeInterval.text,
      external_labels: { env: model.environment },
    },
  };
  if (options.ruleFiles?.length) doc.rule_files = options.ruleFiles;
  if (options.alertmanagers?.length) doc.alerting = { alertmanagers: [{ static_configs: [{ targets: options.alertmanagers }] }] };
  doc.scrape_configs = probeScrapeConfigs(model, exporter);
  return `${GENERATED_HEADER}\n# environment: ${model.environment}\n${stringify(doc, YAML_OPTIONS)}`;
}
