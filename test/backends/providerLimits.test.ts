/**
 * Provider limits (issue 20, item 2): `validate` refuses what a provider would refuse, located at
 * the spec field that caused it; a budget a backend cannot time out at is enforced another way.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as validate from "../../cli/validate";
import * as plan from "../../cli/plan";
import { runInProcess } from "../support/cli";
import { budget, dur, makeCheck, makeModel, makeService, makeSlo } from "../support/model";
import { promtoolTestRules } from "../support/promtool";
import { loadModels } from "../../specification/loadModels";
import type { Model } from "../../specification/model";
import type { RenderSettings } from "../../plan/plan";
import { smCheck } from "../../backends/grafana/syntheticChecks";
import { render as renderGrafana } from "../../backends/grafana";
import { syntheticsTest } from "../../backends/datadog/synthetics";
import { blackboxModules, probeScrapeConfigs } from "../../backends/prometheus/blackbox";
import { probeResources } from "../../backends/prometheus/probeResources";
import { healthcheck } from "../../backends/cloudflare/healthchecks";
import { providerLimitProblems } from "../../backends/limits";
import { pagerdutyNameProblem } from "../../backends/pagerduty/limits";
import { ruleGroupsYaml } from "../../rules/ruleFile";
import { checkSlowRule } from "../../rules/checkRules";
import { thresholdBucket } from "../../slos/sli";

const SPEC = readFileSync(join(__dirname, "../../readiness.yaml"), "utf8");
const settings: RenderSettings = { grafanaDatasourceUid: "prom-uid", cloudflareAccountId: "acct" };

/** Runs `readiness <command> --file` on the example spec after `edit`. */
async function run(command: string[], edit: (text: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), "readiness-limits-"));
  try {
    const file = join(dir, "readiness.yaml");
    const text = edit(SPEC);
    expect(text).not.toBe(SPEC);
    writeFileSync(file, text);
    const r = await runInProcess([validate, plan], [...command, "--file", file]);
    return { ...r, stderr: r.stderr.split(file).join("readiness.yaml") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The example's checks: `health` (every 1m, within 2s, line 114) and `checkout-smoke` (every 15m, within 10s, line 121). */
const health = (within: string) => (t: string) => t.replace("bodyContains: '\"status\":\"ok\"', within: 2s }", `bodyContains: '"status":"ok"', within: ${within} }`);
const smoke = (within: string) => (t: string) => t.replace("expect: { status: 200, within: 10s }\n        alertAfter: 3", `expect: { status: 200, within: ${within} }\n        alertAfter: 3`);

describe("validate refuses what a provider refuses, at the spec field", () => {
  it("refuses a 120s budget for Grafana Synthetic Monitoring (1s..1m) and Datadog (at most 60s), located at the check's within", async () => {
    const r = await run(["validate"], smoke("120s"));
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^readiness\.yaml:121:\d+ services\[0\]\.checks\[1\]\.expect\.within: Grafana Synthetic Monitoring times an HTTP check out after 1s to 1m .*a budget of 2m cannot be kept there \(lower within to 1m or less\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^readiness\.yaml:121:\d+ services\[0\]\.checks\[1\]\.expect\.within: Datadog synthetic API tests wait at most 1m/));
    expect(lines.at(-1)).toBe("2 values a provider would refuse in readiness.yaml");
    expect(r.stdout).toBe("");
  });

  it("refuses a budget longer than the check's period for Synthetic Monitoring, whose timeout may not exceed its frequency", async () => {
    const every2s = (t: string) => health("5s")(t).replace("every: 1m\n        expect: { status: 200, bodyContains", "every: 2s\n        expect: { status: 200, bodyContains");
    const r = await run(["validate"], every2s);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^readiness\.yaml:114:\d+ services\[0\]\.checks\[0\]\.expect\.within: Grafana Synthetic Monitoring times an HTTP check out after 1s to 2s .*\(lower within to 2s or less, or run the check less often\)$/m);
  });

  it("refuses a decimal budget that does not fit the status page's probe period, as it did whole seconds", async () => {
    const r = await run(["validate"], health("60.5s"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^readiness\.yaml:114:\d+ services\[0\]\.checks\[0\]\.expect\.within: status page probe of "billing-api" may take 60\.5s, which does not fit in probeEvery 1m/m);
  });

  it("refuses an escalation policy name PagerDuty rejects, at its name", async () => {
    const r = await run(["validate"], (t) => t.replace("    - id: billing-oncall\n", "    - id: billing-oncall\n      name: Billing & Payments\n"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^readiness\.yaml:60:\d+ oncall\.escalations\[0\]\.name: PagerDuty refuses the escalation policy name "Billing & Payments": it holds "&"/m);
  });

  it("stops plan too, so no plan carries a refused value", async () => {
    const r = await run(["plan", "--env", "prod"], smoke("120s"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/services\[0\]\.checks\[1\]\.expect\.within: Grafana Synthetic Monitoring/);
    expect(r.stdout).toBe("");
  });

  it("accepts 300ms, 0.3s and 1.5s budgets and a 0.3s latency threshold", async () => {
    for (const within of ["300ms", "0.3s", "1.5s"]) {
      const r = await run(["validate"], health(within));
      expect([within, r.code, r.stderr]).toEqual([within, 0, ""]);
    }
    const r = await run(["validate"], (t) => t.replace("threshold: 800ms", "threshold: 0.3s"));
    expect([r.code, r.stderr]).toEqual([0, ""]);
  });

  it("refuses a latency that is not one, naming the forms it takes", async () => {
    // Decimals are seconds only, as Prometheus writes bucket bounds: `0.5m` is not a latency.
    const r = await run(["validate"], health("0.5m"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^readiness\.yaml:114:\d+ services\[0\]\.checks\[0\]\.expect\.within: expected a latency such as 300ms, 0\.3s, 1\.5s or 2s/m);
  });
});

describe("limits of the backends the example does not enable", () => {
  const check = (within: string, every = "30s") => makeCheck({ every: dur(every), expect: { status: 200, within: budget(within) } });
  const problems = (m: Model) => providerLimitProblems(m).map((p) => `${JSON.stringify(p.at)} ${p.message}`);

  it("the blackbox exporter cuts a probe at the scrape timeout (at most the period) less 0.5s", () => {
    const model = (within: string) => makeModel({ backends: ["prometheus"], services: [makeService({ checks: [check(within)] })] });
    expect(problems(model("29s500ms"))).toEqual([]);
    expect(problems(model("29.6s"))).toEqual([
      '{"service":"api","list":"checks","id":"health","field":["expect","within"]} the blackbox exporter probing every 30s cuts a probe at 29s500ms (the scrape timeout, at most the period, less its 0.5s offset); a budget of 29s600ms cannot be kept there',
    ]);
  });

  it("Cloudflare alone cannot keep a fraction of a second (whole-second timeout, no response-time assertion); with a precise backend beside it, it may probe", () => {
    const only = makeModel({ backends: ["cloudflare"], services: [makeService({ checks: [check("300ms")] })] });
    expect(problems(only)).toEqual([expect.stringContaining("Cloudflare health checks time out in whole seconds")]);
    expect(problems({ ...only, backends: ["cloudflare", "grafana"] })).toEqual([]);
    expect(problems({ ...only, services: [makeService({ checks: [check("2s")] })] })).toEqual([]);
  });

  it("Synthetic Monitoring refuses a target over 2048 characters", () => {
    const long = makeCheck({ url: `https://api.example.test/${"x".repeat(2100)}` });
    const m = makeModel({ backends: ["grafana"], services: [makeService({ checks: [long] })] });
    expect(problems(m)).toEqual([expect.stringContaining("takes a target URL of at most 2048 characters")]);
  });

  it("Grafana refuses label values over 128 characters and rule titles over 190, from long ids", () => {
    const svc = `s${"a".repeat(99)}`;
    const chk = `c${"b".repeat(99)}`;
    const m = makeModel({ backends: ["grafana"], services: [makeService({ id: svc, checks: [makeCheck({ serviceId: svc, id: chk })] })] });
    const found = problems(m);
    expect(found).toContainEqual(expect.stringContaining(`Grafana Synthetic Monitoring's job label (${svc}/${chk}) is over 128 characters`));
    expect(found).toContainEqual(expect.stringContaining("Grafana takes alert rule titles of at most 190 characters"));
    expect(problems(makeModel({ backends: ["grafana"], services: [makeService({ checks: [makeCheck()] })] }))).toEqual([]);
  });

  it("PagerDuty names: printable, no trailing space; escalation policies also without \\ / & < >", () => {
    expect(pagerdutyNameProblem("Billing API (prod)")).toBeUndefined();
    expect(pagerdutyNameProblem("Zahlungen – Süd (prod)")).toBeUndefined();
    expect(pagerdutyNameProblem("Billing\tAPI")).toBe("holds a non-printable character");
    expect(pagerdutyNameProblem("Billing\u00a0API")).toBe("holds a non-printable character");
    expect(pagerdutyNameProblem("Billing ")).toBe("ends with a space");
    expect(pagerdutyNameProblem("A/B <team>", ["\\", "/", "&", "<", ">"])).toBe('holds "/", "<", ">"');
  });
});

describe("a 300ms budget renders for every backend, with its enforcement in the rendered inputs", () => {
  const check = makeCheck({ expect: { status: 200, within: budget("300ms") } });
  const model = makeModel({ backends: ["grafana", "datadog", "cloudflare", "prometheus"], services: [makeService({ checks: [check] })] });

  it("passes every provider's limits", () => {
    expect(providerLimitProblems(model)).toEqual([]);
  });

  it("Grafana: a 1s probe timeout (Synthetic Monitoring's minimum) and a check-slow rule on probe_duration_seconds", () => {
    expect((smCheck(model, check).inputs as { timeout: number }).timeout).toBe(1000);
    const groups = renderGrafana(model, settings).resources.filter((r) => r.type === "grafana:alerting/ruleGroup:RuleGroup");
    const rules = groups.flatMap((g) => (g.inputs as { rules: { name: string; datas: { model: string }[] }[] }).rules);
    const slow = rules.find((r) => r.name === "ApiHealthCheckSlow");
    expect(JSON.parse(slow!.datas[0].model).expr).toBe('min_over_time(probe_duration_seconds{job="api/health", instance="https://api.example.test/health"}[3m]) > 0.3 and count_over_time(probe_duration_seconds{job="api/health", instance="https://api.example.test/health"}[3m]) >= 3');
    // A budget Synthetic Monitoring can time out at needs no rule.
    const plain = makeModel({ ...model, services: [makeService({ checks: [makeCheck()] })] });
    const plainRules = renderGrafana(plain, settings).resources.flatMap((r) => (r.inputs as { rules?: { name: string }[] }).rules ?? []);
    expect(plainRules.map((r) => r.name)).not.toContain("ApiHealthCheckSlow");
  });

  it("Datadog: a whole-second request timeout and a responseTime assertion of 300 ms", () => {
    const inputs = syntheticsTest(model, model.services[0], check, []).inputs as { requestDefinition: { timeout: number }; assertions: { type: string; target: string }[] };
    expect(inputs.requestDefinition.timeout).toBe(1);
    expect(inputs.assertions).toContainEqual({ type: "responseTime", operator: "lessThan", target: "300" });
  });

  it("blackbox and prometheus-operator: the module times out at 300ms, the scrape a second later", () => {
    expect(blackboxModules(model)["api/health"].timeout).toBe("300ms");
    expect(probeScrapeConfigs(model, "127.0.0.1:9115")[0].scrape_timeout).toBe("1s300ms");
    const [probe] = probeResources(model, { namespace: "monitoring", labels: {}, secretName: "s" }, "127.0.0.1:9115");
    expect(probe.spec.scrapeTimeout).toBe("1s300ms");
  });

  it("Cloudflare: its timeout rounded up to 1s, the budget kept by the other backends", () => {
    expect((healthcheck(model, check, "zone").inputs as { timeout: number }).timeout).toBe(1);
    const fractional = makeCheck({ expect: { status: 200, within: budget("1.5s") } });
    expect((healthcheck(model, fractional, "zone").inputs as { timeout: number }).timeout).toBe(2);
  });

  it("the status page probe times out at 300 ms", () => {
    const r = loadModels(health("300ms")(SPEC), "readiness.yaml");
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
    const probe = r.models.prod.statusPage!.components.find((c) => c.id === "billing-api")!.probe!;
    expect(probe.timeout).toEqual({ seconds: 0.3, text: "300ms" });
  });
});

describe("a latency threshold in decimal seconds", () => {
  it("matches the bucket Prometheus writes as le=\"0.3\"", () => {
    const slo = makeSlo({ sli: { kind: "latency", threshold: budget("0.3s"), prometheus: 'http_request_duration_seconds{service="api"}' } });
    expect(thresholdBucket(slo.sli as Extract<typeof slo.sli, { kind: "latency" }>)).toBe('http_request_duration_seconds_bucket{service="api", le="0.3"}');
  });
});

describe("the check-slow rule under promtool", () => {
  const check = makeCheck({ expect: { status: 200, within: budget("300ms") } });
  const model = makeModel({ services: [makeService({ checks: [check] })] });
  const rule = checkSlowRule(model, model.services[0], check);
  const file = ruleGroupsYaml([{ name: "api-alerts", service: "api", rules: [rule] }]);
  const series = 'probe_duration_seconds{job="api/health", instance="https://api.example.test/health"}';

  it("fires after three probes over the budget in a row, not while one in three is under it", () => {
    const r = promtoolTestRules(file, [
      {
        interval: "1m",
        // Minute 0 is fast, 1-4 slow, 5 fast again; evaluated where either edge rule of a range agrees.
        input_series: [{ series, values: "0.2 0.5 0.6 0.7 0.8 0.2 0.5" }],
        alert_rule_test: [
          { eval_time: "2m", alertname: "ApiHealthCheckSlow", exp_alerts: [] },
          { eval_time: "4m", alertname: "ApiHealthCheckSlow", exp_alerts: [{ exp_labels: { check: "health", env: "prod", instance: "https://api.example.test/health", job: "api/health", service: "api", severity: "page" }, exp_annotations: rule.annotations as Record<string, string> }] },
          { eval_time: "6m", alertname: "ApiHealthCheckSlow", exp_alerts: [] },
        ],
      },
    ]);
    expect(r.output).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  });
});
