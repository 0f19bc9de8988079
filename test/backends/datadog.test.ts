import { inputsOf } from "../support/inputs";
import { render } from "../../backends/datadog/index";
import { syntheticsTest, tickEvery, minFailureDuration, checkMessage } from "../../backends/datadog/synthetics";
import { datadogDashboards, serviceDashboardDefinition } from "../../backends/datadog/dashboards";
import { pagerDutyServiceObjects } from "../../backends/datadog/pagerduty";
import type { PlanValue } from "../../plan/plan";
import { budget, dur, makeAlert, makeCheck, makeModel, makeService, makeSlo } from "../support/model";

type Obj = { [key: string]: PlanValue };

describe("Datadog synthetics tests", () => {
  it.each([
    { every: "1m", alertAfter: 3, tick: 60, minFailure: 120 },
    { every: "15m", alertAfter: 3, tick: 900, minFailure: 1800 },
    { every: "5m", alertAfter: 1, tick: 300, minFailure: 0 },
    { every: "2m", alertAfter: 2, tick: 60, minFailure: 60 },
    { every: "10s", alertAfter: 2, tick: 30, minFailure: 30 },
  ])("a check every $every that alerts after $alertAfter failures runs every $tick s and must fail for $minFailure s", ({ every, alertAfter, tick, minFailure }) => {
    const check = makeCheck({ every: dur(every), alertAfter });
    expect(tickEvery(check.every.seconds)).toBe(tick);
    expect(minFailureDuration(check)).toBe(minFailure);
    const test = syntheticsTest(makeModel(), makeService(), check, []);
    const options = inputsOf(test).optionsList as Obj;
    expect(options.tickEvery).toBe(tick);
    expect(options.minFailureDuration).toBe(minFailure);
    expect(options.retry).toEqual({ count: 0, interval: 300 });
  });

  it.each([
    { expect: { status: 200, within: budget("2s") }, want: [{ type: "statusCode", operator: "is", target: "200" }, { type: "responseTime", operator: "lessThan", target: "2000" }] },
    {
      expect: { status: 204, within: budget("10s"), bodyContains: '"status":"ok"' },
      want: [{ type: "statusCode", operator: "is", target: "204" }, { type: "responseTime", operator: "lessThan", target: "10000" }, { type: "body", operator: "contains", target: '"status":"ok"' }],
    },
  ])("asserts what the check expects: status $expect.status", ({ expect: e, want }) => {
    const test = syntheticsTest(makeModel(), makeService(), makeCheck({ expect: e, method: "POST" }), []);
    expect(inputsOf(test).assertions).toEqual(want);
    expect(inputsOf(test).requestDefinition).toEqual({ method: "POST", url: makeCheck().url, timeout: e.within.seconds });
    expect(test.inputs).toMatchObject({ type: "api", subtype: "http", status: "live" });
  });

  it("puts the runbook and the handles in the message, with no trailing whitespace", () => {
    const msg = checkMessage(makeService(), makeCheck(), ["@pagerduty-api", "@slack-alerts"]);
    expect(msg).toContain("Runbook: https://runbooks.example.test/api.md");
    expect(msg.split("\n").pop()).toBe("@pagerduty-api @slack-alerts");
    for (const line of msg.split("\n")) expect(line).toBe(line.trimEnd());
    expect(msg).toBe(msg.trim());
  });
});

describe("Datadog PagerDuty service objects", () => {
  it.each([
    { title: "one per service keyed by its Datadog integration", model: makeModel({ services: [makeService({ id: "api" }), makeService({ id: "web" })] }), names: ["api", "web"] },
    { title: "none without the PagerDuty backend", model: makeModel({ backends: ["datadog"] }), names: [] },
    {
      title: "none when nothing routes to an escalation",
      model: makeModel({ routing: { page: { severity: "page", targets: [] }, ticket: { severity: "ticket", targets: [{ kind: "slack", channel: "#a" }] }, info: { severity: "info", targets: [] } } }),
      names: [],
    },
  ])("$title", ({ model, names }) => {
    const objs = pagerDutyServiceObjects(model);
    expect(objs.map((o) => o.name)).toEqual(names);
    for (const o of objs) {
      // Scoped: service object names are unique per Datadog account, which environments may share.
      expect(inputsOf(o).serviceName).toBe(`shop-prod-${o.name}`);
      expect(inputsOf(o).serviceKey).toMatchObject({ resource: `${o.name}/datadog`, type: "pagerduty:index/serviceIntegration:ServiceIntegration", output: "integrationKey" });
    }
  });
});

