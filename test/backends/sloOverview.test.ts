/**
 * The SLO overview dashboards, screenshot-free: every query of every Grafana overview panel parses
 * as Prometheus's parser says (Lezer grammar and specification/promqlCheck.ts) and selects only
 * series the rule generator records for one SLO (or the raw metrics of a calendar SLO's own SLI),
 * and promtool, given the example's rules and synthetic traffic with a known error ratio per SLO,
 * returns the budget, SLI and burn each panel should show. The table sorts on the column the budget
 * query fills; the links between the overview and the service dashboards resolve to dashboards in
 * the plan. Datadog: every SLO id and dashboard URL the overview reads belongs to a resource in the
 * plan, and its burn queries are the SLOs' own Datadog queries.
 */
import { exampleModel, exampleText } from "../support/example";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import type { Model, Slo } from "../../specification/model";
import { renderPlan } from "../../backends/render";
import type { Plan, PlannedResource, PlanValue, RenderSettings } from "../../plan/plan";
import { renderRuleFile } from "../../rules/ruleFile";
import { prometheusRuleGroups } from "../../rules/groups";
import type { PromRecordingRule } from "../../rules/rule";
import { errorRatioExpr } from "../../slos/sli";
import { selectorsOf, matchesLabels, seriesMatch } from "../../live/promqlTree";
import { promqlSyntaxError } from "../../specification/promql";
import { promtoolTestRules } from "../support/promtool";
import { BUDGET_COLUMN } from "../../backends/grafana/sloOverview";
import { SLO_OVERVIEW_TAG, SERVICE_DASHBOARD_TAG } from "../../backends/grafana/sloOverviewLinks";
import { dashboardTime } from "../../backends/grafana/calendarRange";
import { BUDGET_SORT_COLUMN } from "../../backends/datadog/sloOverview";
import { sloOverviewNote } from "../../backends/datadog/sloOverviewLink";

const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct", cloudflareZoneId: "zone", grafanaSmUrl: "https://sm.example.test" };
const GRAFANA_DASHBOARD = "grafana:oss/dashboard:Dashboard";

/** The example with the webhooks delivery SLO budgeted per calendar period. */
function calendarModel(period: string): Model {
  const text = exampleText().replace("      - id: delivery\n        objective: 99.5\n        window: 30d\n", `      - id: delivery\n        objective: 99.5\n        window: ${period}\n`);
  expect(text).toContain(`window: ${period}`);
  const r = loadModels(text, "readiness.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.models.prod;
}

interface Target {
  expr: string;
  refId: string;
}
interface PanelJson {
  type: string;
  title: string;
  targets?: Target[];
  timeFrom?: string;
  links?: { url: string }[];
  transformations?: { id: string; options: Record<string, unknown> }[];
  options?: { sortBy?: { displayName: string; desc: boolean }[] };
}
interface DashboardJson {
  uid: string;
  title: string;
  tags: string[];
  timezone: string;
  time: { from: string; to: string };
  panels: PanelJson[];
  links?: { type: string; tags: string[]; url?: string }[];
}

const grafanaDashboards = (plan: Plan) => plan.resources.filter((r) => r.type === GRAFANA_DASHBOARD).map((r) => JSON.parse(r.inputs.configJson as string) as DashboardJson);
const overviewOf = (plan: Plan) => grafanaDashboards(plan).find((d) => d.tags.includes(SLO_OVERVIEW_TAG)) as DashboardJson;
const tableOf = (d: DashboardJson) => d.panels.find((p) => p.type === "table") as PanelJson;
const queriesOf = (d: DashboardJson) => d.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p, expr: t.expr, refId: t.refId })));

/** Grafana fills `$__range` with the panel's range in seconds; promtool gets the 2h it evaluates over. */
const withRange = (expr: string) => expr.split("$__range").join("7200s");

/**
 * What in a query does not resolve: every selector must select, by name and matchers, the series
 * one SLO's recording rule produces, or be a raw selector of the SLI of a calendar SLO (whose
 * period nothing records).
 */
