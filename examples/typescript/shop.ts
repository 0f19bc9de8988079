/**
 * The shop system declared in TypeScript only, component by component, with the spec's own types:
 * a service, an SLO, a check, a heartbeat, a rotation with escalation, routing and a status page.
 * index.ts provisions it; test/components/typescriptExample.test.ts proves it registers the same
 * resources as its YAML twin. `host` may be a plain string or another resource's output (a load
 * balancer's DNS name): the check target and the status page hostname follow it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AlertRouting, Check, Heartbeat, OnCall, ReadinessSystem, ServiceMonitoring, ServiceSlo, StatusPage, type SettingsInput } from "../../lib";

/** The shop's components, for a program that exports their outputs. */
export interface Shop {
  system: ReadinessSystem;
  storefront: ServiceMonitoring;
  availability: ServiceSlo;
  home: Check;
  reindex: Heartbeat;
  oncall: OnCall;
  statusPage: StatusPage;
}

export function shop(environment: string, settings: SettingsInput, host: pulumi.Input<string> = "shop.example.test"): Shop {
  const system = new ReadinessSystem("shop", {
    environment,
    settings,
    spec: {
      system: { name: "shop", owner: "storefront", runbookBase: "https://runbooks.example.test/shop/" },
      environments: {
        prod: { backends: ["grafana", "pagerduty", "cloudflare"], paging: true, vars: { host } },
      },
    },
  });
  const oncall = new OnCall("oncall", {
    system,
    oncall: {
      timezone: "Europe/Berlin",
      people: [
        { id: "ana", name: "Ana Diaz", email: "ana@example.test" },
        { id: "ben", name: "Ben Okafor", email: "ben@example.test" },
      ],
      schedules: [{ id: "shop-primary", rotation: "weekly", handoff: "monday 09:00", members: ["ana", "ben"] }],
      escalations: [{ id: "shop-oncall", repeat: 1, levels: [{ notify: ["schedule:shop-primary"], escalateAfter: "15m" }, { notify: ["person:ben"] }] }],
    },
  });
  new AlertRouting("routing", {
    system,
    routing: { page: { escalation: "shop-oncall" }, ticket: { slack: "#shop-alerts" }, info: { email: "shop-team@example.test" } },
  });
  const storefront = new ServiceMonitoring("storefront", {
    system,
    service: { name: "Storefront", tier: "critical", runbook: "storefront.md", statusPage: { component: "Shop" } },
  });
  const availability = new ServiceSlo("availability", {
    service: storefront,
    slo: {
      objective: 99.9,
      window: "30d",
      sli: {
        errors: { prometheus: 'sum(rate(http_requests_total{service="storefront",code=~"5.."}[{{window}}]))' },
        total: { prometheus: 'sum(rate(http_requests_total{service="storefront"}[{{window}}]))' },
      },
    },
  });
  const home = new Check("home", {
    service: storefront,
    check: { http: "https://${vars.host}/", every: "1m", expect: { status: 200, within: "2s" }, alertAfter: 2, severity: "page" },
  });
  const reindex = new Heartbeat("reindex", {
    service: storefront,
    heartbeat: { summary: "The nightly search reindex has not finished", every: "1d", grace: "1h", prometheus: "shop_reindex_last_success_timestamp_seconds", severity: "ticket" },
  });
  const statusPage = new StatusPage("statuspage", { system, statusPage: { title: "Shop status", hostname: "status.${vars.host}", probeEvery: "1m", historyDays: 90 } });
  return { system, storefront, availability, home, reindex, oncall, statusPage };
}
