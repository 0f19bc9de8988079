/**
 * A prometheus-operator `Probe` (monitoring.coreos.com/v1) per check, probing through the
 * blackbox exporter: the scrape jobs of `readiness export blackbox --prometheus-config`, converted
 * field by field. `jobName` keeps the export's `<service>/<check>` job label (the operator's own
 * default is `probe/<namespace>/<name>`), because the check rules select on it; the module of the
 * same name is the one `readiness export blackbox` writes into the exporter's configuration.
 */
import type { Model } from "../../specification/model";
import { probeScrapeConfigs } from "./blackbox";
import type { OperatorResource, OperatorTarget } from "./alertmanagerConfigResource";

/** The blackbox exporter as a Probe's `prober`: `http://host:port/` or `host:port` -> scheme and address. */
export function proberOf(url: string): { url: string; scheme: "http" | "https"; path: "/probe" } {
  // An unset setting stays a visible placeholder, so `readiness plan` shows what to configure.
  if (/^<unset: [^>]+>$/.test(url)) return { url, scheme: "http", path: "/probe" };
  const m = /^(?:(https?):\/\/)?([^/]+)\/?$/.exec(url.trim());
  if (!m) throw new Error(`readiness:blackboxProberUrl: expected http://host:port or host:port, got ${JSON.stringify(url)}`);
  return { url: m[2], scheme: (m[1] as "http" | "https" | undefined) ?? "http", path: "/probe" };
}

/** Kubernetes name of a check's Probe: `readiness-<env>-<service>.<check>`; ids hold no dot, so no two checks share one. */
export function probeName(model: Pick<Model, "environment">, job: string): string {
  return `readiness-${model.environment}-${job.replace("/", ".")}`;
}

/** One Probe per check of the environment, in the order of the export's scrape jobs. */
export function probeResources(model: Model, target: OperatorTarget, proberUrl: string): OperatorResource[] {
  const prober = proberOf(proberUrl);
  return probeScrapeConfigs(model, prober.url).map((job) => ({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "Probe",
    metadata: { name: probeName(model, job.job_name), namespace: target.namespace, labels: target.labels },
    spec: {
      jobName: job.job_name,
      interval: job.scrape_interval,
      scrapeTimeout: job.scrape_timeout,
      module: job.params.module[0],
      prober,
      targets: { staticConfig: { static: job.static_configs[0].targets, labels: job.static_configs[0].labels } },
    },
  }));
}
