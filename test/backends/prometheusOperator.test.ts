/**
 * The `prometheus` backend: prometheus-operator custom resources in the plan, each holding what the
 * matching self-hosted export prints (rules, routing tree, probes), in the configured namespace
 * with the labels the Prometheus stack selects on, and nothing that pages where paging is off.
 */
import { parse } from "yaml";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { stackSettings } from "../../stacks/stackConfig";
import { UserError } from "../../files/userError";
import { renderPlan } from "../../backends/render";
import { configKeysOf, settingsFromConfig } from "../../plan/settings";
import { planText } from "../../plan/format/text";
import type { Plan, PlannedResource } from "../../plan/plan";
import { customResourceType } from "../../backends/prometheus";
import { PAGERDUTY_SECRET_TYPE } from "../../backends/prometheus/pagerdutySecret";
import { CUSTOM_RESOURCE_TYPE } from "../../plan/sdkTypes";
import { ref } from "../../plan/plan";
import { renderPrometheusRule } from "../../backends/prometheus/prometheusRule";
import { alertmanagerConfig } from "../../backends/prometheus/alertmanager";
import { probeScrapeConfigs } from "../../backends/prometheus/blackbox";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule } from "../../rules/rule";
import { renderedInventory } from "../../audit/rendered";
import type { Model } from "../../specification/model";
import { loadModels } from "../../specification/loadModels";
import { exampleText } from "../support/example";
import { HOOK, routingSpecText } from "../support/routingSpec";
import { budget, dur, makeCheck, makeModel, makeService, makeSlo, makeAlert } from "../support/model";
import { tempDir } from "../support/tempDir";

const CONFIG: Record<string, string> = {
  "readiness:prometheusNamespace": "observability",
  "readiness:prometheusLabels": "release=kube-prometheus-stack, team=sre",
  "readiness:blackboxProberUrl": "http://blackbox.observability.svc:9115",
};
const settings = settingsFromConfig((k) => CONFIG[k]);

function model(over: Partial<Model> = {}): Model {
  const api = makeService({
    slos: [makeSlo()],
    alerts: [makeAlert()],
    checks: [makeCheck(), makeCheck({ id: "body", every: dur("30s"), expect: { status: 200, within: budget("5s"), bodyContains: "ok" } })],
  });
  const web = makeService({ id: "web", name: "Web", checks: [makeCheck({ id: "home", serviceId: "web", url: "https://web.example.test/" })] });
  return makeModel({ backends: ["pagerduty", "prometheus"], services: [api, web], ...over });
}

const crs = (plan: Plan) => plan.resources.filter((r) => r.type === CUSTOM_RESOURCE_TYPE);
const ofKind = (plan: Plan, kind: string) => crs(plan).filter((r) => r.inputs.kind === kind);
const spec = (r: PlannedResource) => r.inputs.spec as Record<string, unknown>;

