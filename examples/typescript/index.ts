/**
 * readiness from TypeScript only: the spec is typed data (SpecInput has the same fields as
 * readiness.yaml, checked by the same schema), and ReadinessStack provisions it with the same
 * renderers as the YAML path. Run with `pulumi up` in this directory after setting the stack config
 * the README's provisioning section lists (grafana:url, grafana:smUrl, readiness:cloudflareAccountId,
 * and the secrets).
 */
import * as pulumi from "@pulumi/pulumi";
import { ReadinessStack, settingsFromConfig, type SpecInput } from "../../library";

/** The whole spec: one service with an SLO and a check, a weekly rotation with escalation, a status page. */
export const spec: SpecInput = {
  apiVersion: "readiness/v1",
  system: { name: "shop", owner: "storefront", runbookBase: "https://runbooks.example.test/shop/" },
  environments: {
    prod: { backends: ["grafana", "pagerduty", "cloudflare"], paging: true, vars: { host: "shop.example.test" } },
  },
  routing: {
    page: { escalation: "shop-oncall" },
    ticket: { slack: "#shop-alerts" },
    info: { email: "shop-team@example.test" },
  },
  oncall: {
    timezone: "Europe/Berlin",
    people: [
      { id: "ana", name: "Ana Diaz", email: "ana@example.test" },
      { id: "ben", name: "Ben Okafor", email: "ben@example.test" },
    ],
    schedules: [{ id: "shop-primary", rotation: "weekly", handoff: "monday 09:00", members: ["ana", "ben"] }],
    escalations: [
      {
        id: "shop-oncall",
        repeat: 1,
        levels: [{ notify: ["schedule:shop-primary"], escalateAfter: "15m" }, { notify: ["person:ben"] }],
      },
    ],
  },
  services: [
    {
      id: "storefront",
      name: "Storefront",
      tier: "critical",
      runbook: "storefront.md",
      statusPage: { component: "Shop" },
      slos: [
        {
          id: "availability",
          objective: 99.9,
          window: "30d",
          sli: {
            errors: { prometheus: 'sum(rate(http_requests_total{service="storefront",code=~"5.."}[{{window}}]))' },
            total: { prometheus: 'sum(rate(http_requests_total{service="storefront"}[{{window}}]))' },
          },
        },
      ],
      checks: [{ id: "home", http: "https://${vars.host}/", every: "1m", expect: { status: 200, within: "2s" }, alertAfter: 2, severity: "page" }],
    },
  ],
  statusPage: { title: "Shop status", hostname: "status.${vars.host}", probeEvery: "1m", historyDays: 90 },
};

const settings = settingsFromConfig((key) => {
  const [ns, name] = key.split(":");
  return new pulumi.Config(ns).get(name);
});
const stack = new ReadinessStack("shop", { spec, environment: new pulumi.Config("readiness").get("environment") ?? pulumi.getStack(), settings });

export const pagerdutyServiceIds = stack.pagerdutyServiceIds;
export const dashboardUrls = stack.dashboardUrls;
export const onCallNow = stack.onCallNow;
