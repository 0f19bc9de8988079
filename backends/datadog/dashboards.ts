/**
 * A Datadog dashboard per service, as the JSON `datadog.DashboardJson` takes: SLI, error budget
 * remaining and burn rate per alert window from the SLOs' Datadog queries, the spec alerts'
 * queries with their thresholds, and heartbeat ages. Keys are sorted and order comes from the
 * Model, so the same spec always yields the same text and the provider sees no change.
 */
import type { Duration, Model, Service, Slo } from "../../specification/model";
import type { PlanResource } from "../../plan/plan";
import { serviceComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { fixedThreshold } from "../../specification/alertCondition";
import { hasDatadogSloOverview, sloOverviewNote } from "./sloOverviewLink";

export const DASHBOARD_JSON_TYPE = "datadog:index/dashboardJson:DashboardJson";

/** A JSON value in a dashboard definition. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with keys sorted at every level: one spelling per dashboard. */
export function stableJson(value: Json): string {
  const sort = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === "object") {
      const out: { [key: string]: Json } = {};
      for (const k of Object.keys(v).sort()) out[k] = sort(v[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

/** A named metric query of a widget request. */
export interface Query {
  name: string;
  query: string;
}

function timeseries(title: string, queries: Query[], formulas: { formula: string; alias?: string }[], marker?: { value: number; label: string }): Json {
  const definition: { [key: string]: Json } = {
    type: "timeseries",
    title,
    show_legend: true,
    requests: [
      {
        response_format: "timeseries",
        display_type: "line",
        queries: queries.map((q) => ({ data_source: "metrics", name: q.name, query: q.query })),
        formulas: formulas.map((f): Json => (f.alias ? { formula: f.formula, alias: f.alias } : { formula: f.formula })),
      },
    ],
  };
  if (marker) definition.markers = [{ value: `y = ${marker.value}`, display_type: "error dashed", label: marker.label }];
  return { definition };
}

function queryValue(title: string, queries: Query[], formula: string): Json {
  return {
    definition: {
      type: "query_value",
      title,
      precision: 2,
      requests: [{ response_format: "scalar", queries: queries.map((q) => ({ data_source: "metrics", name: q.name, query: q.query, aggregator: "sum" })), formulas: [{ formula }] }],
    },
  };
}

/** `errors` or `1 - good` over `total` as a formula on two named queries, or undefined without Datadog queries. */
export function ratioParts(slo: Slo, rollupSeconds?: number): { queries: Query[]; errorRatio: string } | undefined {
  if (slo.sli.kind !== "ratio" || !slo.sli.total.datadog) return undefined;
  const roll = (q: string) => (rollupSeconds ? `${q}.rollup(sum, ${rollupSeconds})` : q);
  const total = { name: "total", query: roll(slo.sli.total.datadog) };
  if (slo.sli.errors?.datadog) return { queries: [{ name: "errors", query: roll(slo.sli.errors.datadog) }, total], errorRatio: "errors / total" };
  if (slo.sli.good?.datadog) return { queries: [{ name: "good", query: roll(slo.sli.good.datadog) }, total], errorRatio: "(1 - good / total)" };
  return undefined;
}

function windows(slo: Slo): Duration[] {
  const byText = new Map<string, Duration>();
  for (const a of slo.alerts) for (const w of [a.long, a.short]) byText.set(w.text, w);
  return [...byText.values()].sort((a, b) => a.seconds - b.seconds);
}

/** Widgets of one SLO. Latency SLIs show the distribution's p99 against the threshold. */
export function sloWidgets(slo: Slo): Json[] {
  if (slo.sli.kind === "latency") {
    if (!slo.sli.datadog) return [];
    return [timeseries(`${slo.id}: p99 latency`, [{ name: "p99", query: `p99:${slo.sli.datadog}` }], [{ formula: "p99" }], { value: slo.sli.threshold.ms / 1000, label: "threshold" })];
  }
  const now = ratioParts(slo);
  const whole = ratioParts(slo, slo.window.seconds);
  if (!now || !whole) return [];
  const burns = windows(slo).map((w) => ({ w, parts: ratioParts(slo, w.seconds) as { queries: Query[]; errorRatio: string } }));
  return [
    timeseries(`${slo.id}: SLI (objective ${slo.objective}%)`, now.queries, [{ formula: `100 * (1 - ${now.errorRatio})`, alias: "SLI %" }], { value: slo.objective, label: "objective" }),
    queryValue(`${slo.id}: error budget remaining (${slo.window.text})`, whole.queries, `100 * (1 - ${whole.errorRatio} / ${slo.errorBudget})`),
    ...burns.map(({ w, parts }) => timeseries(`${slo.id}: burn rate over ${w.text}`, parts.queries, [{ formula: `${parts.errorRatio} / ${slo.errorBudget}`, alias: w.text }], { value: 1, label: "sustainable" })),
  ];
}

/** The dashboard definition of one service. */
export function serviceDashboardDefinition(model: Model, service: Service): Json {
  const widgets: Json[] = [
    ...service.slos.flatMap(sloWidgets),
    ...service.alerts.flatMap((a) =>
      a.query.datadog ? [timeseries(`${a.id}: ${a.summary}`, [{ name: "q", query: a.query.datadog }], [{ formula: "q" }], fixedThreshold(a.condition) === undefined ? undefined : { value: fixedThreshold(a.condition)!, label: a.condition.op })] : [],
    ),
    ...service.heartbeats.flatMap((h) =>
      h.datadog ? [timeseries(`${h.id}: last success`, [{ name: "q", query: `max:${h.datadog}` }], [{ formula: "q" }])] : [],
    ),
    ...service.checks.map((c) =>
      timeseries(`${c.id}: response time`, [{ name: "q", query: `avg:synthetics.http.response.time{service:${service.id},check:${c.id},env:${model.environment}}` }], [{ formula: "q" }], { value: c.expect.within.ms, label: "within" }),
    ),
  ];
  // The note links to the SLO overview; alone it is no reason for a dashboard.
  if (widgets.length && hasDatadogSloOverview(model)) widgets.unshift({ definition: { type: "note", content: sloOverviewNote(model), background_color: "white", font_size: "14", text_align: "left", show_tick: false, has_padding: true } });
  return {
    title: `${service.name} (${model.environment})`,
    // Not the spec's path: how it was spelled (or where it was read from) must not change the resource.
    description: `Generated by readiness from the ${model.system.name} readiness spec (${model.environment}); do not edit.`,
    layout_type: "ordered",
    reflow_type: "auto",
    notify_list: [],
    template_variables: [],
    widgets,
  };
}

/** A dashboard per service that has something to show. */
export function datadogDashboards(model: Model): PlanResource[] {
  return model.services.flatMap((service) => {
    const definition = serviceDashboardDefinition(model, service);
    const widgets = (definition as { widgets: Json[] }).widgets;
    if (widgets.length === 0) return [];
    return [
      {
        type: DASHBOARD_JSON_TYPE,
        name: logicalName(service.id, "dashboard"),
        parent: serviceComponent(model, service.id).name,
        provider: "datadog" as const,
        inputs: { dashboard: stableJson(definition) },
      },
    ];
  });
}
