import { inputsOf } from "../support/inputs";
import { render } from "../../backends/grafana/index";
import { grafanaRule, grafanaRuleGroups, NO_DATA_STATE } from "../../backends/grafana/ruleGroups";
import { grafanaContactPoints } from "../../backends/grafana/contactPoints";
import { grafanaNotificationPolicy } from "../../backends/grafana/notificationPolicy";
import { grafanaDashboards, DASHBOARD_SCHEMA_VERSION } from "../../backends/grafana/dashboards";
import { smCheck } from "../../backends/grafana/syntheticChecks";
import { grafanaUid } from "../../backends/grafana/uid";
import { prometheusRuleGroups } from "../../rules/groups";
import type { PromRuleGroup } from "../../rules/rule";
import type { Model, Route } from "../../specification/model";
import type { PlanResource, PlanValue, RenderSettings } from "../../plan/plan";
import { isSecret } from "../../plan/plan";
import { budget, dur, makeAlert, makeCheck, makeHeartbeat, makeModel, makeService, makeSlo } from "../support/model";

const settings: RenderSettings = { grafanaDatasourceUid: "prom-uid", cloudflareAccountId: "acct" };

type Obj = { [key: string]: PlanValue };
const byType = (rs: PlanResource[], type: string) => rs.filter((r) => r.type === type);

describe("Grafana rule groups", () => {
  const group: PromRuleGroup = {
    name: "api-alerts",
    interval: "5m",
    service: "api",
    rules: [
      { record: "slo:sli_error:ratio_rate5m", expr: "sum(rate(e[5m])) / sum(rate(t[5m]))", labels: { service: "api", slo: "availability" } },
      { alert: "ApiErrorRate", expr: "x > 0.05", for: "5m", labels: { service: "api", severity: "page", env: "prod", alert: "error-rate" }, annotations: { summary: "s", runbook_url: "https://r" } },
      { alert: "ApiCheck", expr: "probe_success == 0", labels: { service: "api", severity: "ticket", env: "prod", check: "health" }, annotations: { summary: "c" } },
    ],
  };

  it.each([
    ["the recording rule", 0],
    ["the alert rule with for", 1],
    ["the alert rule without for", 2],
  ])("keeps the expression and labels of %s", (_label, i) => {
    const rule = group.rules[i];
    const out = grafanaRule(group, rule, settings, "prod");
    const a = JSON.parse(((out.datas as Obj[])[0].model as string)) as { expr: string; datasource: { uid: string } };
    expect(a.expr).toBe(rule.expr);
    expect(a.datasource.uid).toBe("prom-uid");
    expect((out.datas as Obj[])[0].datasourceUid).toBe("prom-uid");
    expect(out.labels).toEqual(rule.labels ?? {});
  });

  it("writes recording rules through the record block to the same data source", () => {
    const out = grafanaRule(group, group.rules[0], settings, "prod");
    // The title names whose recording it is: older Grafana indexes titles uniquely per folder.
    expect(out.name).toBe("slo:sli_error:ratio_rate5m api/availability");
    expect(out.record).toEqual({ metric: "slo:sli_error:ratio_rate5m", from: "A", targetDatasourceUid: "prom-uid" });
    expect(out.condition).toBeUndefined();
  });

  it("keeps for, annotations and alerts on every series the PromQL returns, with no data meaning OK", () => {
    const withFor = grafanaRule(group, group.rules[1], settings, "prod");
    expect(withFor.for).toBe("5m");
    expect(withFor.annotations).toEqual({ runbook_url: "https://r", summary: "s" });
    expect(withFor.condition).toBe("B");
    expect(withFor.noDataState).toBe(NO_DATA_STATE);
    const b = JSON.parse(((withFor.datas as Obj[])[1].model as string)) as { type: string; expression: string };
    expect(b.type).toBe("math");
    expect(b.expression).toContain("is_number($A)");
    expect(grafanaRule(group, group.rules[2], settings, "prod").for).toBeUndefined();
  });

  it("gives every rule a distinct uid of at most 40 characters that differs between environments", () => {
    const uids = group.rules.map((r) => grafanaRule(group, r, settings, "prod").uid as string);
    const staging = group.rules.map((r) => grafanaRule(group, r, settings, "staging").uid as string);
    expect(new Set([...uids, ...staging]).size).toBe(6);
    for (const u of [...uids, ...staging]) expect(u.length).toBeLessThanOrEqual(40);
  });

  it("holds exactly the Prometheus export's rules, group by group, in the service's component (the watchdog in routing)", () => {
    const model = makeModel({ services: [makeService({ slos: [makeSlo()], alerts: [makeAlert()], checks: [makeCheck()], heartbeats: [makeHeartbeat()] })] });
    const groups = prometheusRuleGroups(model);
    const out = grafanaRuleGroups(model, groups, settings);
    expect(out.map((r) => inputsOf(r).name)).toEqual(groups.map((g) => g.name));
    for (const [i, r] of out.entries()) {
      expect(r.parent).toBe(inputsOf(r).name === "readiness-watchdog" ? "routing" : "api");
      const rules = inputsOf(r).rules as Obj[];
      expect(rules.map((x) => (x.record ? (x.record as Obj).metric : x.name))).toEqual(groups[i].rules.map((x) => ("record" in x ? x.record : x.alert)));
      expect(rules.map((x) => JSON.parse(((x.datas as Obj[])[0].model as string)).expr)).toEqual(groups[i].rules.map((x) => x.expr));
    }
    const long = out.find((r) => inputsOf(r).name === "api-slos-long");
    const longGroup = groups.find((g) => g.name === "api-slos-long");
    if (longGroup?.interval) expect(inputsOf(long).intervalSeconds).toBe(dur(longGroup.interval).seconds);
  });
});

