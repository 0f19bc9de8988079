/**
 * The SLO overview of an environment, as Pyrra's SLO list and detail pages show it (the view its
 * users ask for in Grafana): one table of every SLO, most at risk first (sorted by error budget
 * remaining, ascending), then per SLO its budget over time, its SLI against the objective, and the
 * burn rate of each burn-rate window pair.
 *
 * Every query reads the series the rule generator records (rules/sloRules.ts: the error ratio per
 * window, the SLI and budget over the SLO window, the info series), except a calendar SLO's budget
 * and SLI for the current period: nothing records a calendar period, so those read the SLO's own
 * raw SLI over `$__range`, the panel's range, which opens on the current period in the on-call zone.
 */
import { DashboardLinkBuilder, DashboardLinkType, RowBuilder, ThresholdsConfigBuilder, ThresholdsMode } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Dashboard as DashboardJson } from "@grafana/grafana-foundation-sdk/dashboard";
import { TableSortByFieldStateBuilder } from "@grafana/grafana-foundation-sdk/common";
import { DataqueryBuilder, PromQueryFormat } from "@grafana/grafana-foundation-sdk/prometheus";
import { PanelBuilder as StatPanelBuilder } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as TablePanelBuilder } from "@grafana/grafana-foundation-sdk/table";
import { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import type { BurnRateAlert, Model, Service, Slo } from "../../specification/model";
import type { PlanResource, RenderSettings } from "../../plan/plan";
import { dashboardsComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { errorRatioExpr, hasPrometheusSli } from "../../slos/sli";
import { BUDGET_REMAINING_RECORD, SLO_INFO_RECORD, sliRecord, sloWindows } from "../../rules/sloRules";
import { errorRatioRecord, promNumber, quote } from "../../rules/naming";
import { DASHBOARD_SCHEMA_VERSION, dashboardBuilder, dashboardResource, dashboardTags, RANGE_VARIABLE } from "./dashboards";
import { dashboardTime, PERIOD_START, sharedPeriod } from "./calendarRange";
import { hasSloOverview, serviceDashboardsLink, serviceDashboardUrl, SLO_OVERVIEW_TAG, sloOverviewTitle, sloOverviewUid } from "./sloOverviewLinks";

/** The table's column names, which its sorting and overrides refer to. */
export const BUDGET_COLUMN = "Budget remaining";
export const SLI_COLUMN = "SLI";

/** One SLO the overview shows, with the service it belongs to. */
interface Shown {
  service: Service;
  slo: Slo;
}

function shownSlos(model: Model): Shown[] {
  return model.services.flatMap((service) => service.slos.filter(hasPrometheusSli).map((slo) => ({ service, slo })));
}

/** `{service="a", slo="b", env="prod"}`: the labels every recording of the SLO carries (rules/sloRules.ts). */
function sloSelector(model: Model, slo: Slo): string {
  return `{service=${quote(slo.serviceId)}, slo=${quote(slo.id)}, env=${quote(model.environment)}}`;
}

/** The recorded series of one SLO. */
function recorded(model: Model, slo: Slo, record: string): string {
  return `${record}${sloSelector(model, slo)}`;
}

/** An expression without labels given the SLO's labels, so it joins the recorded rows. */
function labelled(model: Model, slo: Slo, expr: string): string {
  const labels: [string, string][] = [["env", model.environment], ["service", slo.serviceId], ["slo", slo.id]];
  return labels.reduce((inner, [name, value]) => `label_replace(${inner}, ${quote(name)}, ${quote(value)}, "", "")`, expr);
}

/** The error ratio of a calendar SLO over the panel's range (the current period), from its raw SLI. */
function periodRatio(slo: Slo): string {
  return errorRatioExpr(slo.sli, RANGE_VARIABLE) as string;
}

/** Budget remaining of one SLO: recorded over its rolling window, or over the period for a calendar SLO. */
export function budgetExpr(model: Model, slo: Slo): string {
  return slo.calendar ? labelled(model, slo, `1 - (${periodRatio(slo)}) / ${promNumber(slo.errorBudget)}`) : recorded(model, slo, BUDGET_REMAINING_RECORD);
}

/** The SLI of one SLO: recorded over its rolling window, or over the period for a calendar SLO. */
export function sliExpr(model: Model, slo: Slo): string {
  return slo.calendar ? labelled(model, slo, `1 - (${periodRatio(slo)})`) : recorded(model, slo, sliRecord(slo.window));
}

/**
 * The burn rate of one window pair: the lesser of its two windows' burn rates (error ratio over
 * the error budget), the figure its factor is compared with: the pair fires when it is above.
 */
export function pairBurnExpr(model: Model, slo: Slo, alert: Pick<BurnRateAlert, "long" | "short">): string {
  const budget = promNumber(slo.errorBudget);
  const long = `${recorded(model, slo, errorRatioRecord(alert.long))} / ${budget}`;
  const short = `${recorded(model, slo, errorRatioRecord(alert.short))} / ${budget}`;
  return `${long} < ${short} or ${short}`;
}

/** One row per SLO from per-SLO terms, keyed by service and slo so the table's queries merge. */
function perSlo(shown: Shown[], term: (s: Shown) => string | undefined): string | undefined {
  const terms = shown.flatMap((s) => {
    const t = term(s);
    return t === undefined ? [] : [`(${t})`];
  });
  return terms.length ? `max by (service, slo) (${terms.join(" or ")})` : undefined;
}

/** The pair ids the SLOs' burn-rate alerts have, in first-seen order (`page-fast`, `page-slow`, ...). */
function pairIds(shown: Shown[]): string[] {
  return [...new Set(shown.flatMap((s) => s.slo.alerts.map((a) => a.id)))];
}

const REF_IDS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A query of the table: one instant value per SLO, as a table. */
export interface TableQuery {
  refId: string;
  expr: string;
  /** The column its value becomes. */
  column: string;
}

/** The queries of the table, in column order: budget, SLI, objective and window, burn per pair. */
export function tableQueries(model: Model): TableQuery[] {
  const shown = shownSlos(model);
  const columns: { column: string; expr: string | undefined }[] = [
    { column: BUDGET_COLUMN, expr: perSlo(shown, (s) => budgetExpr(model, s.slo)) },
    { column: SLI_COLUMN, expr: perSlo(shown, (s) => sliExpr(model, s.slo)) },
    {
      column: "info",
      // The info series' `window` is the rolling length; a calendar SLO shows its period instead.
      expr: `max by (service, slo, objective, window) (${shown.map((s) => (s.slo.calendar ? `label_replace(${recorded(model, s.slo, SLO_INFO_RECORD)}, "window", ${quote(s.slo.calendar.period)}, "", "")` : recorded(model, s.slo, SLO_INFO_RECORD))).join(" or ")})`,
    },
    ...pairIds(shown).map((id) => ({
      column: `${id} burn`,
      expr: perSlo(shown, (s) => {
        const a = s.slo.alerts.find((x) => x.id === id);
        return a ? pairBurnExpr(model, s.slo, a) : undefined;
      }),
    })),
  ];
  return columns.flatMap((c, i) => (c.expr === undefined ? [] : [{ refId: REF_IDS[i], expr: c.expr, column: c.column }]));
}

function redAt(value: number, below = "red", above = "green") {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
    { value: null, color: below },
    { value, color: above },
  ]);
}