describe("the prometheus backend", () => {
  const m = model();
  const plan = renderPlan(m, settings);

  it("renders nothing where prometheus is not a backend", () => {
    const other = renderPlan(model({ backends: ["grafana", "pagerduty"] }), settings);
    expect(other.resources.filter((r) => r.provider === "prometheus")).toEqual([]);
  });

  it("creates a PrometheusRule whose groups are exactly the export's rules", () => {
    const [rule] = ofKind(plan, "PrometheusRule");
    expect(rule.inputs.apiVersion).toBe("monitoring.coreos.com/v1");
    const exported = parse(renderPrometheusRule(m)) as { spec: { groups: unknown[] } };
    expect(spec(rule).groups).toEqual(exported.spec.groups);
    const alerts = (spec(rule).groups as { rules: { alert?: string }[] }[]).flatMap((g) => g.rules.filter((r) => r.alert).map((r) => r.alert));
    expect(alerts).toEqual(prometheusRuleGroups(m).flatMap((g) => g.rules.filter(isAlertRule).map((r) => r.alert)));
    expect(alerts.length).toBeGreaterThan(3);
  });

  it("puts every resource in the configured namespace with the selector labels beside readiness' own", () => {
    expect(crs(plan).length).toBe(2 + 3);
    for (const r of crs(plan))
      expect(r.inputs.metadata).toEqual({
        name: expect.stringMatching(/^readiness-prod/),
        namespace: "observability",
        labels: { "app.kubernetes.io/managed-by": "readiness", "readiness/environment": "prod", release: "kube-prometheus-stack", team: "sre" },
      });
    expect(new Set(crs(plan).map((r) => (r.inputs.metadata as { name: string }).name + String(r.inputs.kind))).size).toBe(crs(plan).length);
  });

  it("creates one Probe per check, through the configured blackbox exporter, under the job and module the check rules select", () => {
    const probes = ofKind(plan, "Probe");
    const checks = m.services.flatMap((s) => s.checks.map((c) => ({ s, c })));
    expect(probes.map((p) => p.name).sort()).toEqual(checks.map(({ s, c }) => `${s.id}/${c.id}`).sort());
    for (const { s, c } of checks) {
      const p = spec(probes.find((x) => x.name === `${s.id}/${c.id}`)!);
      expect(p).toMatchObject({
        jobName: `${s.id}/${c.id}`,
        module: `${s.id}/${c.id}`,
        interval: c.every.text,
        prober: { url: "blackbox.observability.svc:9115", scheme: "http", path: "/probe" },
        targets: { staticConfig: { static: [c.url], labels: { check: c.id, env: "prod", service: s.id } } },
      });
    }
    // The export's scrape jobs, field by field.
    const jobs = probeScrapeConfigs(m, "blackbox.observability.svc:9115");
    expect(probes.map((p) => [spec(p).jobName, spec(p).scrapeTimeout]).sort()).toEqual(jobs.map((j) => [j.job_name, j.scrape_timeout]).sort());
    expect(probes.find((p) => p.name === "web/home")?.parent).toBe("web");
  });

  it("creates an AlertmanagerConfig routing each severity as the export does, keys read from the configured Secret", () => {
    const [amc] = ofKind(plan, "AlertmanagerConfig");
    expect(amc.inputs.apiVersion).toBe("monitoring.coreos.com/v1alpha1");
    const exported = alertmanagerConfig(m);
    const route = spec(amc).route as { receiver: string; groupBy: string[]; routes: { receiver: string; matchers: unknown[]; routes?: { receiver: string; matchers: unknown[] }[] }[] };
    expect(route.receiver).toBe(exported.route.receiver);
    expect(route.groupBy).toEqual(["env", "service", "slo", "severity"]);
    expect(route.routes.map((r) => r.receiver)).toEqual(exported.route.routes!.map((r) => r.receiver));
    const page = route.routes.find((r) => r.receiver === "page")!;
    expect(page.matchers).toEqual([
      { name: "env", matchType: "=", value: "prod" },
      { name: "severity", matchType: "=", value: "page" },
    ]);
    expect(page.routes).toEqual([
      { receiver: "page/api", matchers: [{ name: "service", matchType: "=", value: "api" }] },
      { receiver: "page/web", matchers: [{ name: "service", matchType: "=", value: "web" }] },
    ]);
    const receivers = spec(amc).receivers as { name: string; pagerdutyConfigs?: Record<string, unknown>[]; slackConfigs?: Record<string, unknown>[]; emailConfigs?: Record<string, unknown>[] }[];
    expect(receivers.map((r) => r.name)).toEqual(exported.receivers.map((r) => r.name));
    const pd = receivers.find((r) => r.name === "page/api")!.pagerdutyConfigs![0];
    expect(pd).toMatchObject({ routingKey: { name: "readiness-prod-pagerduty", key: "pagerduty-api" }, sendResolved: true, client: "readiness" });
    expect(pd.details).toContainEqual({ key: "service", value: "{{ .CommonLabels.service }}" });
    expect(receivers.find((r) => r.name === "ticket")!.slackConfigs).toEqual([expect.objectContaining({ channel: "#alerts", apiURL: { name: "readiness-alertmanager", key: "slack-api-url" }, sendResolved: true })]);
    expect(receivers.find((r) => r.name === "info")!.emailConfigs).toEqual([{ to: "team@example.test", sendResolved: true }]);
    expect(spec(amc).inhibitRules).toEqual([
      {
        sourceMatch: [
          { name: "severity", matchType: "=", value: "page" },
          { name: "slo", matchType: "=~", value: ".+" },
        ],
        targetMatch: [
          { name: "severity", matchType: "=", value: "ticket" },
          { name: "slo", matchType: "=~", value: ".+" },
        ],
        equal: ["env", "service", "slo"],
      },
    ]);
  });

  it("writes the keys of the PagerDuty backend's Alertmanager integrations into a Secret of their own, as Pulumi secrets", () => {
    const integrations = plan.resources.filter((r) => r.type === "pagerduty:index/serviceIntegration:ServiceIntegration");
    expect(integrations.map((r) => [r.name, r.inputs.name])).toEqual([
      ["api/prometheus", "Prometheus Alertmanager (Events API v2)"],
      ["web/prometheus", "Prometheus Alertmanager (Events API v2)"],
    ]);
    const secret = plan.resources.find((r) => r.type === PAGERDUTY_SECRET_TYPE)!;
    expect(secret.inputs.metadata).toMatchObject({ name: "readiness-prod-pagerduty", namespace: "observability" });
    expect(secret.inputs.stringData).toEqual({
      "pagerduty-api": { ...ref("api/prometheus", "pagerduty:index/serviceIntegration:ServiceIntegration", "integrationKey"), secret: true },
      "pagerduty-web": { ...ref("web/prometheus", "pagerduty:index/serviceIntegration:ServiceIntegration", "integrationKey"), secret: true },
    });
    // Without the PagerDuty backend the keys come from the configured Secret, which the user fills.
    const alone = renderPlan(model({ backends: ["prometheus"] }), settings);
    expect(alone.resources.filter((r) => r.type === PAGERDUTY_SECRET_TYPE)).toEqual([]);
    const receivers = spec(ofKind(alone, "AlertmanagerConfig")[0]).receivers as { name: string; pagerdutyConfigs?: { routingKey: unknown }[] }[];
    expect(receivers.find((r) => r.name === "page/api")!.pagerdutyConfigs![0].routingKey).toEqual({ name: "readiness-alertmanager", key: "pagerduty-api" });
  });

  it("sends the watchdog to the status page's switch with the token from the Secret", () => {
    const withPage = renderPlan(model({ statusPage: { hostname: "status.example.test" } as Model["statusPage"] }), settings);
    const [amc] = ofKind(withPage, "AlertmanagerConfig");
    const watchdog = (spec(amc).receivers as { name: string; webhookConfigs?: unknown[] }[]).find((r) => r.name === "watchdog");
    expect(watchdog?.webhookConfigs).toEqual([
      { url: "https://status.example.test/api/watchdog/prometheus", sendResolved: false, httpConfig: { authorization: { type: "Bearer", credentials: { name: "readiness-alertmanager", key: "watchdog-token" } } } },
    ]);
  });

  it("has no PagerDuty receiver and no page severity anywhere where paging is false", () => {
    // Loaded from a spec, so the loader's page -> ticket applies, as it does for a user.
    const text0 = exampleText().replace("backends: [grafana, pagerduty, cloudflare]", "backends: [grafana, pagerduty, cloudflare, prometheus]");
    const loaded = loadModels(text0, "readiness.yaml");
    if (!loaded.ok) throw new Error("the example with prometheus does not load");
    expect(loaded.models.staging.backends).toContain("prometheus");
    const staging = renderPlan(loaded.models.staging, settings);
    expect(ofKind(staging, "AlertmanagerConfig").length).toBe(1);
    expect(staging.resources.filter((r) => r.type === PAGERDUTY_SECRET_TYPE)).toEqual([]);
    const text = JSON.stringify(crs(staging).map((r) => r.inputs));
    expect(text).not.toMatch(/pagerduty/i);
    const rules = (spec(ofKind(staging, "PrometheusRule")[0]).groups as { rules: { labels?: Record<string, string> }[] }[]).flatMap((g) => g.rules);
    expect(rules.filter((r) => r.labels?.severity === "page")).toEqual([]);
    expect(rules.filter((r) => r.labels?.severity === "ticket").length).toBeGreaterThan(0);
  });

  it("creates them with a Kubernetes provider on the configured namespace, kubeconfig and context", () => {
    expect(plan.resources.find((r) => r.type === "pulumi:providers:kubernetes")?.inputs).toEqual({ namespace: "observability" });
    const pinned = renderPlan(m, settingsFromConfig((k) => ({ ...CONFIG, "readiness:kubeconfig": "/etc/kube/config", "readiness:kubeContext": "prod-eu" })[k]));
    expect(pinned.resources.find((r) => r.type === "pulumi:providers:kubernetes")?.inputs).toEqual({ namespace: "observability", kubeconfig: "/etc/kube/config", context: "prod-eu" });
  });

  it("asks for the blackbox exporter's URL when there are checks and it is not configured", () => {
    const bare = renderPlan(m, settingsFromConfig(() => undefined));
    expect(configKeysOf(bare).unset).toContain("readiness:blackboxProberUrl");
    expect(ofKind(bare, "AlertmanagerConfig")[0].inputs.metadata).toMatchObject({ namespace: "monitoring" });
    const noChecks = renderPlan(model({ services: [makeService({ slos: [makeSlo()] })] }), settingsFromConfig(() => undefined));
    expect(configKeysOf(noChecks).unset).not.toContain("readiness:blackboxProberUrl");
  });

  it("rejects malformed selector labels with the key's name, in the CLI as the stack file's error", () => {
    expect(() => settingsFromConfig((k) => (k === "readiness:prometheusLabels" ? "release" : undefined))).toThrow(/readiness:prometheusLabels/);
    const dir = tempDir("readiness-k8s-");
    writeFileSync(path.join(dir, "Pulumi.prod.yaml"), 'config:\n  readiness:prometheusLabels: "release"\n');
    let err: unknown;
    try {
      stackSettings(path.join(dir, "readiness.yaml"), "prod");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/Pulumi\.prod\.yaml: readiness:prometheusLabels: expected key=value pairs/);
    writeFileSync(path.join(dir, "Pulumi.prod.yaml"), 'config:\n  readiness:prometheusLabels: "release=kps,team=sre"\n');
    expect(stackSettings(path.join(dir, "readiness.yaml"), "prod").prometheusLabels).toEqual({ release: "kps", team: "sre" });
  });

  it("shows each resource's kind and Kubernetes name in the plan text", () => {
    const text = planText(plan);
    expect(text).toContain("kubernetes:PrometheusRule prometheus-rules  name=readiness-prod namespace=observability");
    expect(text).toContain("kubernetes:Probe web/home  name=readiness-prod-web.home namespace=observability");
    expect(text).toContain("kubernetes:AlertmanagerConfig alertmanager-config");
  });

  it("registers each under the type its URN carries", () => {
    expect(ofKind(plan, "Probe").map((r) => customResourceType(r.inputs))).toContain("kubernetes:monitoring.coreos.com/v1:Probe");
  });

  it("lists the rendered PrometheusRule's alerts as notifying items in the audit inventory", () => {
    const items = renderedInventory(m, plan).filter((i) => i.backend === "prometheus");
    const rule = ofKind(plan, "PrometheusRule")[0];
    const alerts = (spec(rule).groups as { rules: { alert?: string }[] }[]).flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : [])));
    expect(items.map((i) => i.name).sort()).toEqual([...alerts].sort());
    expect(items.some((i) => i.severity === "page" && i.wakes.length > 0)).toBe(true);
    // Read from the rendered resource: a rule missing from it is missing from the inventory.
    const groups = JSON.parse(JSON.stringify(spec(rule).groups)) as { rules: { alert?: string }[] }[];
    const dropped = groups[0].rules.find((r) => r.alert)!.alert;
    groups[0].rules = groups[0].rules.filter((r) => r.alert !== dropped);
    const edited: Plan = { ...plan, resources: plan.resources.map((r) => (r === rule ? { ...r, inputs: { ...r.inputs, spec: { groups: groups as never } } } : r)) };
    expect(renderedInventory(m, edited).filter((i) => i.backend === "prometheus").map((i) => i.name)).not.toContain(dropped);
  });
});

