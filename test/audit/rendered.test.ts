/**
 * The audit's inventory is read from what is rendered: for the example and for generated specs, the
 * number of items that can notify, counted here straight from each backend's rendered output (the
 * exported rule file, the Grafana rule groups, Datadog monitors and synthetics, Cloudflare
 * notification policies), equals the number the audit lists, per backend.
 */
import fc from "fast-check";
import { parse } from "yaml";
import { renderPlan } from "../../backends/render";
import { renderRuleFile } from "../../rules/ruleFile";
import { settingsFromConfig } from "../../plan/settings";
import type { Plan, PlanValue } from "../../plan/plan";
import { audit, countByBackend, type RenderedBackend } from "../../audit";
import type { Model, Severity } from "../../specification/model";
import { exampleModel } from "../support/example";
import { burn, dur, makeAlert, makeCheck, makeHeartbeat, makeModel, makeService, makeSlo } from "../support/model";

const settings = settingsFromConfig((k) => ({ "readiness:cloudflareAccountId": "acct", "readiness:cloudflareZoneId": "zone", "readiness:grafanaDatasourceUid": "prom" })[k]);
const NOW = new Date("2026-11-23T00:00:00Z");

/** Notifying items per backend, counted from the rendered artefacts without the audit's code. */
function countRendered(model: Model, plan: Plan): Partial<Record<RenderedBackend, number>> {
  const file = parse(renderRuleFile(model)) as { groups: { rules: { alert?: string }[] }[] } | null;
  const prometheus = (file?.groups ?? []).flatMap((g) => g.rules).filter((r) => r.alert !== undefined).length;
  const of = (type: string) => plan.resources.filter((r) => r.type === type);
  const grafana = of("grafana:alerting/ruleGroup:RuleGroup")
    .flatMap((r) => r.inputs.rules as { [k: string]: PlanValue }[])
    .filter((r) => r.record === undefined).length;
  // The parts of a guarded burn-rate composite notify nobody; the composite does.
  const notifying = of("datadog:index/monitor:Monitor").filter((r) => !(r.inputs.tags as string[]).includes("constituent:true"));
  const datadog = notifying.length + of("datadog:index/syntheticsTest:SyntheticsTest").length;
  const cloudflare = of("cloudflare:index/notificationPolicy:NotificationPolicy").length;
  return { prometheus, grafana, datadog, cloudflare };
}

function inventoried(model: Model) {
  const plan = renderPlan(model, settings);
  return { plan, report: audit(model, { now: NOW, plan }) };
}

describe.each(["staging", "prod"] as const)("the example's %s audit", (env) => {
  const model = exampleModel(env);
  const { plan, report } = inventoried(model);

  it("lists as many notifying items per backend as are rendered", () => {
    const counts = countByBackend(report.rendered);
    expect(counts).toEqual(countRendered(model, plan));
    expect(counts.prometheus).toBeGreaterThan(report.alerts.length);
  });

  it("lists the rules renderers add (SLO metrics absent, recordings broken, check results absent) with their severity and route", () => {
    const added = report.rendered.filter((i) => i.backend === "grafana" && /SloMetricAbsent|SloRecordingBroken|CheckResultsAbsent/.test(i.name));
    expect(added.length).toBeGreaterThan(0);
    for (const item of added) {
      expect(item.routes.length).toBeGreaterThan(0);
      if (env === "staging") expect(item.severity).not.toBe("page");
      expect(item.wakes.length > 0).toBe(item.severity === "page");
    }
  });

  it("routes the watchdog only to the status page's dead man's switch and wakes nobody with it", () => {
    const dog = report.rendered.filter((i) => i.name === "ReadinessWatchdog");
    expect(dog.map((i) => i.backend)).toEqual(["prometheus", "grafana"]);
    for (const d of dog) {
      expect(d.routes).toEqual([`dead-mans-switch:https://${model.statusPage?.hostname}/api/watchdog/${d.backend}`]);
      expect(d.wakes).toEqual([]);
    }
  });
});

const severity = fc.constantFrom<Severity>("page", "ticket", "info");

/** A small random environment: services with SLOs, alerts, checks and heartbeats, some backends, paging on or off. */
const generated = fc
  .record({
    paging: fc.boolean(),
    statusPage: fc.boolean(),
    backends: fc.subarray(["grafana", "datadog", "pagerduty", "cloudflare"] as const, { minLength: 1 }),
    services: fc.array(
      fc.record({
        slos: fc.nat(2),
        latency: fc.boolean(),
        alerts: fc.array(severity, { maxLength: 2 }),
        checks: fc.array(fc.tuple(severity, fc.constantFrom("GET", "POST") as fc.Arbitrary<"GET" | "POST">), { maxLength: 2 }),
        heartbeats: fc.array(severity, { maxLength: 2 }),
        datadog: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ paging, statusPage, backends, services }) => {
    const eff = (s: Severity): Severity => (!paging && s === "page" ? "ticket" : s);
    return makeModel({
      paging,
      environment: paging ? "prod" : "staging",
      backends: [...backends],
      statusPage: statusPage ? { title: "Status", hostname: "status.example.test", probeEvery: dur("1m"), historyDays: 90, components: [] } : undefined,
      services: services.map((s, i) => {
        const id = `svc${i}`;
        const query = (q: string) => (s.datadog ? { prometheus: q, datadog: q } : { prometheus: q });
        return makeService({
          id,
          name: id.toUpperCase(),
          slos: Array.from({ length: s.slos }, (_, j) =>
            makeSlo({
              id: `slo${j}`,
              serviceId: id,
              sli: s.latency && j === 1 ? { kind: "latency", threshold: { ...dur("1s"), ms: 500 }, prometheus: "http_request_duration_seconds" } : { kind: "ratio", errors: query("sum(rate(e[{{window}}]))"), total: query("sum(rate(t[{{window}}]))") },
              alerts: [burn("page-fast", eff("page"), "1h", "5m", 14.4, "0s"), burn("ticket-fast", "ticket", "1d", "2h", 3, "0s")].map((a) => ({ ...a, declaredSeverity: a.id.startsWith("page") ? "page" : "ticket" })),
            }),
          ),
          alerts: s.alerts.map((sev, j) => makeAlert({ id: `a${j}`, serviceId: id, severity: eff(sev), declaredSeverity: sev, query: query("x > 1") })),
          checks: s.checks.map(([sev, method], j) => makeCheck({ id: `c${j}`, serviceId: id, method, url: `https://${id}.example.test/c${j}`, severity: eff(sev), declaredSeverity: sev })),
          heartbeats: s.heartbeats.map((sev, j) => makeHeartbeat({ id: `h${j}`, serviceId: id, datadog: s.datadog ? "jobs.done" : undefined, severity: eff(sev), declaredSeverity: sev })),
          absenceSeverity: eff("page"),
        });
      }),
    });
  });

describe("generated environments", () => {
  it("list as many notifying items per backend as are rendered, and never wake anyone with paging off", () => {
    fc.assert(
      fc.property(generated, (model) => {
        const { plan, report } = inventoried(model);
        expect(countByBackend(report.rendered)).toEqual(countRendered(model, plan));
        if (!model.paging) expect(report.rendered.filter((i) => i.severity === "page" || i.wakes.length > 0)).toEqual([]);
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