function sloTable(model: Model, datasource: { type: string; uid: string }, id: number, y: number): TablePanelBuilder {
  const queries = tableQueries(model);
  const period = sharedPeriod(shownSlos(model).map((s) => s.slo));
  const targets = queries.map((q) => new DataqueryBuilder().expr(q.expr).refId(q.refId).datasource(datasource).instant().format(PromQueryFormat.Table));
  const rename: Record<string, string> = { service: "Service", slo: "SLO", objective: "Objective (%)", window: "Window" };
  const exclude: Record<string, boolean> = { Time: true };
  for (const q of queries) {
    if (q.column === "info") exclude[`Value #${q.refId}`] = true;
    else rename[`Value #${q.refId}`] = q.column;
  }
  const order = ["service", "slo", ...queries.map((q) => `Value #${q.refId}`).slice(0, 2), "objective", "window", ...queries.slice(3).map((q) => `Value #${q.refId}`)];
  const table = new TablePanelBuilder()
    .id(id)
    .title("SLOs by error budget remaining (most at risk first)")
    .description(
      "Every SLO of the environment. Budget remaining and SLI over the SLO's window (a calendar SLO: over this panel's range, the current period); a window pair's burn is the lesser of its two windows' burn rates, the figure its factor is compared with.",
    )
    .datasource(datasource)
    .gridPos({ x: 0, y, w: 24, h: Math.min(20, 4 + shownSlos(model).length) })
    .targets(targets)
    // Rows of the queries joined on service and slo, then the columns named, then sorted: the
    // sortBy transformation orders the data, the table option keeps the header's sort arrow on it.
    .transformations([
      { id: "merge", options: {} },
      { id: "organize", options: { excludeByName: exclude, indexByName: Object.fromEntries(order.map((k, i) => [k, i])), renameByName: rename } },
      { id: "sortBy", options: { fields: {}, sort: [{ field: BUDGET_COLUMN, desc: false }] } },
    ])
    .sortBy([new TableSortByFieldStateBuilder().displayName(BUDGET_COLUMN).desc(false)])
    .overrideByName(BUDGET_COLUMN, [
      { id: "unit", value: "percentunit" },
      { id: "decimals", value: 1 },
      { id: "custom.cellOptions", value: { type: "color-background" } },
      { id: "thresholds", value: redAt(0).build() },
    ])
    .overrideByName(SLI_COLUMN, [
      { id: "unit", value: "percentunit" },
      { id: "decimals", value: 3 },
    ])
    .overrideByRegexp(".* burn$", [
      { id: "unit", value: "none" },
      { id: "decimals", value: 2 },
    ]);
  if (period) table.timeFrom(PERIOD_START[period]);
  return table;
}

