/**
 * The SLO overview of an environment in Datadog, as a typed `datadog.Dashboard`: an SLO list of
 * every SLO the environment has in Datadog, sorted by error budget remaining (ascending: most at
 * risk first), then per SLO a group with its status and budget (the SLO widget), its budget over
 * time and SLI against the objective (the SLO data source, read from the Datadog SLO itself), and
 * the burn rate over each burn-rate window from the SLO's own Datadog queries, a marker per window
 * pair at its factor. Links back to each service dashboard by its URL.
 */
import type { CalendarPeriod, Model, Service, Slo } from "../../specification/model";
import type { ElementOf, InputOf, PlanConcat, TypedPlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { dashboardsComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { datadogSloOverviewTitle } from "./sloOverviewLink";
import { datadogSloResource, DATADOG_SLO_TYPE } from "./slos";
import { DASHBOARD_JSON_TYPE, ratioParts } from "./dashboards";
import { sloWindows } from "../../rules/sloRules";
import { mdText } from "../../markdown/escape";

/** Pulumi type token of a typed Datadog dashboard. */
export const DASHBOARD_TYPE = "datadog:index/dashboard:Dashboard";

type Widget = ElementOf<InputOf<typeof DASHBOARD_TYPE, "widgets">>;
type GroupWidget = ElementOf<NonNullable<NonNullable<Widget["groupDefinition"]>["widgets"]>>;

/**
 * The facet the SLO list sorts on. The API's own example sorts on `status.sli`; the error budget is
 * `status.error_budget_remaining`, the SLO search API's field of the same status (not checked
 * against a live account).
 */
export const BUDGET_SORT_COLUMN = "status.error_budget_remaining";

/** SLOs of the environment that have a Datadog SLO, with their service. */
function shown(model: Model): { service: Service; slo: Slo; timeframe: string }[] {
  return model.services.flatMap((service) =>
    service.slos.flatMap((slo) => {
      const r = datadogSloResource(model, service, slo);
      return r && r.type === DATADOG_SLO_TYPE ? [{ service, slo, timeframe: String(r.inputs.timeframe) }] : [];
    }),
  );
}

/**
 * The SLO widget's calendar windows of a period; it has none for a quarter. The values are the
 * API's (WidgetTimeWindows: 7d, 30d, 90d, week_to_date, previous_week, month_to_date,
 * previous_month, global_time; the Terraform provider's `time_windows` ValidValues), not the
 * camel-cased spelling of the Pulumi SDK's doc comment.
 */
const CALENDAR_WINDOWS: Partial<Record<CalendarPeriod, string[]>> = { week: ["week_to_date", "previous_week"], month: ["month_to_date", "previous_month"] };

function sloId(service: Service, slo: Slo) {
  return ref(logicalName(service.id, slo.id), DATADOG_SLO_TYPE, "id");
}

function sloQuery(service: Service, slo: Slo, measure: "error_budget_remaining" | "slo_status") {
  return { sloQuery: { dataSource: "slo", name: "q", measure, sloId: sloId(service, slo), groupMode: "overall", sloQueryType: "metric" } };
}

/** Burn rate over each window the SLO's pairs read, from its own queries; a marker per pair at its factor. */
function burnWidget(slo: Slo): GroupWidget | undefined {
  const windows = sloWindows(slo).flatMap((w) => {
    const parts = ratioParts(slo, w.seconds);
    return parts ? [{ w, parts }] : [];
  });
  if (!windows.length) return undefined;
  return {
    timeseriesDefinition: {
      title: `${slo.id}: burn rate per window (markers: each window pair's factor)`,
      showLegend: true,
      requests: windows.map(({ w, parts }) => ({
        displayType: "line",
        queries: parts.queries.map((q) => ({ metricQuery: { dataSource: "metrics", name: q.name, query: q.query } })),
        formulas: [{ formulaExpression: `${parts.errorRatio} / ${slo.errorBudget}`, alias: `over ${w.text}` }],
      })),
      markers: slo.alerts.map((a) => ({ value: `y = ${a.factor}`, displayType: "error dashed", label: `${a.id} ${a.windowLabel}` })),
    },
  };
}

function sloGroup(service: Service, slo: Slo, timeframe: string): Widget {
  const windows = (slo.calendar && CALENDAR_WINDOWS[slo.calendar.period]) ?? [timeframe];
  const over = slo.calendar ? `per calendar ${slo.calendar.period}` : `over ${slo.window.text}`;
  const widgets: GroupWidget[] = [
    { serviceLevelObjectiveDefinition: { title: `${slo.id}: status and error budget`, sloId: sloId(service, slo), timeWindows: windows, showErrorBudget: true, viewMode: "overall", viewType: "detail" } },
    { timeseriesDefinition: { title: `${slo.id}: error budget remaining over time`, showLegend: false, requests: [{ displayType: "line", queries: [sloQuery(service, slo, "error_budget_remaining")], formulas: [{ formulaExpression: "q", alias: "budget remaining %" }] }], markers: [{ value: "y = 0", displayType: "error dashed", label: "budget spent" }] } },
    { timeseriesDefinition: { title: `${slo.id}: SLI against the ${slo.objective}% objective`, showLegend: false, requests: [{ displayType: "line", queries: [sloQuery(service, slo, "slo_status")], formulas: [{ formulaExpression: "q", alias: "SLI %" }] }], markers: [{ value: `y = ${slo.objective}`, displayType: "error dashed", label: "objective" }] } },
  ];
  const burn = burnWidget(slo);
  if (burn) widgets.push(burn);
  return { groupDefinition: { title: `${service.name} / ${slo.id}: ${slo.objective}% ${over}`, layoutType: "ordered", showTitle: true, widgets } };
}

/** The note at the top: what the overview shows, links to the service dashboards, and the SLOs Datadog does not have. */
function note(model: Model, services: Service[], missing: string[]): Widget {
  const parts: PlanConcat["$concat"] = [`SLOs of ${mdText(model.system.name)} in ${model.environment}, most at risk first. Service dashboards:`];
  for (const s of services) parts.push(` [${mdText(s.name)}](`, ref(logicalName(s.id, "dashboard"), DASHBOARD_JSON_TYPE, "url"), ")");
  if (missing.length) parts.push(`\n\nNot in Datadog (no Datadog SLO: a latency SLI, no Datadog query, or a window Datadog SLOs cannot have): ${missing.join(", ")}.`);
  const content: PlanConcat = { $concat: parts };
  return { noteDefinition: { content, backgroundColor: "white", fontSize: "14", textAlign: "left", showTick: false, hasPadding: true } };
}

/** The SLO overview dashboard, or nothing when no SLO of the environment is in Datadog. */
export function datadogSloOverview(model: Model, serviceDashboards: readonly string[]): TypedPlanResource<typeof DASHBOARD_TYPE>[] {
  const slos = shown(model);
  if (!slos.length) return [];
  const inDatadog = new Set(slos.map((s) => `${s.service.id}/${s.slo.id}`));
  const missing = model.services.flatMap((s) => s.slos.map((slo) => `${s.id}/${slo.id}`)).filter((k) => !inDatadog.has(k));
  const services = model.services.filter((s) => serviceDashboards.includes(logicalName(s.id, "dashboard")));
  const serviceIds = [...new Set(slos.map((s) => s.service.id))];
  const list: Widget = {
    sloListDefinition: {
      title: "SLOs by error budget remaining (most at risk first)",
      request: {
        requestType: "slo_list",
        query: { queryString: `env:${model.environment} AND managed-by:readiness AND (${serviceIds.map((id) => `service:${id}`).join(" OR ")})`, limit: slos.length, sort: { column: BUDGET_SORT_COLUMN, order: "asc" } },
      },
    },
  };
  return [
    {
      type: DASHBOARD_TYPE,
      name: logicalName(model.system.name, "slo-overview"),
      parent: dashboardsComponent(model).name,
      provider: "datadog",
      inputs: {
        title: datadogSloOverviewTitle(model),
        description: `Generated by readiness from the ${model.system.name} readiness spec (${model.environment}); do not edit.`,
        layoutType: "ordered",
        reflowType: "auto",
        widgets: [note(model, services, missing), list, ...slos.map((s) => sloGroup(s.service, s.slo, s.timeframe))],
      },
    },
  ];
}
