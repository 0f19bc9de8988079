import { inputsOf } from "../support/inputs";
import { datadogBurnRateQuery, datadogSloQuery } from "../../slos/datadog";
import { notifyHandles } from "../../backends/datadog/handles";
import { renderDatadogSloAndMonitors } from "../../backends/datadog/monitors";
import { DATADOG_MONITOR_TYPE } from "../../backends/datadog/types";
import { DATADOG_SLO_TYPE } from "../../backends/datadog/slos";
import { exampleModel } from "../support/example";
import { burn, dur, makeModel, makeSlo } from "../support/model";

const settings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct" };

describe("Datadog SLO queries", () => {
  it.each([
    ["errors/total", { kind: "ratio", errors: { datadog: "sum:e{*}.as_count()" }, total: { datadog: "sum:t{*}.as_count()" } }, { numerator: "sum:t{*}.as_count() - sum:e{*}.as_count()", denominator: "sum:t{*}.as_count()" }],
    ["good/total", { kind: "ratio", good: { datadog: "sum:g{*}.as_count()" }, total: { datadog: "sum:t{*}.as_count()" } }, { numerator: "sum:g{*}.as_count()", denominator: "sum:t{*}.as_count()" }],
    ["Prometheus only", { kind: "ratio", errors: { prometheus: "a" }, total: { prometheus: "b" } }, undefined],
  ] as const)("a %s SLI gives its numerator and denominator", (_n, sli, expected) => {
    expect(datadogSloQuery({ sli: sli as never })).toEqual(expected);
  });

  it.each([
    ["1h/5m", burn("page-fast", "page", "1h", "5m", 14.4), 'burn_rate("abc").over("30d").long_window("1h").short_window("5m") > 14.4'],
    ["6h/30m", burn("page-slow", "page", "6h", "30m", 6), 'burn_rate("abc").over("30d").long_window("6h").short_window("30m") > 6'],
    ["1d/2h", burn("ticket-fast", "ticket", "1d", "2h", 3), 'burn_rate("abc").over("30d").long_window("24h").short_window("2h") > 3'],
    ["3d/6h (over Datadog's 48h limit)", burn("ticket-slow", "ticket", "3d", "6h", 1), undefined],
  ])("the %s pair becomes %s", (_w, alert, expected) => {
    expect(datadogBurnRateQuery("abc", { window: dur("30d") }, alert)).toBe(expected);
  });
});

describe("Datadog notify handles", () => {
  it("route pages to the service's PagerDuty handle, tickets to Slack and info to email", () => {
    const m = makeModel({ routing: { page: { severity: "page", targets: [{ kind: "escalation", escalation: "x" }] }, ticket: { severity: "ticket", targets: [{ kind: "slack", channel: "#billing-alerts" }] }, info: { severity: "info", targets: [{ kind: "email", address: "team@acme.test" }] } } });
    expect([notifyHandles(m, "billing-api", "page"), notifyHandles(m, "billing-api", "ticket"), notifyHandles(m, "billing-api", "info")]).toEqual([[`@pagerduty-${m.system.name}-${m.environment}-billing-api`], ["@slack-billing-alerts"], ["@team@acme.test"]]);
  });
});

describe("Datadog SLOs and monitors of the example", () => {
  const prod = renderDatadogSloAndMonitors(exampleModel("prod"), settings);

  it("render nothing where Datadog is not a backend (staging)", () => {
    expect(renderDatadogSloAndMonitors(exampleModel("staging"), settings).resources).toEqual([]);
  });

  it("create a metric SLO only for SLOs with Datadog ratio queries", () => {
    expect(prod.resources.filter((r) => r.type === DATADOG_SLO_TYPE).map((r) => r.name)).toEqual(["billing-api/availability", "charge-run/charge-success"]);
  });

  it("give each SLO slo-alert monitors that reference its id, parented on the SLO component, paging through PagerDuty via the guarded composite", () => {
    const fast = prod.resources.find((r) => r.name === "billing-api/availability/page-fast");
    expect(fast?.type).toBe(DATADOG_MONITOR_TYPE);
    expect(fast?.parent).toBe("billing-api/availability");
    expect(inputsOf(fast).type).toBe("slo alert");
    expect(JSON.stringify(inputsOf(fast).query)).toContain('"resource":"billing-api/availability"');
    expect(String(inputsOf(fast).message)).not.toContain("@");
    const guarded = prod.resources.find((r) => r.name === "billing-api/availability/page-fast/guarded");
    expect(guarded?.parent).toBe("billing-api/availability");
    expect(String(inputsOf(guarded).message)).toMatch(/@pagerduty-billing-platform-prod-billing-api$/);
    expect(String(inputsOf(guarded).message)).not.toMatch(/[ \t]$/m);
    expect(prod.components.map((c) => c.name)).toEqual(expect.arrayContaining(["billing-api", "billing-api/availability"]));
  });

  it("turn spec alerts into query alerts with thresholds and the no-data policy", () => {
    const errorRate = prod.resources.find((r) => r.name === "billing-api/error-rate");
    expect(errorRate?.inputs).toMatchObject({ type: "query alert", notifyNoData: true, monitorThresholds: { critical: "0.05" }, noDataTimeframe: 10 });
    expect(String(inputsOf(errorRate).query)).toMatch(/^avg\(last_5m\):.* > 0\.05$/);
    expect(inputsOf(prod.resources.find((r) => r.name === "billing-api/p95-latency")).notifyNoData).toBe(false);
  });

  it("watch the nightly heartbeat for staleness with no-data alerting over every + grace", () => {
    const nightly = prod.resources.find((r) => r.name === "charge-run/nightly");
    expect(nightly?.inputs).toMatchObject({ query: "sum(last_25h):sum:billing.charge_run.last_success{env:prod}.as_count() < 1", notifyNoData: true, noDataTimeframe: 1500 });
    expect(nightly?.parent).toBe("charge-run");
  });

  it("is paged nowhere where paging is off", () => {
    const off = renderDatadogSloAndMonitors({ ...makeModel({ paging: false }), services: [{ ...makeModel().services[0], slos: [makeSlo({ sli: { kind: "ratio", errors: { datadog: "e" }, total: { datadog: "t" } }, alerts: [burn("page-fast", "ticket", "1h", "5m", 14.4)] })] }] }, settings);
    expect(off.resources.some((r) => String(inputsOf(r).message).includes("@pagerduty"))).toBe(false);
  });
});
