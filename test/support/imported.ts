/** Imported SLOs as the interop tests load and compare them. */
import { stringify } from "yaml";
import type { SpecService } from "../../interop/imported";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import type { Model, Slo } from "../../specification/model";

/** A minimal spec holding some imported services, loaded for one environment. */
export function specWith(services: SpecService[], paging = true): string {
  return stringify({
    apiVersion: "readiness/v1",
    system: { name: "imported" },
    environments: { prod: { backends: ["grafana"], paging } },
    routing: { page: { slack: "#ops" }, ticket: { slack: "#ops" }, info: { slack: "#ops" } },
    services,
  });
}

/** The `prod` Model of a spec, or the spec's problems as the error. */
export function load(text: string): Model {
  const r = loadModels(text, "imported.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.models.prod;
}

/** What an SLO means to Prometheus (OpenSLO carries Prometheus queries only), without where it was written. */
export function meaning(slo: Slo) {
  const prom = (q?: { prometheus?: string }) => (q ? { prometheus: q.prometheus } : undefined);
  const sli = slo.sli.kind === "ratio" ? { kind: slo.sli.kind, errors: prom(slo.sli.errors), good: prom(slo.sli.good), total: prom(slo.sli.total) } : { ...slo.sli, datadog: undefined };
  return { id: slo.id, serviceId: slo.serviceId, objective: slo.objective, window: slo.window, sli, alerts: slo.alerts, description: slo.description };
}
