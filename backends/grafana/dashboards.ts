/**
 * Grafana dashboards as JSON built with @grafana/grafana-foundation-sdk: one per service (SLI, error
 * budget remaining, burn rate per alert window, the spec alerts' queries, checks, heartbeats), one
 * overview for the system, and the spec's own dashboards. The SLO overview is its own file
 * (sloOverview.ts); each service dashboard links to it.
 *
 * Everything Grafana would otherwise fill in and then report as changed is stated: uid from ids,
 * panel ids and grid positions from order, `schemaVersion`.
 */
import { DashboardBuilder, DashboardLinkBuilder, RowBuilder, ThresholdsConfigBuilder, ThresholdsMode } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Dashboard as DashboardJson } from "@grafana/grafana-foundation-sdk/dashboard";
import { PanelBuilder as StatPanelBuilder } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import { DataqueryBuilder } from "@grafana/grafana-foundation-sdk/prometheus";
import type { Dashboard, Duration, Model, Service, Slo } from "../../specification/model";
import type { PlanResource, RenderSettings } from "../../plan/plan";
import { dashboardsComponent, serviceComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { errorRatioExpr } from "../../slos/sli";
import { seconds } from "../../specification/duration";
import { folderUidRef } from "./folder";
import { grafanaUid } from "./uid";
import { fixedThreshold } from "../../specification/alertCondition";
import { dashboardTime, PERIOD_START, type DashboardTime } from "./calendarRange";
import { hasSloOverview, SERVICE_DASHBOARD_TAG, sloOverviewLink } from "./sloOverviewLinks";

export const DASHBOARD_TYPE = "grafana:oss/dashboard:Dashboard";

/** The dashboard JSON schema version written; pinned so Grafana's migration never shows as a diff. */
export const DASHBOARD_SCHEMA_VERSION = 41;

/** A panel to draw: a title, a unit, and one PromQL query per series. */
export interface PanelSpec {
  title: string;
  kind: "timeseries" | "stat";
  unit?: string;
  queries: { expr: string; legend?: string }[];
  /** A red line at this value (an alert threshold, an objective). */
  threshold?: number;
  /** The panel's own relative range (`now/M`: this month so far), whatever the dashboard's range. */
  timeFrom?: string;
}

/** A titled group of panels. */
export interface RowSpec {
  title: string;
  panels: PanelSpec[];
}

const RATE_WINDOW = seconds(300);

/** The SLO's windows that its burn-rate alerts look at, shortest first, without duplicates. */
export function burnWindows(slo: Pick<Slo, "alerts">): Duration[] {
  const byText = new Map<string, Duration>();
  for (const a of slo.alerts) for (const w of [a.long, a.short]) byText.set(w.text, w);
  return [...byText.values()].sort((a, b) => a.seconds - b.seconds);
}

/** Grafana's variable for the length of the panel's time range, which `rate(x[$__range])` reads whole. */
export const RANGE_VARIABLE: Duration = { seconds: 0, text: "$__range" };

/**
 * The budget panel of an SLO: over its rolling window, or for a calendar SLO over the current
 * period so far (the panel's own range, so zooming the dashboard does not change it). Nothing
 * records a calendar period's budget (rules/ record rolling windows), so this reads the raw SLI
 * over the range, as the recordings would.
 */
export function budgetPanel(slo: Slo): PanelSpec | undefined {
  if (slo.calendar) {
    const ratio = errorRatioExpr(slo.sli, RANGE_VARIABLE);
    if (ratio === undefined) return undefined;
    return { title: `${slo.id}: error budget remaining (this ${slo.calendar.period})`, kind: "stat", unit: "percentunit", queries: [{ expr: `1 - (${ratio}) / ${slo.errorBudget}` }], threshold: 0, timeFrom: PERIOD_START[slo.calendar.period] };
  }
  const ratio = errorRatioExpr(slo.sli, slo.window);
  return ratio === undefined ? undefined : { title: `${slo.id}: error budget remaining (${slo.window.text})`, kind: "stat", unit: "percentunit", queries: [{ expr: `1 - (${ratio}) / ${slo.errorBudget}` }], threshold: 0 };
}

/** Panels of one SLO: SLI, error budget remaining over the SLO window or period, burn rate per alert window. */
export function sloPanels(slo: Slo): PanelSpec[] {
  const ratio = errorRatioExpr(slo.sli, RATE_WINDOW);
  const budget = budgetPanel(slo);
  if (ratio === undefined || budget === undefined) return [];
  const burn = burnWindows(slo).flatMap((w) => {
    const expr = errorRatioExpr(slo.sli, w);
    return expr === undefined ? [] : [{ expr: `(${expr}) / ${slo.errorBudget}`, legend: w.text }];
  });
  return [
    { title: `${slo.id}: SLI (objective ${slo.objective}%)`, kind: "timeseries", unit: "percentunit", queries: [{ expr: `1 - (${ratio})`, legend: "SLI" }], threshold: slo.objective / 100 },
    budget,
    { title: `${slo.id}: burn rate`, kind: "timeseries", unit: "none", queries: burn, threshold: 1 },
  ];
}

/** The rows of a service's dashboard; rows with nothing to show are left out. */
export function serviceRows(service: Service): RowSpec[] {
  const rows: RowSpec[] = [
    { title: "SLOs", panels: service.slos.flatMap(sloPanels) },
    {
      title: "Alerts",
      panels: service.alerts.flatMap((a) =>
        a.query.prometheus ? [{ title: `${a.id}: ${a.summary}`, kind: "timeseries" as const, queries: [{ expr: a.query.prometheus, legend: a.id }], threshold: fixedThreshold(a.condition) }] : [],
      ),
    },
    {
      title: "Checks",
      panels: service.checks.flatMap((c) => {
        const job = checkJob(c.serviceId, c.id);
        return [
          { title: `${c.id}: up`, kind: "timeseries" as const, unit: "percentunit", queries: [{ expr: `avg(probe_success{job="${job}"})`, legend: c.id }], threshold: 1 },
          { title: `${c.id}: response time`, kind: "timeseries" as const, unit: "s", queries: [{ expr: `avg(probe_duration_seconds{job="${job}"})`, legend: c.id }], threshold: c.expect.within.seconds },
        ];
      }),
    },
    {
      title: "Heartbeats",
      panels: service.heartbeats.flatMap((h) =>
        h.prometheus ? [{ title: `${h.id}: time since last success`, kind: "timeseries" as const, unit: "s", queries: [{ expr: `time() - max(${h.prometheus})`, legend: h.id }], threshold: h.every.seconds + h.grace.seconds }] : [],
      ),
    },
  ];
  return rows.filter((r) => r.panels.length > 0);
}

/** Synthetic monitoring job of a check; the check alert rules select `probe_success` by it. */
export function checkJob(serviceId: string, checkId: string): string {
  return logicalName(serviceId, checkId);
}

/** Overview rows: per service, its SLIs and whether its checks are up. */
export function overviewRows(model: Model): RowSpec[] {
  return model.services
    .map((s) => ({
      title: s.name,
      panels: [
        ...s.slos.flatMap((slo) => sloPanels(slo).slice(0, 2)),
        ...(s.checks.length ? [{ title: "checks up", kind: "stat" as const, unit: "percentunit", queries: s.checks.map((c) => ({ expr: `avg(probe_success{job="${checkJob(s.id, c.id)}"})`, legend: c.id })), threshold: 1 }] : []),
      ],
    }))
    .filter((r) => r.panels.length > 0);
}

/** Rows of a spec dashboard: one row, its panels in the order written (only those with PromQL). */
export function customRows(dashboard: Dashboard): RowSpec[] {
  const panels = dashboard.panels.flatMap((p) => (p.query.prometheus ? [{ title: p.title, kind: "timeseries" as const, unit: p.unit, queries: [{ expr: p.query.prometheus }] }] : []));
  return panels.length ? [{ title: dashboard.title, panels }] : [];
}

const REF_IDS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** What a dashboard opens on, and where it links to. */
export interface DashboardOptions {
  time?: DashboardTime;
  links?: DashboardLinkBuilder[];
}

/** A dashboard builder with what every generated dashboard states: uid, sorted tags, refresh, time range and zone. */
export function dashboardBuilder(uid: string, title: string, tags: string[], options: DashboardOptions = {}): DashboardBuilder {
  const time = options.time ?? { from: "now-24h", to: "now", timezone: "browser" };
  const builder = new DashboardBuilder(title).uid(uid).tags([...tags].sort()).editable().refresh("1m").time({ from: time.from, to: time.to }).timezone(time.timezone);
  if (time.weekStart) builder.weekStart(time.weekStart);
  if (time.fiscalYearStartMonth !== undefined) builder.fiscalYearStartMonth(time.fiscalYearStartMonth);
  if (options.links?.length) builder.links(options.links);
  return builder;
}

/** Dashboard JSON from rows, with ids and grid positions fixed by order. */
export function dashboardJson(uid: string, title: string, tags: string[], rows: RowSpec[], datasourceUid: string, options: DashboardOptions = {}): DashboardJson {
  const datasource = { type: "prometheus", uid: datasourceUid };
  const builder = dashboardBuilder(uid, title, tags, options);
  let id = 1;
  let y = 0;
  for (const row of rows) {
    builder.withRow(new RowBuilder(row.title).id(id++).gridPos({ x: 0, y, w: 24, h: 1 }));
    y += 1;
    row.panels.forEach((p, i) => {
      const gridPos = { x: (i % 2) * 12, y: y + Math.floor(i / 2) * 8, w: 12, h: 8 };
      const thresholds =
        p.threshold === undefined
          ? undefined
          : new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
              { value: null, color: "green" },
              { value: p.threshold, color: "red" },
            ]);
      const targets = p.queries.map((q, n) => {
        const t = new DataqueryBuilder().expr(q.expr).refId(REF_IDS[n % REF_IDS.length]).datasource(datasource);
        return q.legend ? t.legendFormat(q.legend) : t;
      });
      if (p.kind === "stat") {
        const panel = new StatPanelBuilder().id(id++).title(p.title).datasource(datasource).gridPos(gridPos).targets(targets);
        if (p.unit) panel.unit(p.unit);
        if (thresholds) panel.thresholds(thresholds);
        if (p.timeFrom) panel.timeFrom(p.timeFrom);
        builder.withPanel(panel);
      } else {
        const panel = new TimeseriesPanelBuilder().id(id++).title(p.title).datasource(datasource).gridPos(gridPos).targets(targets);
        if (p.unit) panel.unit(p.unit);
        if (thresholds) panel.thresholds(thresholds);
        if (p.timeFrom) panel.timeFrom(p.timeFrom);
        builder.withPanel(panel);
      }
    });
    y += Math.ceil(row.panels.length / 2) * 8;
  }
  return { ...builder.build(), schemaVersion: DASHBOARD_SCHEMA_VERSION };
}

