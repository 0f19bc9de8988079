import { renderPlan } from "../../backends/render";
import { datadogApiUrl } from "../../backends/datadog";
import { settingsFromConfig } from "../../plan/settings";
import { makeModel, makeService } from "../support/model";

const settingsWith = (extra: Record<string, string>) =>
  settingsFromConfig((k: string) => ({ "grafana:url": "https://g.example.test/", "readiness:cloudflareAccountId": "acct", ...extra })[k]);
const provider = (plan: ReturnType<typeof renderPlan>, backend: string) => plan.resources.find((r) => r.type === `pulumi:providers:${backend}`)?.inputs;

describe("providers are configured from stack config so pulumi up can succeed", () => {
  test("datadog:site becomes the provider's apiUrl; without it the provider keeps its US1 default", () => {
    expect(provider(renderPlan(makeModel(), settingsWith({ "datadog:site": "datadoghq.eu" })), "datadog")).toMatchObject({ apiUrl: "https://api.datadoghq.eu/" });
    expect(provider(renderPlan(makeModel(), settingsWith({})), "datadog")).not.toHaveProperty("apiUrl");
    expect(["us3.datadoghq.com", "https://app.datadoghq.eu", "ddog-gov.com/"].map(datadogApiUrl)).toEqual(["https://api.us3.datadoghq.com/", "https://api.datadoghq.eu/", "https://api.ddog-gov.com/"]);
  });

  test("Grafana gets the Synthetic Monitoring token (secret) and URL exactly when the plan has checks", () => {
    const withChecks = provider(renderPlan(makeModel(), settingsWith({ "grafana:smUrl": "https://sm.example.test" })), "grafana");
    expect(withChecks).toMatchObject({ smAccessToken: { $secret: "grafana:smAccessToken" }, smUrl: "https://sm.example.test", auth: { $secret: "grafana:auth" } });
    expect(provider(renderPlan(makeModel(), settingsWith({})), "grafana")).toMatchObject({ smUrl: "<unset: grafana:smUrl>" });
    const noChecks = provider(renderPlan(makeModel({ services: [makeService()] }), settingsWith({})), "grafana");
    expect(noChecks).not.toHaveProperty("smAccessToken");
    expect(noChecks).not.toHaveProperty("smUrl");
  });
});
