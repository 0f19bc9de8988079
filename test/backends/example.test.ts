import { inputsOf } from "../support/inputs";
import { render as grafana } from "../../backends/grafana/index";
import { render as datadog } from "../../backends/datadog/index";
import { render as cloudflare } from "../../backends/cloudflare/index";
import type { PlanFragment } from "../../plan/components";
import type { RenderSettings } from "../../plan/plan";
import { exampleModel } from "../support/example";

const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct", cloudflareZoneId: "zone" };
const names = (f: PlanFragment, type: string) => f.resources.filter((r) => r.type === type).map((r) => r.name).sort();

describe("the example spec", () => {
  it("renders Grafana for both environments with a dashboard and rule groups per service and a check per spec check", () => {
    for (const env of ["staging", "prod"] as const) {
      const f = grafana(exampleModel(env), settings);
      expect(names(f, "grafana:syntheticMonitoring/check:Check")).toEqual(["billing-api/checkout-smoke", "billing-api/health", "billing-api/status-page-health", "webhooks/health"]);
      expect(names(f, "grafana:oss/dashboard:Dashboard")).toEqual(["billing-api/dashboard", "billing-platform/overview", "billing-platform/slo-overview", "charge-run/dashboard", "dashboards/business", "webhooks/dashboard"]);
      expect(names(f, "grafana:alerting/contactPoint:ContactPoint")).toEqual([
        "email-billing-team@acme.test",
        "pagerduty-billing-api",
        "pagerduty-charge-run",
        "pagerduty-webhooks",
        "slack-billing-alerts",
        "watchdog",
      ]);
    }
  });

  it("never labels a Grafana rule severity page in staging, where paging is off", () => {
    const text = JSON.stringify(grafana(exampleModel("staging"), settings).resources);
    expect(text).not.toContain('"severity":"page"');
    expect(JSON.stringify(grafana(exampleModel("prod"), settings).resources)).toContain('"severity":"page"');
  });

  it("renders Datadog only in prod, where the checks notify PagerDuty", () => {
    expect(datadog(exampleModel("staging"), settings).resources).toEqual([]);
    const prod = datadog(exampleModel("prod"), settings);
    const health = prod.resources.find((r) => r.name === "billing-api/health" && r.type === "datadog:index/syntheticsTest:SyntheticsTest");
    expect(inputsOf(health).message).toContain("@pagerduty-billing-platform-prod-billing-api");
    expect(names(prod, "datadog:pagerduty/serviceObject:ServiceObject")).toEqual(["billing-api", "charge-run", "webhooks"]);
  });

  it("gives Cloudflare a health check per GET check of the example, not the POST smoke test", () => {
    expect(names(cloudflare(exampleModel("prod"), settings), "cloudflare:index/healthcheck:Healthcheck")).toEqual(["billing-api/health", "billing-api/status-page-health", "webhooks/health"]);
  });

  it("renders byte-identical fragments on two runs", () => {
    for (const r of [grafana, datadog, cloudflare]) expect(JSON.stringify(r(exampleModel("prod"), settings))).toBe(JSON.stringify(r(exampleModel("prod"), settings)));
  });
});
