/**
 * `export alertmanager` and `export blackbox` of the example spec, checked by the real tools:
 * amtool accepts the configuration and routes each severity where the spec says; promtool and the
 * blackbox exporter accept the probe configuration, which probes each check as declared.
 */
import { parse, stringify } from "yaml";
import { renderPrometheusRule } from "../../backends/prometheus/prometheusRule";
import { alertmanagerConfig, renderAlertmanagerConfig, templateLiteral } from "../../backends/prometheus/alertmanager";
import { blackboxModules, literalRegexp, probeScrapeConfigs, renderBlackboxConfig, renderPrometheusConfig } from "../../backends/prometheus/blackbox";
import { renderRuleFile } from "../../rules/ruleFile";
import { checkRules, probeSelector } from "../../rules/checkRules";
import { exampleModel } from "../support/example";
import { amtoolCheck, amtoolRoute, blackboxCheck } from "../support/selfHostedTools";
import { promtool, promtoolTestRules } from "../support/promtool";
import { makeCheck, makeModel, makeService } from "../support/model";

describe("export alertmanager", () => {
  it.each(["prod", "staging"] as const)("is accepted by amtool check-config (%s)", (env) => {
    const r = amtoolCheck(renderAlertmanagerConfig(exampleModel(env)));
    expect(r.output).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  });

  it("routes prod pages to the service's PagerDuty receiver, tickets to Slack, info to email", () => {
    const text = renderAlertmanagerConfig(exampleModel("prod"));
    expect(amtoolRoute(text, { env: "prod", severity: "page", service: "billing-api" })).toEqual(["page/billing-api"]);
    expect(amtoolRoute(text, { env: "prod", severity: "ticket", service: "billing-api" })).toEqual(["ticket"]);
    expect(amtoolRoute(text, { env: "prod", severity: "info", service: "billing-api" })).toEqual(["info"]);
    const cfg = alertmanagerConfig(exampleModel("prod"), { pagerdutyKeyDir: "/keys/" });
    const page = cfg.receivers.find((r) => r.name === "page/billing-api");
    expect(page?.pagerduty_configs?.[0]).toMatchObject({ routing_key_file: "/keys/billing-api", send_resolved: true });
    expect(cfg.receivers.find((r) => r.name === "ticket")?.slack_configs?.[0]).toMatchObject({ channel: "#billing-alerts" });
    expect(cfg.receivers.find((r) => r.name === "info")?.email_configs?.[0]).toMatchObject({ to: "billing-team@acme.test" });
  });

  it("never reaches PagerDuty where paging is false, even for an alert labelled page", () => {
    const text = renderAlertmanagerConfig(exampleModel("staging"));
    expect(text).not.toContain("pagerduty");
    expect(amtoolRoute(text, { env: "staging", severity: "page", service: "billing-api" })).toEqual(["page"]);
    const page = alertmanagerConfig(exampleModel("staging")).receivers.find((r) => r.name === "page");
    expect(page?.slack_configs?.[0]).toMatchObject({ channel: "#billing-alerts" });
  });

  it("sends the watchdog only to the status page's dead man's switch, with the token read from a file", () => {
    const text = renderAlertmanagerConfig(exampleModel("prod"), { watchdogTokenFile: "/run/secrets/watchdog", webhookUrl: "http://127.0.0.1:9/hook" });
    expect(amtoolRoute(text, { env: "prod", severity: "none", watchdog: "true" })).toEqual(["watchdog"]);
    const hook = alertmanagerConfig(exampleModel("prod"), { watchdogTokenFile: "/run/secrets/watchdog" }).receivers.find((r) => r.name === "watchdog")?.webhook_configs?.[0];
    expect(hook).toMatchObject({ url: "https://status.acme.test/api/watchdog/prometheus", http_config: { authorization: { type: "Bearer", credentials_file: "/run/secrets/watchdog" } } });
    expect(amtoolCheck(text).ok).toBe(true);
    // Without a status page there is no switch to send it to; the audit reports that (watchdog-no-switch).
    const { statusPage: _, ...noPage } = exampleModel("prod");
    expect(alertmanagerConfig(noPage).receivers.map((r) => r.name)).not.toContain("watchdog");
  });

  it("sends an alert of another environment to the ticket targets rather than dropping it", () => {
    expect(amtoolRoute(renderAlertmanagerConfig(exampleModel("prod")), { env: "qa", severity: "page" })).toEqual(["ticket"]);
  });

  it("lets a page inhibit only the ticket of the same SLO", () => {
    const [rule] = alertmanagerConfig(exampleModel("prod")).inhibit_rules;
    expect(rule).toEqual({ source_matchers: ['severity="page"', 'slo=~".+"'], target_matchers: ['severity="ticket"', 'slo=~".+"'], equal: ["env", "service", "slo"] });
  });

  it("never prints a secret: keys and the Slack URL are named by path", () => {
    const text = renderAlertmanagerConfig(exampleModel("prod"), { slackApiUrlFile: "/run/secrets/slack" });
    expect(text).toContain("slack_api_url_file: /run/secrets/slack");
    expect(text).not.toMatch(/routing_key:|service_key:|slack_api_url:/);
  });

  it("sends every alert to the webhook too, when one is given", () => {
    const text = renderAlertmanagerConfig(exampleModel("prod"), { webhookUrl: "http://127.0.0.1:9/hook" });
    expect(amtoolCheck(text).ok).toBe(true);
    expect(amtoolRoute(text, { env: "prod", severity: "page", service: "billing-api" })).toEqual(["webhook", "page/billing-api"]);
  });

  it("keeps spec text out of Go templates", () => {
    expect(templateLiteral("#ops")).toBe("#ops");
    expect(templateLiteral("{{ .x }}")).toBe('{{ "{{ .x }}" }}');
  });

  it("is byte-identical for the same spec", () => {
    expect(renderAlertmanagerConfig(exampleModel("prod"))).toBe(renderAlertmanagerConfig(exampleModel("prod")));
  });
});

