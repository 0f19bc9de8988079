/**
 * Sloth's and OpenSLO's own published examples (fixtures/import/published, see its README for
 * origin and license) round-trip: import, validate, export prometheus, promtool check, export
 * openslo, import again, and the SLOs are the same.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { importSloth } from "../../import/sloth";
import { importOpenSlo } from "../../import/openslo";
import type { ImportResult, SpecService } from "../../import/imported";
import { exportOpenSlo } from "../../backends/openslo/export";
import { renderRuleFile } from "../../backends/prometheus/rules";
import { loadModels, formatDiagnostic } from "../../specification";
import type { Model, Slo } from "../../specification/model";
import { promtoolCheckRules } from "../prometheus/promtool";

const DIR = join(__dirname, "..", "..", "fixtures", "import", "published");
const files = (sub: string) => readdirSync(join(DIR, sub)).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (sub: string, f: string) => ({ file: `fixtures/import/published/${sub}/${f}`, text: readFileSync(join(DIR, sub, f), "utf8") });

function specWith(services: SpecService[]): string {
  return stringify({
    apiVersion: "readiness/v1",
    system: { name: "imported" },
    environments: { prod: { backends: ["grafana"], paging: true } },
    routing: { page: { slack: "#ops" }, ticket: { slack: "#ops" }, info: { slack: "#ops" } },
    services,
  });
}

function load(text: string): Model {
  const r = loadModels(text, "imported.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.models.prod;
}

function meaning(slo: Slo) {
  const prom = (q?: { prometheus?: string }) => (q ? { prometheus: q.prometheus } : undefined);
  const sli = slo.sli.kind === "ratio" ? { kind: slo.sli.kind, errors: prom(slo.sli.errors), good: prom(slo.sli.good), total: prom(slo.sli.total) } : { ...slo.sli, datadog: undefined };
  return { id: slo.id, serviceId: slo.serviceId, objective: slo.objective, window: slo.window, sli, alerts: slo.alerts, description: slo.description };
}

/** Sloth's files: prometheus/v1 through the Sloth importer, its OpenSLO v1alpha ones through the OpenSLO importer. */
function importSlothExample(f: string): ImportResult {
  const src = read("sloth", f);
  return src.text.includes("apiVersion: openslo/v1alpha") ? importOpenSlo([src]) : importSloth([src]);
}

/** Examples whose every SLI is a Go plugin or a raw error ratio: readiness needs event queries. */
const LEFT_OUT = ["plugin-getting-started.yml", "raw-home-wifi.yml"];

it.each(LEFT_OUT)("Sloth's %s (plugin or raw error-ratio SLIs) imports no SLO, each left out with its line", (f) => {
  const r = importSlothExample(f);
  expect(r.errors).toEqual([]);
  expect(r.services.flatMap((s) => s.slos)).toEqual([]);
  expect(r.notCarried.filter((n) => /cannot be carried over .* the SLO is left out/.test(n.message) && n.line > 1).length).toBeGreaterThan(0);
});

describe.each(files("sloth").filter((f) => !LEFT_OUT.includes(f)))("Sloth's published example %s", (f) => {
  const imported = importSlothExample(f);

  it("imports without errors into SLOs that validate, render rules promtool accepts, and round-trip through OpenSLO", () => {
    expect(imported.errors).toEqual([]);
    const slos = imported.services.flatMap((s) => s.slos);
    expect(slos.length).toBeGreaterThan(0);
    const model = load(specWith(imported.services));
    const check = promtoolCheckRules(renderRuleFile(model));
    expect(check.output).toContain("SUCCESS");
    expect(check.ok).toBe(true);
    const exported = exportOpenSlo(model);
    expect(exported.skipped).toEqual([]);
    const back = importOpenSlo([{ file: "export.yaml", text: exported.yaml }]);
    expect(back.errors).toEqual([]);
    expect(back.notCarried).toEqual([]);
    const again = load(specWith(back.services));
    expect(again.services.flatMap((s) => s.slos).map(meaning)).toEqual(model.services.flatMap((s) => s.slos).map(meaning));
  });
});