function link(model: Model, service: Service): DashboardLinkBuilder {
  return new DashboardLinkBuilder(`${service.name} dashboard`).type(DashboardLinkType.Link).url(serviceDashboardUrl(model, service.id)).keepTime(true).includeVars(false).targetBlank(false).asDropdown(false).icon("dashboard");
}

function target(datasource: { type: string; uid: string }, expr: string, legend: string, refId: string) {
  return new DataqueryBuilder().expr(expr).legendFormat(legend).refId(refId).datasource(datasource);
}

/** The panels of one SLO's row: budget (this period, for a calendar SLO), budget over time, SLI, burn per pair. */
function sloRowPanels(model: Model, s: Shown, datasource: { type: string; uid: string }, firstId: number, y: number) {
  const { service, slo } = s;
  const links = [link(model, service)];
  const shortest = sloWindows(slo)[0];
  const panels: (StatPanelBuilder | TimeseriesPanelBuilder)[] = [];
  if (slo.calendar) {
    panels.push(
      new StatPanelBuilder()
        .title(`${slo.id}: budget remaining this ${slo.calendar.period}`)
        .targets([target(datasource, budgetExpr(model, slo), `this ${slo.calendar.period}`, "A")])
        .timeFrom(PERIOD_START[slo.calendar.period])
        .unit("percentunit")
        .thresholds(redAt(0)),
    );
  }
  panels.push(
    new TimeseriesPanelBuilder()
      .title(`${slo.id}: budget remaining over time (rolling ${slo.window.text})`)
      .targets([target(datasource, recorded(model, slo, BUDGET_REMAINING_RECORD), `rolling ${slo.window.text}`, "A")])
      .unit("percentunit")
      .thresholds(redAt(0)),
    new TimeseriesPanelBuilder()
      .title(`${slo.id}: SLI against the ${promNumber(slo.objective)}% objective`)
      .targets([
        target(datasource, recorded(model, slo, sliRecord(slo.window)), `SLI over ${slo.window.text}`, "A"),
        ...(shortest ? [target(datasource, `1 - ${recorded(model, slo, errorRatioRecord(shortest))}`, `SLI over ${shortest.text}`, "B")] : []),
      ])
      .unit("percentunit")
      .thresholds(redAt(slo.objective / 100)),
  );
  if (slo.alerts.length) {
    panels.push(
      new TimeseriesPanelBuilder()
        .title(`${slo.id}: burn rate per window pair`)
        .description("Each pair's burn rate is the lesser of its two windows' (error ratio / error budget): the pair fires when it is above the pair's factor.")
        .targets(slo.alerts.map((a, i) => target(datasource, pairBurnExpr(model, slo, a), `${a.id} ${a.windowLabel} (fires above ${promNumber(a.factor)}x)`, REF_IDS[i % REF_IDS.length])))
        .unit("none")
        .thresholds(redAt(Math.min(...slo.alerts.map((a) => a.factor)), "green", "red")),
    );
  }
  const w = 24 / panels.length;
  return panels.map((p, i) => p.id(firstId + i).datasource(datasource).gridPos({ x: i * w, y, w, h: 8 }).links(links));
}

/** The overview's dashboard JSON. */
export function sloOverviewJson(model: Model, datasourceUid: string): DashboardJson {
  const datasource = { type: "prometheus", uid: datasourceUid };
  const shown = shownSlos(model);
  const builder = dashboardBuilder(sloOverviewUid(model), sloOverviewTitle(model), dashboardTags(model, SLO_OVERVIEW_TAG), {
    time: dashboardTime(
      shown.map((s) => s.slo),
      "now-7d",
    ),
    links: [serviceDashboardsLink(model)],
  });
  let id = 1;
  const table = sloTable(model, datasource, id++, 0);
  builder.withPanel(table);
  let y = (table.build().gridPos?.h ?? 0) as number;
  for (const s of shown) {
    const calendar = s.slo.calendar ? `per calendar ${s.slo.calendar.period} (${s.slo.calendar.timezone})` : `over ${s.slo.window.text}`;
    builder.withRow(new RowBuilder(`${s.service.name} / ${s.slo.id}: ${promNumber(s.slo.objective)}% ${calendar}`).id(id++).gridPos({ x: 0, y, w: 24, h: 1 }));
    y += 1;
    const panels = sloRowPanels(model, s, datasource, id, y);
    id += panels.length;
    for (const p of panels) builder.withPanel(p);
    y += 8;
  }
  return { ...builder.build(), schemaVersion: DASHBOARD_SCHEMA_VERSION };
}

/** The SLO overview dashboard of the environment, or nothing when no SLO can be read from Prometheus. */
export function grafanaSloOverview(model: Model, settings: RenderSettings): PlanResource[] {
  if (!hasSloOverview(model)) return [];
  return [dashboardResource(model, logicalName(model.system.name, "slo-overview"), dashboardsComponent(model).name, sloOverviewJson(model, settings.grafanaDatasourceUid))];
}