describe("export blackbox", () => {
  it("probes each check with its method, status, body and timeout", () => {
    const modules = blackboxModules(exampleModel("prod"));
    expect(modules["billing-api/health"]).toEqual({
      prober: "http",
      timeout: "2s",
      http: { method: "GET", valid_status_codes: [200], fail_if_body_not_matches_regexp: ['"status":"ok"'], preferred_ip_protocol: "ip4", ip_protocol_fallback: true },
    });
    expect(modules["billing-api/checkout-smoke"].http.method).toBe("POST");
    expect(modules["billing-api/checkout-smoke"].timeout).toBe("10s");
    expect(literalRegexp("a.b (c)")).toBe("a\\.b \\(c\\)");
  });

  it("scrapes each check at its interval into the series the check rules select", () => {
    const model = exampleModel("prod");
    const jobs = probeScrapeConfigs(model, "127.0.0.1:9115");
    const health = jobs.find((j) => j.job_name === "billing-api/health")!;
    expect(health).toMatchObject({ scrape_interval: "1m", scrape_timeout: "3s", params: { module: ["billing-api/health"] } });
    expect(health.static_configs[0].targets).toEqual(["https://api.acme.test/health"]);
    const service = model.services.find((s) => s.id === "billing-api")!;
    // the rule selects job and instance; the relabelling makes instance the probed URL
    expect(probeSelector(service, service.checks.find((c) => c.id === "health")!)).toBe('probe_success{job="billing-api/health", instance="https://api.acme.test/health"}');
    expect(health.relabel_configs).toContainEqual({ source_labels: ["__param_target"], target_label: "instance" });
  });

  it.each(["prod", "staging"] as const)("is accepted by the exporter and by promtool check config (%s)", (env) => {
    const model = exampleModel(env);
    const bb = blackboxCheck(renderBlackboxConfig(model));
    expect(bb.output).toContain("Config file is ok");
    const prom = promtool(["check", "config", "prometheus.yml"], {
      "prometheus.yml": renderPrometheusConfig(model, { ruleFiles: ["rules.yaml"], alertmanagers: ["127.0.0.1:9093"] }),
      "rules.yaml": renderRuleFile(model),
    });
    expect(prom.output).toContain("SUCCESS");
    expect(prom.ok).toBe(true);
    expect(parse(renderPrometheusConfig(model)).global.external_labels).toEqual({ env });
  });
});

describe("check rules with the exported probes", () => {
  // Probes land just under a second before each evaluation: a range of alertAfter x every less
  // one second (the old rule) never holds three probes at that phase, so the alert never fired.
  it("fire after alertAfter failed probes whatever the phase of probes and evaluations", () => {
    const model = makeModel({ services: [makeService({ id: "api", checks: [makeCheck({ serviceId: "api", alertAfter: 3 })] })] });
    const series = 'probe_success{job="api/health", instance="https://api.example.test/health"}';
    const r = promtoolTestRules(renderRuleFile(model), [
      {
        interval: "1m",
        input_series: [{ series, values: "1 1 0 0 0 0" }],
        alert_rule_test: [
          { eval_time: "3m59s500ms", alertname: "ApiHealthCheckFailing", exp_alerts: [] },
          {
            eval_time: "4m59s500ms",
            alertname: "ApiHealthCheckFailing",
            exp_alerts: [
              {
                exp_labels: { check: "health", env: model.environment, instance: "https://api.example.test/health", job: "api/health", service: "api", severity: "page" },
                exp_annotations: checkRules(model, model.services[0], model.services[0].checks[0])[0].annotations,
              },
            ],
          },
        ],
      },
    ], "500ms");
    expect(r.output).toContain("SUCCESS");
  });
});

describe("export prometheus --format prometheusrule", () => {
  it.each(["prod", "staging"] as const)("holds the rule file's groups, which promtool accepts (%s)", (env) => {
    const model = exampleModel(env);
    const cr = parse(renderPrometheusRule(model));
    expect(cr).toMatchObject({ apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: `readiness-${env}`, labels: { "readiness/environment": env } } });
    expect(cr.spec.groups).toEqual(parse(renderRuleFile(model)).groups);
    const check = promtool(["check", "rules", "rules.yaml"], { "rules.yaml": stringify({ groups: cr.spec.groups }) });
    expect(check.output).toContain("SUCCESS");
  });
});