describe("Grafana contact points and notification routing", () => {
  const routing = (page: Route["targets"], ticket: Route["targets"], info: Route["targets"]): Model["routing"] => ({
    page: { severity: "page", targets: page },
    ticket: { severity: "ticket", targets: ticket },
    info: { severity: "info", targets: info },
  });
  const twoServices = [makeService({ id: "api" }), makeService({ id: "web" })];

  it.each([
    {
      title: "page to PagerDuty per service, ticket to Slack, info to email",
      model: makeModel({ services: twoServices }),
      contactPoints: ["email-team@example.test", "pagerduty-api", "pagerduty-web", "slack-alerts"],
      branches: { page: ["pagerduty-api", "pagerduty-web"], ticket: ["slack-alerts"], info: ["email-team@example.test"] },
      root: "email-team@example.test",
    },
    {
      title: "no PagerDuty backend: escalation targets have nowhere to go",
      model: makeModel({ services: twoServices, backends: ["grafana"] }),
      contactPoints: ["email-team@example.test", "slack-alerts"],
      branches: { ticket: ["slack-alerts"], info: ["email-team@example.test"] },
      root: "email-team@example.test",
    },
    {
      title: "a severity routed to Slack and email reaches both",
      model: makeModel({ routing: routing([{ kind: "escalation", escalation: "oncall" }], [{ kind: "slack", channel: "#ops" }, { kind: "email", address: "ops@example.test" }], []) }),
      contactPoints: ["email-ops@example.test", "pagerduty-api", "slack-ops"],
      branches: { page: ["pagerduty-api"], ticket: ["slack-ops", "email-ops@example.test"] },
      root: "slack-ops",
    },
  ])("$title", ({ model, contactPoints, branches, root }) => {
    expect(grafanaContactPoints(model).map((c) => c.name)).toEqual(contactPoints);
    // Names are unique per Grafana org, which environments and systems may share: Grafana sees them scoped.
    expect(grafanaContactPoints(model).map((c) => inputsOf(c).name)).toEqual(contactPoints.map((n) => `shop-prod-${n}`));
    const [policy] = grafanaNotificationPolicy(model);
    expect((inputsOf(policy).contactPoint as { resource: string }).resource).toBe(root);
    const got: Record<string, string[]> = {};
    for (const branch of inputsOf(policy).policies as Obj[]) {
      const sev = ((branch.matchers as Obj[])[0] as { value: string }).value;
      expect((branch.matchers as Obj[])[0]).toEqual({ label: "severity", match: "=", value: sev });
      got[sev] = (branch.policies as Obj[]).map((p) => (p.contactPoint as { resource: string }).resource);
      for (const p of branch.policies as Obj[]) expect(p.continue).toBe(true);
    }
    expect(got).toEqual(branches);
  });

  it("routes escalation targets on the service label to that service's PagerDuty contact point", () => {
    const [policy] = grafanaNotificationPolicy(makeModel({ services: twoServices }));
    const page = (inputsOf(policy).policies as Obj[])[0];
    expect((page.policies as Obj[]).map((p) => p.matchers)).toEqual([[{ label: "service", match: "=", value: "api" }], [{ label: "service", match: "=", value: "web" }]]);
  });

  it("keys PagerDuty contact points with the service's Grafana integration and maps severity to Events v2", () => {
    const pd = grafanaContactPoints(makeModel()).find((c) => c.name === "pagerduty-api") as PlanResource;
    const entry = (inputsOf(pd).pagerduties as Obj[])[0];
    expect(entry.integrationKey).toMatchObject({ resource: "api/grafana", type: "pagerduty:index/serviceIntegration:ServiceIntegration", output: "integrationKey" });
    expect(entry.severity).toContain('"page" }}critical');
    expect(entry.severity).toContain('"ticket" }}warning');
  });

  it("keeps the Slack token a secret", () => {
    const slack = grafanaContactPoints(makeModel()).find((c) => c.name === "slack-alerts") as PlanResource;
    const entry = (inputsOf(slack).slacks as Obj[])[0];
    expect(entry.recipient).toBe("#alerts");
    expect(isSecret(entry.token)).toBe(true);
  });
});