describe("Datadog dashboards", () => {
  const slo = makeSlo({
    sli: { kind: "ratio", errors: { datadog: "sum:http.errors{service:api}.as_count()" }, total: { datadog: "sum:http.hits{service:api}.as_count()" } },
  });
  const alert = makeAlert({ query: { datadog: "avg:api.error_rate{*}" } });
  const model = makeModel({ services: [makeService({ slos: [slo], alerts: [alert] })] });

  it("shows the SLI, budget over the SLO window, a burn rate per alert window and the alerts' queries", () => {
    const def = serviceDashboardDefinition(model, model.services[0]) as { widgets: { definition: Obj }[] };
    const titles = def.widgets.map((w) => w.definition.title);
    expect(titles).toContain("availability: SLI (objective 99.9%)");
    expect(titles).toContain("availability: error budget remaining (30d)");
    expect(titles.filter((t) => String(t).startsWith("availability: burn rate over"))).toEqual(["5m", "30m", "1h", "2h", "6h", "1d", "3d"].map((w) => `availability: burn rate over ${w}`));
    const queries = JSON.stringify(def.widgets);
    expect(queries).toContain("sum:http.errors{service:api}.as_count().rollup(sum, 2592000)");
    expect(queries).toContain("avg:api.error_rate{*}");
    expect(queries).toContain('"formula":"errors / total / 0.001"');
  });

  it("writes a dashboard only for services with something to show, as the same JSON text on every run", () => {
    const other = makeService({ id: "web" });
    const a = datadogDashboards(makeModel({ services: [model.services[0], other] }));
    const b = datadogDashboards(makeModel({ services: [other, model.services[0]] }));
    expect(a.map((d) => d.name)).toEqual(["api/dashboard"]);
    expect(b).toEqual(a);
    expect(JSON.parse(inputsOf(a[0]).dashboard as string).layout_type).toBe("ordered");
  });
});

describe("Datadog render", () => {
  const settings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct" };

  it("renders nothing when Datadog is not a backend of the environment", () => {
    expect(render(makeModel({ backends: ["grafana"] }), settings).resources).toEqual([]);
  });

  it("notifies the handles of each check's severity route in its synthetics test", () => {
    const model = makeModel({ services: [makeService({ checks: [makeCheck(), makeCheck({ id: "info", severity: "info", declaredSeverity: "info" })] })] });
    const tests = render(model, settings).resources.filter((r) => r.type === "datadog:index/syntheticsTest:SyntheticsTest");
    expect(tests.map((t) => t.name)).toEqual(["api/health", "api/info"]);
    expect(tests[0].inputs.message).toContain("@pagerduty-shop-prod-api");
    expect(tests[1].inputs.message).toContain("@team@example.test");
    expect(tests[1].inputs.message).not.toContain("@pagerduty-api");
  });

  it("parents every resource on a component it declares", () => {
    const f = render(makeModel(), settings);
    const names = new Set(f.components.map((c) => c.name));
    for (const r of f.resources) expect(names.has(r.parent)).toBe(true);
  });
});

describe("Datadog render with the SLO work", () => {
  it("includes the SLOs and monitors beside its own resources, with names unique per type", () => {
    const model = makeModel({ services: [makeService({ alerts: [makeAlert({ query: { datadog: "avg:api.error_rate{*}" } })], checks: [makeCheck()] })] });
    const f = render(model, { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct" });
    const types = new Set(f.resources.map((r) => r.type));
    expect(types.has("datadog:index/syntheticsTest:SyntheticsTest")).toBe(true);
    expect([...types].some((t) => t.startsWith("datadog:index/monitor:") || t.startsWith("datadog:index/serviceLevelObjective:"))).toBe(true);
    expect(new Set(f.resources.map((r) => `${r.type} ${r.name}`)).size).toBe(f.resources.length);
  });
});

describe("the Datadog watchdog", () => {
  const settings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct" };
  const statusPage = { title: "Status", hostname: "status.example.test", probeEvery: dur("1m"), historyDays: 90, components: [] };

  it("is a monitor that always notifies a webhook posting to the dead man's switch with the token as a secret header", () => {
    const f = render(makeModel({ statusPage }), settings);
    const hook = f.resources.find((r) => r.type === "datadog:index/webhook:Webhook");
    expect(inputsOf(hook)).toEqual({
      name: "shop-prod-readiness-watchdog",
      url: "https://status.example.test/api/watchdog/datadog",
      encodeAs: "json",
      customHeaders: { $concat: ['{"Authorization": "Bearer ', { $secret: "readiness:watchdogToken" }, '"}'] },
    });
    const monitor = f.resources.find((r) => r.type === "datadog:index/monitor:Monitor" && (inputsOf(r).tags as string[]).includes("watchdog:true"));
    // `>= 0` on a default_zero query is true whatever the value; no data notifies too; it renotifies while alerting.
    expect(inputsOf(monitor)).toMatchObject({ query: expect.stringMatching(/^avg\(last_5m\):default_zero\(.+\) >= 0$/), notifyNoData: true, renotifyInterval: 5, monitorThresholds: { critical: "0" } });
    // It notifies the webhook and no person.
    expect((inputsOf(monitor).message as string).match(/@[\w.-]+/g)).toEqual(["@webhook-shop-prod-readiness-watchdog"]);
  });

  it("is not rendered without a status page", () => {
    expect(JSON.stringify(render(makeModel(), settings).resources)).not.toContain("watchdog");
  });
});