function unresolved(model: Model, expr: string): string[] {
  const rules = prometheusRuleGroups(model).flatMap((g) => g.rules.filter((r): r is PromRecordingRule => "record" in r));
  const slos = model.services.flatMap((s) => s.slos);
  const raw = new Set(slos.filter((s) => s.calendar).flatMap((s) => selectorsOf(errorRatioExpr(s.sli, { seconds: 300, text: "5m" }) as string).map(seriesMatch)));
  const selectors = selectorsOf(withRange(expr));
  if (selectors.length === 0) return [`no selector parsed in ${expr}`];
  return selectors.flatMap((s) => {
    const produced = rules.filter((r) => r.record === s.metric && matchesLabels(s.matchers, r.labels ?? {}));
    const owners = new Set(produced.map((r) => `${r.labels?.service}/${r.labels?.slo}`));
    if (owners.size === 1) return [];
    if (owners.size === 0 && raw.has(seriesMatch(s))) return [];
    return [`${seriesMatch(s)} selects ${owners.size === 0 ? "nothing the rules record" : `${owners.size} SLOs' series`}`];
  });
}

describe("the Grafana SLO overview", () => {
  const model = exampleModel("prod");
  const plan = renderPlan(model, settings);
  const overview = overviewOf(plan);

  it("is one dashboard per environment with a stable uid and a title no other dashboard in the folder has", () => {
    const titles = grafanaDashboards(plan).map((d) => d.title);
    expect(overview.title).toBe("billing-platform SLOs (prod)");
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
    expect(overview.uid).toBe("billing-platform-prod-slo_overview");
    expect(overviewOf(renderPlan(exampleModel("staging"), settings)).uid).toBe("billing-platform-staging-slo_overview");
    expect(JSON.stringify(overviewOf(renderPlan(exampleModel("prod"), settings)))).toBe(JSON.stringify(overview));
  });

  it("parses every query with Prometheus's parser rules", () => {
    const bad = queriesOf(overview).flatMap((q) => {
      const e = promqlSyntaxError(withRange(q.expr));
      return e ? [`${q.panel.title}: ${e.message}`] : [];
    });
    expect(queriesOf(overview).length).toBeGreaterThan(20);
    expect(bad).toEqual([]);
  });

  it.each([
    ["rolling windows (the example)", () => model],
    ["a calendar month", () => calendarModel("month")],
  ])("selects only series the rules record for one SLO, with %s", (_what, build) => {
    const m = build();
    const d = overviewOf(renderPlan(m, settings));
    expect(queriesOf(d).flatMap((q) => unresolved(m, q.expr))).toEqual([]);
  });

  it("the resolver catches a query reading a series no rule records, or every SLO's at once", () => {
    expect(unresolved(model, 'slo:error_budget:ratio{service="billing-api", slo="availability", env="prod"}')).toEqual([expect.stringContaining("selects nothing")]);
    expect(unresolved(model, 'slo:error_budget_remaining:ratio{env="prod"}')).toEqual([expect.stringContaining("SLOs' series")]);
    expect(unresolved(model, 'slo:error_budget_remaining:ratio{service="billing-api", slo="availability", env="staging"}')).toEqual([expect.stringContaining("selects nothing")]);
    expect(unresolved(model, 'sum(rate(http_requests_total{service="billing-api"}[5m]))')).toEqual([expect.stringContaining("selects nothing")]);
  });

  it("lists every SLO in one table, sorted by the column the budget query fills, ascending", () => {
    const table = tableOf(overview);
    const budgetRef = (table.targets ?? [])[0].refId;
    expect((table.targets ?? [])[0].expr).toContain("slo:error_budget_remaining:ratio");
    const organize = table.transformations?.find((t) => t.id === "organize")?.options as { renameByName: Record<string, string> };
    expect(organize.renameByName[`Value #${budgetRef}`]).toBe(BUDGET_COLUMN);
    expect(table.transformations?.find((t) => t.id === "sortBy")?.options).toEqual({ fields: {}, sort: [{ field: BUDGET_COLUMN, desc: false }] });
    expect(table.options?.sortBy).toEqual([{ displayName: BUDGET_COLUMN, desc: false }]);
    // Merging joins the queries' rows: it runs before the columns are named and sorted.
    expect(table.transformations?.map((t) => t.id)).toEqual(["merge", "organize", "sortBy"]);
    const slos = model.services.flatMap((s) => s.slos.map((slo) => `${s.id}/${slo.id}`));
    const rows = overview.panels.filter((p) => p.type === "row").map((p) => p.title);
    expect(rows.map((t) => t.split(":")[0])).toEqual(model.services.flatMap((s) => s.slos.map((slo) => `${s.name} / ${slo.id}`)));
    expect(rows).toHaveLength(slos.length);
  });

  it("links each service dashboard to the overview and back, to dashboards the plan has", () => {
    const all = grafanaDashboards(plan);
    const resolves = (tags: string[]) => all.filter((d) => tags.every((t) => d.tags.includes(t))).map((d) => d.uid);
    const services = all.filter((d) => d.tags.includes(SERVICE_DASHBOARD_TAG));
    expect(services).toHaveLength(model.services.length);
    for (const s of services) {
      const link = (s.links ?? []).find((l) => l.type === "dashboards");
      expect(resolves(link?.tags ?? [])).toEqual([overview.uid]);
    }
    const back = (overview.links ?? []).find((l) => l.type === "dashboards");
    expect(resolves(back?.tags ?? []).sort()).toEqual(services.map((s) => s.uid).sort());
    const urls = new Set(services.map((s) => `/d/${s.uid}`));
    const panelLinks = overview.panels.filter((p) => p.type !== "row" && p.type !== "table").flatMap((p) => (p.links ?? []).map((l) => l.url));
    expect(panelLinks.length).toBeGreaterThan(0);
    expect(panelLinks.filter((u) => !urls.has(u))).toEqual([]);
  });

  it("opens on the last 7 days in the viewer's zone when every SLO is rolling", () => {
    expect(overview.time).toEqual({ from: "now-7d", to: "now" });
    expect(overview.timezone).toBe("browser");
    expect(tableOf(overview).timeFrom).toBeUndefined();
  });
});

describe("calendar SLOs on dashboards", () => {
  const model = calendarModel("month");
  const plan = renderPlan(model, settings);
  const overview = overviewOf(plan);
  const webhooks = grafanaDashboards(plan).find((d) => d.title === "Payment webhooks (prod)") as DashboardJson;

  it("open the overview and the service dashboard on this month so far, in the on-call time zone", () => {
    for (const d of [overview, webhooks]) {
      expect(d.time).toEqual({ from: "now/M", to: "now" });
      expect(d.timezone).toBe("America/New_York");
    }
    // A service with only rolling SLOs keeps its range.
    expect(grafanaDashboards(plan).find((d) => d.title === "Billing API (prod)")?.time).toEqual({ from: "now-24h", to: "now" });
  });

  it("show the budget over the current period: the table and the budget panels read the SLI over their own range, this month so far", () => {
    expect(tableOf(overview).timeFrom).toBe("now/M");
    const budget = webhooks.panels.find((p) => p.title === "delivery: error budget remaining (this month)") as PanelJson;
    expect(budget.timeFrom).toBe("now/M");
    expect(budget.targets?.[0].expr).toContain("webhook_deliveries_total[$__range]");
    const stat = overview.panels.find((p) => p.title === "delivery: budget remaining this month") as PanelJson;
    expect(stat.timeFrom).toBe("now/M");
  });

  it.each([
    ["week", { from: "now/w", to: "now", timezone: "America/New_York", weekStart: "monday" }],
    ["quarter", { from: "now/fQ", to: "now", timezone: "America/New_York", fiscalYearStartMonth: 0 }],
  ])("open a %s SLO's dashboards on the current %s (Grafana's fiscal quarter starting in January is the calendar quarter)", (period, time) => {
    const m = calendarModel(period);
    const slos = m.services.flatMap((s) => s.slos);
    expect(dashboardTime(slos, "now-7d")).toEqual(time);
    const json = overviewOf(renderPlan(m, settings)) as DashboardJson & { weekStart?: string; fiscalYearStartMonth?: number };
    expect(json.time.from).toBe(time.from);
    if (period === "week") expect(json.weekStart).toBe("monday");
    else expect(json.fiscalYearStartMonth).toBe(0);
  });

  it("fall back to the rolling range when calendar SLOs have different periods (no one range is right for both)", () => {
    const mixed = [{ calendar: { period: "month" as const, timezone: "UTC" } }, { calendar: { period: "week" as const, timezone: "UTC" } }];
    expect(dashboardTime(mixed, "now-7d")).toEqual({ from: "now-7d", to: "now", timezone: "browser" });
  });
});

/**
 * Two hours of traffic at a constant error ratio per SLO; each ratio gives the budget, SLI and
 * burn by hand: budget remaining = 1 - ratio / error budget, burn = ratio / error budget.
 */
const TRAFFIC: { series: string; perMinute: number }[] = [
  { series: 'http_requests_total{service="billing-api", code="200"}', perMinute: 4999 },
  { series: 'http_requests_total{service="billing-api", code="500"}', perMinute: 1 },
  { series: 'http_request_duration_seconds_bucket{service="billing-api", le="0.8"}', perMinute: 997 },
  { series: 'http_request_duration_seconds_bucket{service="billing-api", le="+Inf"}', perMinute: 1000 },
  { series: 'http_request_duration_seconds_count{service="billing-api"}', perMinute: 1000 },
  { series: 'billing_charges_total{result="succeeded"}', perMinute: 99 },
  { series: 'billing_charges_total{result="failed"}', perMinute: 1 },
  { series: 'webhook_deliveries_total{result="delivered"}', perMinute: 399 },
  { series: 'webhook_deliveries_total{result="failed"}', perMinute: 1 },
];
/** Error ratio per SLO, from TRAFFIC: 1/5000, 3/1000, 1/100, 1/400. */
const RATIO: Record<string, number> = { "billing-api/availability": 0.0002, "billing-api/latency": 0.003, "charge-run/charge-success": 0.01, "webhooks/delivery": 0.0025 };

describe("the overview's queries on Prometheus's rule engine (promtool)", () => {
  const model = calendarModel("month");
  const overview = overviewOf(renderPlan(model, settings));
  const slos: [string, Slo][] = model.services.flatMap((s) => s.slos.map((slo): [string, Slo] => [`${s.id}/${slo.id}`, slo]));
  const figures = (key: string) => {
    const slo = slos.find(([k]) => k === key)?.[1] as Slo;
    const r = RATIO[key];
    return { budget: 1 - r / slo.errorBudget, sli: 1 - r, burn: r / slo.errorBudget, objective: String(slo.objective), window: slo.calendar?.period ?? slo.window.text };
  };
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const table = tableOf(overview);
  const tableColumn = (refId: string) => {
    const organize = table.transformations?.find((t) => t.id === "organize")?.options as { renameByName: Record<string, string> };
    return organize.renameByName[`Value #${refId}`] ?? "info";
  };

  it("returns each SLO's budget, SLI, objective and burn per window pair in the table, and the figures every SLO panel draws", () => {
    expect(Object.keys(RATIO).sort()).toEqual(slos.map(([k]) => k).sort());
    const tableTests = (table.targets ?? []).map((t) => {
      const column = tableColumn(t.refId);
      return {
        expr: `round(${withRange(t.expr)}, 0.0001)`,
        eval_time: "2h",
        exp_samples: slos.map(([key]) => {
          const [service, slo] = key.split("/");
          const f = figures(key);
          if (column === "info") return { labels: `{objective="${f.objective}", service="${service}", slo="${slo}", window="${f.window}"}`, value: 1 };
          const value = column === BUDGET_COLUMN ? f.budget : column === "SLI" ? f.sli : f.burn;
          return { labels: `{service="${service}", slo="${slo}"}`, value: round(value) };
        }),
      };
    });
    expect(tableTests.map((t) => tableColumn((table.targets ?? [])[tableTests.indexOf(t)].refId))).toEqual([BUDGET_COLUMN, "SLI", "info", "page-fast burn", "page-slow burn", "ticket-fast burn", "ticket-slow burn"]);
    const panelTests = overview.panels
      .filter((p) => p.type !== "row" && p.type !== "table")
      .flatMap((p) => {
        const row = overview.panels.slice(0, overview.panels.indexOf(p)).reverse().find((x) => x.type === "row") as PanelJson;
        const service = model.services.find((s) => row.title.startsWith(`${s.name} / `));
        const key = `${service?.id}/${row.title.split(" / ")[1].split(":")[0]}`;
        const f = figures(key);
        const value = /budget/.test(p.title) ? f.budget : /SLI/.test(p.title) ? f.sli : f.burn;
        const [svc, slo] = key.split("/");
        return (p.targets ?? []).map((t) => ({ expr: `round(${withRange(t.expr)}, 0.0001)`, eval_time: "2h", exp_samples: [{ labels: `{env="prod", service="${svc}", slo="${slo}"}`, value: round(value) }] }));
      });
    expect(panelTests.length).toBeGreaterThan(20);
    const result = promtoolTestRules(renderRuleFile(model), [
      {
        name: "SLO overview",
        interval: "1m",
        input_series: TRAFFIC.map((t) => ({ series: t.series, values: `0+${t.perMinute}x130` })),
        promql_expr_test: [...tableTests, ...panelTests],
      },
    ]);
    expect(result.output).toContain("SUCCESS");
  });
});

describe("the Datadog SLO overview", () => {
  const model = exampleModel("prod");
  const plan = renderPlan(model, settings);
  const overview = plan.resources.find((r) => r.type === "datadog:index/dashboard:Dashboard") as PlannedResource;
  const refs = (v: PlanValue): { type: string; resource: string; output: string }[] =>
    Array.isArray(v) ? v.flatMap(refs) : v !== null && typeof v === "object" ? ("$ref" in v ? [v as unknown as { type: string; resource: string; output: string }] : Object.values(v).flatMap(refs)) : [];
  const widgets = overview.inputs.widgets as { [k: string]: PlanValue }[];

  it("is one account-scoped dashboard per environment", () => {
    expect(overview.name).toBe("billing-platform/slo-overview");
    expect(overview.inputs.title).toBe("billing-platform-prod-slo-overview");
    expect(renderPlan(exampleModel("staging"), settings).resources.filter((r) => r.type === "datadog:index/dashboard:Dashboard")).toEqual([]);
  });

  it("reads only SLOs and dashboards the plan creates", () => {
    const inPlan = new Set(plan.resources.map((r) => `${r.type}::${r.name}`));
    const read = refs(overview.inputs);
    expect(read.filter((r) => r.type === "datadog:index/serviceLevelObjective:ServiceLevelObjective").length).toBeGreaterThan(0);
    expect(read.filter((r) => !inPlan.has(`${r.type}::${r.resource}`))).toEqual([]);
    const slosInPlan = plan.resources.filter((r) => r.type === "datadog:index/serviceLevelObjective:ServiceLevelObjective").map((r) => r.name);
    const shown = [...new Set(read.filter((r) => r.type === "datadog:index/serviceLevelObjective:ServiceLevelObjective").map((r) => r.resource))];
    expect(shown.sort()).toEqual(slosInPlan.sort());
  });

  it("lists the plan's SLOs by error budget remaining, ascending, with a query their tags match", () => {
    const list = widgets.find((w) => w.sloListDefinition)?.sloListDefinition as { request: { query: { queryString: string; sort: PlanValue } } };
    expect(list.request.query.sort).toEqual({ column: BUDGET_SORT_COLUMN, order: "asc" });
    const q = list.request.query.queryString;
    for (const slo of plan.resources.filter((r) => r.type === "datadog:index/serviceLevelObjective:ServiceLevelObjective")) {
      const tags = slo.inputs.tags as string[];
      const [must, anyOf] = [q.split(" AND (")[0].split(" AND "), q.split(" AND (")[1].replace(/\)$/, "").split(" OR ")];
      expect(must.every((t) => tags.includes(t)) && anyOf.some((t) => tags.includes(t))).toBe(true);
    }
  });

  it("shows each SLO over the window its Datadog SLO has", () => {
    const groups = widgets.flatMap((w) => (w.groupDefinition ? [(w.groupDefinition as { widgets: { serviceLevelObjectiveDefinition?: { sloId: { resource: string }; timeWindows: string[] } }[] }).widgets] : []));
    const summaries = groups.flatMap((g) => g.flatMap((w) => (w.serviceLevelObjectiveDefinition ? [w.serviceLevelObjectiveDefinition] : [])));
    expect(summaries).toHaveLength(groups.length);
    for (const w of summaries) {
      const slo = plan.resources.find((r) => r.type === "datadog:index/serviceLevelObjective:ServiceLevelObjective" && r.name === w.sloId.resource) as PlannedResource;
      expect(w.timeWindows).toEqual([slo.inputs.timeframe]);
    }
  });

  it("draws burn rates from the SLOs' own Datadog queries", () => {
    const collect = (v: PlanValue): string[] =>
      Array.isArray(v) ? v.flatMap(collect) : v !== null && typeof v === "object" ? Object.entries(v).flatMap(([k, x]) => (k === "metricQuery" ? [String((x as { query: string }).query)] : collect(x))) : [];
    const metricQueries = collect(overview.inputs).map((q) => q.replace(/\.rollup\(sum, \d+\)$/, ""));
    const own = new Set(model.services.flatMap((s) => s.slos.flatMap((slo) => (slo.sli.kind === "ratio" ? [slo.sli.total.datadog, slo.sli.errors?.datadog, slo.sli.good?.datadog] : []))));
    expect(metricQueries?.length).toBeGreaterThan(0);
    expect(metricQueries?.filter((m) => !own.has(m))).toEqual([]);
  });

  it("is linked from each service dashboard that has SLOs", () => {
    for (const d of plan.resources.filter((r) => r.type === "datadog:index/dashboardJson:DashboardJson")) {
      const json = JSON.parse(d.inputs.dashboard as string) as { widgets: { definition: { type: string; content?: string } }[] };
      expect(json.widgets[0].definition).toMatchObject({ type: "note", content: sloOverviewNote(model) });
    }
    expect(sloOverviewNote(model)).toContain("(/dashboard/lists?q=billing-platform-prod-slo-overview)");
  });
});