describe("Sloth's examples, specifically", () => {
  it("getting-started: the ticket alert's slack_channel label becomes the service's ticket route", () => {
    const r = importSlothExample("getting-started.yml");
    expect(r.services[0].routing).toEqual({ ticket: { slack: "#alerts-myteam" } });
    expect(load(specWith(r.services)).services[0].routing?.ticket?.targets).toEqual([{ kind: "slack", channel: "#alerts-myteam" }]);
    // The page alert's labels name no channel: they are listed as not carried, with their line.
    expect(r.notCarried).toContainEqual({ file: "fixtures/import/published/sloth/getting-started.yml", line: 24, message: "requests-availability: page_alert.labels severity, routing_key" });
  });

  it("openslo-kubernetes-apiserver (v1alpha): one SLO per objective, Sloth's {{.window}} as {{window}}, not wrapped again", () => {
    const r = importSlothExample("openslo-kubernetes-apiserver.yml");
    const slos = r.services.flatMap((s) => s.slos);
    expect(slos.map((s) => [s.id, s.objective, s.window])).toEqual([
      ["requests-availability-openslo", 99.9, "30d"],
      ["requests-latency-openslo", 99, "30d"],
      ["requests-latency-openslo-2", 99.9, "30d"],
    ]);
    expect(slos[1].sli).toEqual({
      good: { prometheus: 'sum(rate(apiserver_request_duration_seconds_bucket{le="0.4",verb!="WATCH"}[{{window}}]))' },
      total: { prometheus: 'sum(rate(apiserver_request_duration_seconds_count{verb!="WATCH"}[{{window}}]))' },
    });
  });
});

describe.each(files("openslo"))("OpenSLO's published example %s", (f) => {
  it("imports no SLO (its metric source is `type: Any`), each left out with a located note", () => {
    const r = importOpenSlo([read("openslo", f)]);
    expect(r.errors).toEqual([]);
    expect(r.services).toEqual([]);
    expect(r.notCarried.some((n) => n.file.endsWith(f) && n.line > 1 && /left out/.test(n.message))).toBe(true);
  });
});

describe("OpenSLO v1 counter queries", () => {
  const doc = (good: string, total: string) => ({
    file: "slo.yaml",
    text: `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
  indicator:
    metadata: { name: checkout-availability }
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: ${JSON.stringify(good)}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: ${JSON.stringify(total)}
  timeWindow: [{ duration: 28d, isRolling: true }]
  objectives: [{ target: 0.999 }]
`,
  });
  const sliOf = (r: ImportResult) => r.services[0]?.slos[0]?.sli;

  it("keeps a query already rated per {{window}} as written, not wrapped again, and its rules pass promtool", () => {
    const r = importOpenSlo([doc('sum(rate(checkout_requests_total{code!~"5.."}[{{window}}]))', "sum(rate(checkout_requests_total[{{window}}]))")]);
    expect(r.notCarried).toEqual([]);
    expect(sliOf(r)).toEqual({ good: { prometheus: 'sum(rate(checkout_requests_total{code!~"5.."}[{{window}}]))' }, total: { prometheus: "sum(rate(checkout_requests_total[{{window}}]))" } });
    expect(promtoolCheckRules(renderRuleFile(load(specWith(r.services)))).ok).toBe(true);
  });

  it("rates a selector or a summed selector (OpenSLO's README example) per window, noting the summed one at its line", () => {
    const r = importOpenSlo([doc('sum(localhost_server_requests{code=~"2xx|3xx"})', 'localhost_server_requests{code="total"}')]);
    expect(sliOf(r)).toEqual({ good: { prometheus: 'sum(rate(localhost_server_requests{code=~"2xx|3xx"}[{{window}}]))' }, total: { prometheus: 'sum(rate(localhost_server_requests{code="total"}[{{window}}]))' } });
    expect(r.notCarried).toEqual([{ file: "slo.yaml", line: 12, message: expect.stringContaining("checkout-availability: good a summed counter; rated per burn-rate window") }]);
  });

  it("turns a fixed range into each burn-rate window, with a note", () => {
    const r = importOpenSlo([doc("sum(rate(ok_total[5m]))", "sum(rate(all_total[5m]))")]);
    expect(sliOf(r)).toEqual({ good: { prometheus: "sum(rate(ok_total[{{window}}]))" }, total: { prometheus: "sum(rate(all_total[{{window}}]))" } });
    expect(r.notCarried.map((n) => n.message)).toEqual([expect.stringContaining("fixed range became each burn-rate window"), expect.stringContaining("fixed range became each burn-rate window")]);
  });

  it("leaves out an SLO whose counter query cannot be rated, saying where", () => {
    const r = importOpenSlo([doc("max(ok_total) / 2", "all_total")]);
    expect(r.services).toEqual([]);
    expect(r.notCarried[0]).toMatchObject({ file: "slo.yaml", line: 12, message: expect.stringContaining("cannot be rated per burn-rate window; the SLO is left out") });
  });
});