describe("Grafana dashboards", () => {
  const model = makeModel({
    services: [makeService({ slos: [makeSlo()], alerts: [makeAlert()], checks: [makeCheck()], heartbeats: [makeHeartbeat()] })],
    dashboards: [{ id: "business", title: "Business", panels: [{ title: "Charges", unit: "reqpm", query: { prometheus: "sum(rate(charges_total[5m]))" } }, { title: "DD only", query: { datadog: "sum:x{*}" } }] }],
  });
  const dashboards = grafanaDashboards(model, settings);
  const json = (name: string) => JSON.parse(inputsOf(dashboards.find((d) => d.name === name)).configJson as string);
  const exprs = (d: { panels: { targets?: { expr: string }[] }[] }) => d.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

  it("shows the SLI, budget, a burn rate per alert window, the alerts' queries, checks and heartbeats on the service dashboard", () => {
    const d = json("api/dashboard");
    const all = exprs(d);
    expect(d.panels.filter((p: { type: string }) => p.type === "row").map((p: { title: string }) => p.title)).toEqual(["SLOs", "Alerts", "Checks", "Heartbeats"]);
    expect(all).toContain(makeAlert().query.prometheus);
    expect(all).toContain('avg(probe_success{job="api/health"})');
    expect(all.some((e) => e.includes("job_last_success_timestamp_seconds"))).toBe(true);
    const burn = d.panels.find((p: { title: string }) => p.title === "availability: burn rate");
    expect(burn.targets.map((t: { legendFormat: string }) => t.legendFormat)).toEqual(["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
    expect(burn.targets[0].expr).toContain("[5m]");
    expect(burn.targets[0].expr).toContain("/ 0.001");
    const budget = d.panels.find((p: { title: string }) => p.title.startsWith("availability: error budget remaining"));
    expect(budget.targets[0].expr).toContain("[30d]");
  });

  it("pins uid, schema version, panel ids and data source so Grafana shows no perpetual diff", () => {
    const d = json("api/dashboard");
    expect(d.uid).toBe(grafanaUid("shop", "prod", "api"));
    expect(d.schemaVersion).toBe(DASHBOARD_SCHEMA_VERSION);
    const ids = d.panels.map((p: { id: number }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of d.panels.filter((x: { type: string }) => x.type !== "row")) expect(p.datasource.uid).toBe("prom-uid");
  });

  it("renders the spec's dashboards with their Prometheus panels in order, beside the overview", () => {
    expect(exprs(json("dashboards/business"))).toEqual(["sum(rate(charges_total[5m]))"]);
    expect(dashboards.find((d) => d.name === "dashboards/business")?.parent).toBe("dashboards");
    expect(dashboards.find((d) => d.name === "shop/overview")?.parent).toBe("dashboards");
    expect(dashboards.find((d) => d.name === "api/dashboard")?.parent).toBe("api");
  });
});

describe("Grafana synthetic monitoring checks", () => {
  it.each([
    { check: makeCheck(), frequency: 60000, timeout: 10000, body: undefined },
    { check: makeCheck({ every: dur("15m"), method: "POST", expect: { status: 201, within: budget("2s"), bodyContains: '"status":"ok"' } }), frequency: 900000, timeout: 2000, body: ['"status":"ok"'] },
    { check: makeCheck({ every: dur("2h"), expect: { status: 200, within: budget("30s") } }), frequency: 3600000, timeout: 30000, body: undefined },
    // Under Synthetic Monitoring's 1s minimum: the probe gets 1s and the check-slow rule keeps the budget (providerLimits.test.ts).
    { check: makeCheck({ expect: { status: 200, within: budget("300ms") } }), frequency: 60000, timeout: 1000, body: undefined },
    { check: makeCheck({ expect: { status: 200, within: budget("1.5s") } }), frequency: 60000, timeout: 1500, body: undefined },
  ])("runs $check.method every $frequency ms with a $timeout ms timeout", ({ check, frequency, timeout, body }) => {
    const r = smCheck(makeModel(), check);
    expect(inputsOf(r).job).toBe("api/health");
    expect(inputsOf(r).target).toBe(check.url);
    expect(inputsOf(r).frequency).toBe(frequency);
    expect(inputsOf(r).timeout).toBe(timeout);
    const http = (inputsOf(r).settings as Obj).http as Obj;
    expect(http.method).toBe(check.method);
    expect(http.validStatusCodes).toEqual([check.expect.status]);
    expect(http.failIfBodyNotMatchesRegexps).toEqual(body);
  });
});

describe("Grafana render", () => {
  const services = [
    makeService({ id: "api", slos: [makeSlo()], alerts: [makeAlert(), makeAlert({ id: "latency", summary: "slow" })], checks: [makeCheck()] }),
    makeService({ id: "web", alerts: [makeAlert({ id: "x", serviceId: "web" })], checks: [makeCheck({ serviceId: "web" })] }),
  ];

  it("renders nothing when Grafana is not a backend of the environment", () => {
    expect(render(makeModel({ backends: ["datadog"] }), settings).resources).toEqual([]);
  });

  it("does not change when services and alerts are listed in another order", () => {
    const a = render(makeModel({ services }), settings);
    const reversed = services.map((s) => ({ ...s, alerts: [...s.alerts].reverse() })).reverse();
    const b = render(makeModel({ services: reversed }), settings);
    const key = (r: PlanResource) => `${r.type} ${r.name}`;
    const sorted = (rs: PlanResource[]) => [...rs].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    // The loader sorts lists by id; rendering a model whose lists were sorted must give the same plan.
    const sortedModel = makeModel({ services: reversed.map((s) => ({ ...s, alerts: [...s.alerts].sort((x, y) => (x.id < y.id ? -1 : 1)) })).sort((x, y) => (x.id < y.id ? -1 : 1)) });
    expect(JSON.stringify(sorted(render(sortedModel, settings).resources))).toBe(JSON.stringify(sorted(a.resources)));
    expect(new Set(b.resources.map(key))).toEqual(new Set(a.resources.map(key)));
  });

  it("parents every resource on a component it declares, and names are unique per type", () => {
    const f = render(makeModel({ services }), settings);
    const components = new Set(f.components.map((c) => c.name));
    for (const r of f.resources) expect(components.has(r.parent)).toBe(true);
    expect(new Set(f.resources.map((r) => `${r.type} ${r.name}`)).size).toBe(f.resources.length);
  });

  it("puts folder, contact points and policy under routing, rule groups and checks under the service", () => {
    const f = render(makeModel({ services }), settings);
    for (const r of f.resources) {
      if (/folder|contactPoint|notificationPolicy/.test(r.type)) expect(r.parent).toBe("routing");
      if (/ruleGroup|syntheticMonitoring/.test(r.type)) expect(services.map((s) => s.id)).toContain(r.parent);
    }
  });

  it("never puts a secret value into an input", () => {
    const text = JSON.stringify(render(makeModel({ services }), settings));
    expect(text).not.toMatch(/xox[bp]-/);
    const secrets: PlanValue[] = [];
    const walk = (v: PlanValue) => {
      if (isSecret(v)) secrets.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    for (const r of render(makeModel({ services }), settings).resources) walk(r.inputs);
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) expect(Object.keys(s as object)).toEqual(["$secret"]);
  });

  it("uses a folder uid and dashboard uids that differ between environments sharing one Grafana", () => {
    const prod = render(makeModel({ services }), settings);
    const staging = render(makeModel({ services, environment: "staging" }), settings);
    const uids = (f: typeof prod) => byType(f.resources, "grafana:oss/dashboard:Dashboard").map((d) => JSON.parse(inputsOf(d).configJson as string).uid);
    for (const u of uids(staging)) expect(uids(prod)).not.toContain(u);
    expect(inputsOf(byType(prod.resources, "grafana:oss/folder:Folder")[0]).uid).not.toBe(inputsOf(byType(staging.resources, "grafana:oss/folder:Folder")[0]).uid);
  });
});

describe("the Grafana watchdog", () => {
  const withPage = (over: Partial<Model> = {}) =>
    makeModel({ statusPage: { title: "Status", hostname: "status.example.test", probeEvery: dur("1m"), historyDays: 90, components: [] }, ...over });

  it("sends the always-firing rule to the status page's dead man's switch with the token as a secret, and routes it nowhere else", () => {
    const f = render(withPage(), settings);
    const cp = f.resources.find((r) => r.type === "grafana:alerting/contactPoint:ContactPoint" && inputsOf(r).name === "shop-prod-watchdog");
    expect(inputsOf(cp).webhooks).toEqual([{ url: "https://status.example.test/api/watchdog/grafana", httpMethod: "POST", authorizationScheme: "Bearer", authorizationCredentials: { $secret: "readiness:watchdogToken" } }]);
    const policy = f.resources.find((r) => r.type === "grafana:alerting/notificationPolicy:NotificationPolicy");
    const [first, ...rest] = inputsOf(policy).policies as Obj[];
    expect(first).toMatchObject({ matchers: [{ label: "watchdog", match: "=", value: "true" }], continue: false });
    expect(JSON.stringify(rest)).not.toContain("watchdog");
    const group = f.resources.find((r) => inputsOf(r).name === "readiness-watchdog");
    expect((inputsOf(group).rules as Obj[]).map((r) => r.labels)).toEqual([{ env: "prod", severity: "none", watchdog: "true" }]);
  });

  it("is not rendered without a status page, since nothing would receive it", () => {
    const text = JSON.stringify(render(makeModel(), settings).resources);
    expect(text).not.toContain("readiness-watchdog");
    expect(text).not.toContain("api/watchdog");
  });
});