/** The plan resource of one dashboard in the system's folder. */
export function dashboardResource(model: Model, name: string, parent: string, json: DashboardJson): PlanResource {
  return {
    type: DASHBOARD_TYPE,
    name,
    parent,
    provider: "grafana",
    inputs: { configJson: JSON.stringify(json), folder: folderUidRef(model), overwrite: true },
  };
}

/** A dashboard's tags: readiness, the system, the environment, then its own. */
export function dashboardTags(model: Model, ...more: string[]): string[] {
  return ["readiness", model.system.name, model.environment, ...more];
}

/** Every Grafana dashboard of the environment: per service, the overview, and the spec's own. */
export function grafanaDashboards(model: Model, settings: RenderSettings): PlanResource[] {
  const ds = settings.grafanaDatasourceUid;
  const env = model.environment;
  const out: PlanResource[] = [];
  const links = hasSloOverview(model) ? [sloOverviewLink(model)] : [];
  for (const service of model.services) {
    const options = { time: dashboardTime(service.slos, "now-24h"), links };
    const json = dashboardJson(grafanaUid(model.system.name, env, service.id), `${service.name} (${env})`, dashboardTags(model, service.id, SERVICE_DASHBOARD_TAG), serviceRows(service), ds, options);
    out.push(dashboardResource(model, logicalName(service.id, "dashboard"), serviceComponent(model, service.id).name, json));
  }
  const dashboards = dashboardsComponent(model).name;
  const overview = dashboardJson(grafanaUid(model.system.name, env, "overview"), `${model.system.name} overview (${env})`, dashboardTags(model, "overview"), overviewRows(model), ds);
  out.push(dashboardResource(model, logicalName(model.system.name, "overview"), dashboards, overview));
  for (const d of model.dashboards) {
    const json = dashboardJson(grafanaUid(model.system.name, env, "d", d.id), `${d.title} (${env})`, dashboardTags(model, d.id), customRows(d), ds);
    out.push(dashboardResource(model, logicalName("dashboards", d.id), dashboards, json));
  }
  return out;
}
