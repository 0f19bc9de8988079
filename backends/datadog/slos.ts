/** Datadog ServiceLevelObjective resources, one per SLO with Datadog queries. */
import type { Model, Service, Slo } from "../../specification/model";
import type { PlanResource } from "../../plan/plan";
import { logicalName } from "../../plan/naming";
import { sloComponent } from "../../plan/components";
import { datadogSloQuery, datadogTimeframe } from "../../slos/datadog";

/** Pulumi type token of a Datadog SLO. */
export const DATADOG_SLO_TYPE = "datadog:index/serviceLevelObjective:ServiceLevelObjective";

/** Tags every Datadog object of an SLO carries, sorted. */
export function sloTags(model: Model, service: Service, slo?: Slo): string[] {
  return [`env:${model.environment}`, "managed-by:readiness", `service:${service.id}`, ...(slo ? [`slo:${slo.id}`] : [])].sort();
}

/** What the SLO promises, and for a calendar SLO that Datadog tracks it over a rolling timeframe instead. */
function sloDescription(slo: Slo, timeframe: string): string {
  if (!slo.calendar) return `${slo.objective}% of ${slo.id} events good over ${slo.window.text}`;
  const { period, timezone } = slo.calendar;
  return `${slo.objective}% of ${slo.id} events good per calendar ${period} (${timezone}); Datadog tracks it over a rolling ${timeframe}`;
}

/** The Datadog SLO of one spec SLO, or undefined when it has no Datadog metric queries or window. */
export function datadogSloResource(model: Model, service: Service, slo: Slo): PlanResource | undefined {
  const query = datadogSloQuery(slo);
  const timeframe = datadogTimeframe(slo);
  if (!query || !timeframe) return undefined;
  const name = logicalName(service.id, slo.id);
  return {
    type: DATADOG_SLO_TYPE,
    name,
    parent: sloComponent(service.id, slo.id).name,
    provider: "datadog",
    inputs: {
      name: `${service.name}: ${slo.id}`,
      type: "metric",
      description: slo.description ?? sloDescription(slo, timeframe),
      query: { numerator: query.numerator, denominator: query.denominator },
      thresholds: [{ timeframe, target: slo.objective }],
      timeframe,
      targetThreshold: slo.objective,
      tags: sloTags(model, service, slo),
    },
  };
}

/** Datadog SLO resources of an environment (SLOs without Datadog queries are skipped; the audit reports them). */
export function datadogSloResources(model: Model): PlanResource[] {
  return model.services.flatMap((s) => s.slos.flatMap((slo) => datadogSloResource(model, s, slo) ?? []));
}
