/**
 * Grafana dashboards as JSON built with @grafana/grafana-foundation-sdk: one per service (SLI, error
 * budget remaining, burn rate per alert window, the spec alerts' queries, checks, heartbeats), one
 * overview for the system, and the spec's own dashboards.
 *
 * Everything Grafana would otherwise fill in and then report as changed is stated: uid from ids,
 * panel ids and grid positions from order, `schemaVersion`.
 */
import { DashboardBuilder, RowBuilder, ThresholdsConfigBuilder, ThresholdsMode } from "@grafana/grafana-foundation-sdk/dashboard";
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

/** Panels of one SLO: SLI, error budget remaining over the SLO window, burn rate per alert window. */
export function sloPanels(slo: Slo): PanelSpec[] {
  const ratio = errorRatioExpr(slo.sli, RATE_WINDOW);
  const budgetRatio = errorRatioExpr(slo.sli, slo.window);
  if (ratio === undefined || budgetRatio === undefined) return [];
  const burn = burnWindows(slo).flatMap((w) => {
    const expr = errorRatioExpr(slo.sli, w);
    return expr === undefined ? [] : [{ expr: `(${expr}) / ${slo.errorBudget}`, legend: w.text }];
  });
  return [
    { title: `${slo.id}: SLI (objective ${slo.objective}%)`, kind: "timeseries", unit: "percentunit", queries: [{ expr: `1 - (${ratio})`, legend: "SLI" }], threshold: slo.objective / 100 },
    { title: `${slo.id}: error budget remaining (${slo.window.text})`, kind: "stat", unit: "percentunit", queries: [{ expr: `1 - (${budgetRatio}) / ${slo.errorBudget}` }], threshold: 0 },
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

/** Dashboard JSON from rows, with ids and grid positions fixed by order. */
export function dashboardJson(uid: string, title: string, tags: string[], rows: RowSpec[], datasourceUid: string): DashboardJson {
  const datasource = { type: "prometheus", uid: datasourceUid };
  const builder = new DashboardBuilder(title).uid(uid).tags([...tags].sort()).editable().refresh("1m").time({ from: "now-24h", to: "now" }).timezone("browser");
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
        builder.withPanel(panel);
      } else {
        const panel = new TimeseriesPanelBuilder().id(id++).title(p.title).datasource(datasource).gridPos(gridPos).targets(targets);
        if (p.unit) panel.unit(p.unit);
        if (thresholds) panel.thresholds(thresholds);
        builder.withPanel(panel);
      }
    });
    y += Math.ceil(row.panels.length / 2) * 8;
  }
  return { ...builder.build(), schemaVersion: DASHBOARD_SCHEMA_VERSION };
}

function dashboardResource(model: Model, name: string, parent: string, json: DashboardJson): PlanResource {
  return {
    type: DASHBOARD_TYPE,
    name,
    parent,
    provider: "grafana",
    inputs: { configJson: JSON.stringify(json), folder: folderUidRef(model), overwrite: true },
  };
}

function tags(model: Model, ...more: string[]): string[] {
  return ["readiness", model.system.name, model.environment, ...more];
}

/** Every Grafana dashboard of the environment: per service, the overview, and the spec's own. */
export function grafanaDashboards(model: Model, settings: RenderSettings): PlanResource[] {
  const ds = settings.grafanaDatasourceUid;
  const env = model.environment;
  const out: PlanResource[] = [];
  for (const service of model.services) {
    const json = dashboardJson(grafanaUid(model.system.name, env, service.id), `${service.name} (${env})`, tags(model, service.id), serviceRows(service), ds);
    out.push(dashboardResource(model, logicalName(service.id, "dashboard"), serviceComponent(model, service.id).name, json));
  }
  const dashboards = dashboardsComponent(model).name;
  const overview = dashboardJson(grafanaUid(model.system.name, env, "overview"), `${model.system.name} overview (${env})`, tags(model, "overview"), overviewRows(model), ds);
  out.push(dashboardResource(model, logicalName(model.system.name, "overview"), dashboards, overview));
  for (const d of model.dashboards) {
    const json = dashboardJson(grafanaUid(model.system.name, env, "d", d.id), `${d.title} (${env})`, tags(model, d.id), customRows(d), ds);
    out.push(dashboardResource(model, logicalName("dashboards", d.id), dashboards, json));
  }
  return out;
}
