/**
 * Calendar SLOs in Datadog: its SLO targets take only the rolling timeframes 7d, 30d and 90d, so a
 * calendar SLO is rendered over the nearest one (week 7d, month 30d, quarter 90d), says so in its
 * description, and keeps its burn-rate monitors (guard included), where before a month or quarter
 * had no Datadog SLO at all.
 */
import { renderPlan } from "../../../backends/render";
import { DATADOG_SLO_TYPE } from "../../../backends/datadog/slos";
import { DATADOG_MONITOR_TYPE } from "../../../backends/datadog/types";
import { printable } from "../../../plan/format/value";
import type { RenderSettings } from "../../../plan/plan";
import { loadModels, formatDiagnostic } from "../../../specification/loadModels";
import { exampleText } from "../../support/example";

const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct", cloudflareZoneId: "zone" };
const HEAD = "      - id: availability\n        objective: 99.9        # percent of good events\n        window: 30d\n";

function prodWithAvailability(window: string) {
  expect(exampleText()).toContain(HEAD);
  const r = loadModels(exampleText().replace(HEAD, HEAD.replace("30d", window)), "readiness.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.models.prod;
}

describe("a calendar SLO in Datadog", () => {
  it.each([
    ["week", "7d"],
    ["month", "30d"],
    ["quarter", "90d"],
  ])("window: %s becomes a Datadog SLO over the rolling %s, named as such in its description", (period, timeframe) => {
    const model = prodWithAvailability(period);
    const resources = renderPlan(model, settings).resources;
    const slo = resources.find((r) => r.type === DATADOG_SLO_TYPE && r.name === "billing-api/availability");
    expect(slo?.inputs).toMatchObject({ timeframe, thresholds: [{ timeframe, target: 99.9 }], targetThreshold: 99.9 });
    expect(slo?.inputs.description).toBe(`99.9% of availability events good per calendar ${period} (${model.oncall.timezone}); Datadog tracks it over a rolling ${timeframe}`);
    const burns = resources.filter((r) => r.type === DATADOG_MONITOR_TYPE && r.inputs.type === "slo alert" && r.name.startsWith("billing-api/availability/"));
    expect(burns.map((r) => r.name)).toEqual(expect.arrayContaining(["billing-api/availability/page-fast", "billing-api/availability/page-slow"]));
    for (const b of burns) expect(String(printable(b.inputs.query))).toContain(`.over("${timeframe}")`);
    expect(resources.some((r) => r.name === "billing-api/availability/page-fast/guarded")).toBe(true);
  });

  it("a rolling window Datadog has no timeframe for (28d) still renders no Datadog SLO", () => {
    const resources = renderPlan(prodWithAvailability("28d"), settings).resources;
    expect(resources.some((r) => r.type === DATADOG_SLO_TYPE && r.name === "billing-api/availability")).toBe(false);
  });
});