describe("a route webhook in the AlertmanagerConfig", () => {
  test("is read from the Secret by key, never written into the custom resource", () => {
    const text = routingSpecText().replace("prod: { backends: [grafana, datadog, pagerduty], paging: true }", "prod: { backends: [pagerduty, prometheus], paging: true }");
    const loaded = loadModels(text, "readiness.yaml");
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
    const plan = renderPlan(loaded.models.prod, settingsFromConfig((k) => CONFIG[k]));
    const amc = plan.resources.find((r) => r.type === CUSTOM_RESOURCE_TYPE && r.inputs.kind === "AlertmanagerConfig")!;
    const hooks = ((amc.inputs.spec as { receivers: { webhookConfigs?: Record<string, unknown>[] }[] }).receivers ?? []).flatMap((r) => r.webhookConfigs ?? []);
    const routeHook = hooks.find((h) => h.urlSecret !== undefined);
    expect(routeHook).toEqual(expect.objectContaining({ urlSecret: { name: expect.any(String), key: expect.stringMatching(/^webhook-/) } }));
    expect(JSON.stringify(amc.inputs)).not.toContain(new URL(HOOK).pathname);
    expect(hooks.every((h) => typeof h.url === "string" || h.urlSecret !== undefined)).toBe(true);
  });
});
