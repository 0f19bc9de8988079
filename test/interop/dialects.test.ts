/**
 * Sloth's and OpenSLO's dialects (fixtures/import/dialects, written for this project to their
 * documented formats) round-trip: import, validate, render Prometheus rules that promtool accepts,
 * export OpenSLO, import again, and the SLOs are the same. What is left out is noted at its line.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { importSloth } from "../../interop/sloth/import";
import { importOpenSlo } from "../../interop/openslo/import";
import type { ImportResult } from "../../interop/imported";
import { exportOpenSlo } from "../../interop/openslo/export";
import { renderRuleFile } from "../../rules/ruleFile";
import { load, meaning, specWith } from "../support/imported";
import { promtool } from "../support/promtool";

const DIR = join(__dirname, "..", "..", "fixtures", "import", "dialects");
const files = (sub: string) => readdirSync(join(DIR, sub)).filter((f) => /\.ya?ml$/.test(f)).sort();
const path = (sub: string, f: string) => `fixtures/import/dialects/${sub}/${f}`;
const read = (sub: string, f: string) => ({ file: path(sub, f), text: readFileSync(join(DIR, sub, f), "utf8") });

/** Sloth's prometheus/v1 files go through the Sloth importer, its OpenSLO v1alpha dialect through the OpenSLO one. */
function importSlothFile(f: string): ImportResult {
  const src = read("sloth", f);
  return /^apiVersion: openslo\/v1alpha$/m.test(src.text) ? importOpenSlo([src]) : importSloth([src]);
}

/** Files whose only SLI is a plugin or a raw error ratio: readiness needs event queries. */
const LEFT_OUT = ["plugin-sli.yml", "raw-ratio.yml"];
const CARRIED = files("sloth").filter((f) => !LEFT_OUT.includes(f));

/** Rule files checked by one promtool run, the last test (one process instead of one per file). */
const ruleFiles: Record<string, string> = {};

it("the fixtures hold the dialects this test is about", () => {
  expect(CARRIED.length).toBeGreaterThanOrEqual(4);
  expect(files("openslo").length).toBeGreaterThanOrEqual(3);
});

describe.each(CARRIED)("Sloth file %s", (f) => {
  it("imports without errors into SLOs that validate, render rules, and round-trip through OpenSLO", () => {
    const imported = importSlothFile(f);
    expect(imported.errors).toEqual([]);
    expect(imported.services.flatMap((s) => s.slos).length).toBeGreaterThan(0);
    const model = load(specWith(imported.services));
    const rules = renderRuleFile(model);
    expect(rules).toContain("record:");
    ruleFiles[`${f.replace(/\W/g, "-")}.rules.yaml`] = rules;
    const exported = exportOpenSlo(model);
    expect(exported.skipped).toEqual([]);
    const back = importOpenSlo([{ file: "export.yaml", text: exported.yaml }]);
    expect(back.errors).toEqual([]);
    expect(back.notCarried).toEqual([]);
    const again = load(specWith(back.services));
    expect(again.services.flatMap((s) => s.slos).map(meaning)).toEqual(model.services.flatMap((s) => s.slos).map(meaning));
  });
});

describe("Sloth prometheus/v1, specifically", () => {
  it("payments.yml: the slack_channel label becomes the service's ticket route; other alert labels are noted at their lines", () => {
    const r = importSlothFile("payments.yml");
    expect(r.services.map((s) => [s.id, s.slos.map((x) => x.id)])).toEqual([["payments", ["charge-success", "refund-latency"]]]);
    expect(r.services[0].routing).toEqual({ ticket: { slack: "#billing-tickets" } });
    expect(load(specWith(r.services)).services[0].routing?.ticket?.targets).toEqual([{ kind: "slack", channel: "#billing-tickets" }]);
    expect(r.services[0].slos[0].sli).toEqual({
      errors: { prometheus: 'sum(rate(payments_charge_attempts_total{outcome=~"error|timeout"}[{{window}}]))' },
      total: { prometheus: "sum(rate(payments_charge_attempts_total[{{window}}]))" },
    });
    const file = path("sloth", "payments.yml");
    expect(r.notCarried).toContainEqual({ file, line: 23, message: "charge-success: page_alert.labels severity, escalation" });
    expect(r.notCarried).toContainEqual({ file, line: 27, message: "charge-success: ticket_alert.labels severity" });
    expect(r.notCarried).toContainEqual({ file, line: 42, message: "refund-latency: page_alert.labels severity" });
  });

  it("storefront-and-catalog.yml: each YAML document is its own service", () => {
    const r = importSlothFile("storefront-and-catalog.yml");
    expect(r.services.map((s) => [s.id, s.slos.map((x) => x.id)])).toEqual([
      ["catalog", ["search-errors", "index-freshness"]],
      ["storefront", ["page-availability"]],
    ]);
  });

  it("no-alerts.yml: both alerts disabled is noted at its line, and the SLO still alerts on the default windows", () => {
    const r = importSlothFile("no-alerts.yml");
    expect(r.notCarried).toEqual([{ file: path("sloth", "no-alerts.yml"), line: 18, message: "resize-success: both alerts disabled; readiness always alerts on an SLO, so the default windows apply" }]);
    const slo = load(specWith(r.services)).services[0].slos[0];
    expect(new Set(slo.alerts.map((a) => a.severity))).toEqual(new Set(["page", "ticket"]));
  });

  it.each([
    ["plugin-sli.yml", "delivery-success: a plugin SLI cannot be carried over (readiness needs error and total queries); the SLO is left out"],
    ["raw-ratio.yml", "reading-quality: a raw error-ratio SLI cannot be carried over (readiness needs error and total queries); the SLO is left out"],
  ])("%s imports no SLO, the SLI noted at its line", (f, message) => {
    const r = importSlothFile(f);
    expect(r.errors).toEqual([]);
    expect(r.services.flatMap((s) => s.slos)).toEqual([]);
    expect(r.notCarried).toEqual([{ file: path("sloth", f), line: 8, message }]);
  });
});

describe("Sloth's Kubernetes PrometheusServiceLevel, specifically", () => {
  it("kubernetes.yml: the spec under `spec` with camelCase keys is read like prometheus/v1, its channel label a route, what is left out noted at its own keys", () => {
    const r = importSlothFile("kubernetes.yml");
    expect(r.errors).toEqual([]);
    expect(r.services).toHaveLength(1);
    expect(r.services[0]).toMatchObject({ id: "ledger-api", routing: { ticket: { slack: "#ledger-alerts" } } });
    expect(r.services[0].slos[0]).toMatchObject({ id: "postings-availability", objective: 99.95, sli: { errors: { prometheus: 'sum(rate(ledger_postings_total{code=~"5.."}[{{window}}]))' } } });
    expect(r.notCarried.map((n) => `${n.line} ${n.message}`)).toEqual([
      "12 sloPlugins: readiness generates its own rules",
      "10 labels: readiness labels alerts by service, slo, env and severity itself",
      "24 postings-availability: alerting.name (readiness names and labels its alerts)",
      "26 postings-availability: pageAlert.labels pager",
    ]);
  });

  it("a Kubernetes object of another kind is refused, naming its kind", () => {
    const r = importSloth([{ file: "other.yml", text: "apiVersion: sloth.slok.dev/v1\nkind: Something\nspec: {}\n" }]);
    expect(r.errors.map((e) => e.message)).toEqual(['not a Sloth prometheus/v1 spec or a sloth.slok.dev/v1 PrometheusServiceLevel (version: undefined, kind: "Something")']);
  });
});

describe("Sloth's OpenSLO v1alpha dialect", () => {
  it("openslo-v1alpha.yml: one SLO per objective (ids x, x-2), {{.window}} as {{window}}, Day and Week windows", () => {
    const r = importSlothFile("openslo-v1alpha.yml");
    expect(r.errors).toEqual([]);
    expect(r.notCarried).toEqual([]);
    const slos = r.services.flatMap((s) => s.slos);
    expect(slos.map((s) => [s.id, s.objective, s.window])).toEqual([
      ["uploads-availability", 99.5, "28d"],
      ["downloads-latency", 95, "28d"],
      ["downloads-latency-2", 99.9, "28d"],
    ]);
    expect(slos[1].sli).toEqual({
      good: { prometheus: 'sum(rate(media_store_first_byte_seconds_bucket{le="0.25"}[{{window}}]))' },
      total: { prometheus: "sum(rate(media_store_first_byte_seconds_count[{{window}}]))" },
    });
    expect(slos[2].sli).toEqual({
      good: { prometheus: 'sum(rate(media_store_first_byte_seconds_bucket{le="2"}[{{window}}]))' },
      total: { prometheus: "sum(rate(media_store_first_byte_seconds_count[{{window}}]))" },
    });
  });
});

describe("OpenSLO v1 with `type: Any` metric sources", () => {
  const notes: Record<string, [number, string][]> = {
    "threshold-any.yaml": [[14, "checkout-render-time: only ratio indicators are carried over (threshold or missing indicator); the SLO is left out"]],
    "ratio-any-timeslices.yaml": [
      [31, "basket-availability: Timeslices budgeting is carried over as Occurrences"],
      [23, "basket-availability: total is not a Prometheus query"],
      [18, "basket-availability: good is not a Prometheus query"],
      [8, "basket-availability: needs Prometheus total and good or bad queries; the SLO is left out"],
    ],
    "indicator-ref-any.yaml": [
      [33, "login-availability: RatioTimeslices budgeting is carried over as Occurrences"],
      // The SLI document's own lines, not the SLO's indicatorRef.
      [15, "login-availability: total is not a Prometheus query"],
      [10, "login-availability: good is not a Prometheus query"],
      [26, "login-availability: needs Prometheus total and good or bad queries; the SLO is left out"],
    ],
  };

  it("covers every fixture", () => {
    expect(Object.keys(notes).sort()).toEqual(files("openslo"));
  });

  it.each(Object.entries(notes))("%s imports no SLO, each reason at its line", (f, expected) => {
    const r = importOpenSlo([read("openslo", f)]);
    expect(r.errors).toEqual([]);
    expect(r.services).toEqual([]);
    expect(r.notCarried).toEqual(expected.map(([line, message]) => ({ file: path("openslo", f), line, message })));
  });
});

describe("OpenSLO v1 counter queries", () => {
  const doc = (good: string, total: string, counter = true) => ({
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
        counter: ${counter}
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

  it("keeps a query already rated per {{window}} as written, not wrapped again, and its rules go to promtool", () => {
    const r = importOpenSlo([doc('sum(rate(checkout_requests_total{code!~"5.."}[{{window}}]))', "sum(rate(checkout_requests_total[{{window}}]))")]);
    expect(r.notCarried).toEqual([]);
    expect(sliOf(r)).toEqual({ good: { prometheus: 'sum(rate(checkout_requests_total{code!~"5.."}[{{window}}]))' }, total: { prometheus: "sum(rate(checkout_requests_total[{{window}}]))" } });
    ruleFiles["counter-rated.rules.yaml"] = renderRuleFile(load(specWith(r.services)));
  });

  it("rates a selector or a summed selector (OpenSLO's README form) per window, noting the summed one at its line", () => {
    const r = importOpenSlo([doc('sum(localhost_server_requests{code=~"2xx|3xx"})', 'localhost_server_requests{code="total"}')]);
    expect(sliOf(r)).toEqual({ good: { prometheus: 'sum(rate(localhost_server_requests{code=~"2xx|3xx"}[{{window}}]))' }, total: { prometheus: 'sum(rate(localhost_server_requests{code="total"}[{{window}}]))' } });
    expect(r.notCarried).toEqual([{ file: "slo.yaml", line: 12, message: expect.stringContaining("checkout-availability: good a summed counter; rated per burn-rate window") }]);
  });

  it("turns a fixed range into each burn-rate window, with a note", () => {
    const r = importOpenSlo([doc("sum(rate(ok_total[5m]))", "sum(rate(all_total[5m]))")]);
    expect(sliOf(r)).toEqual({ good: { prometheus: "sum(rate(ok_total[{{window}}]))" }, total: { prometheus: "sum(rate(all_total[{{window}}]))" } });
    expect(r.notCarried.map((n) => n.message)).toEqual([expect.stringContaining("fixed range became each burn-rate window"), expect.stringContaining("fixed range became each burn-rate window")]);
  });

  it("reads a non-counter rate over a fixed range per burn-rate window too, noted at its line; a gauge without a range is kept as written", () => {
    const r = importOpenSlo([doc('sum(rate(checkout_requests_total{code!~"5.."}[5m]))', "sum(rate(checkout_requests_total[5m]))", false)]);
    expect(sliOf(r)).toEqual({ good: { prometheus: 'sum(rate(checkout_requests_total{code!~"5.."}[{{window}}]))' }, total: { prometheus: "sum(rate(checkout_requests_total[{{window}}]))" } });
    expect(r.notCarried).toContainEqual({ file: "slo.yaml", line: 12, message: expect.stringContaining("good its fixed range became each burn-rate window") });
    ruleFiles["gauge-rated.rules.yaml"] = renderRuleFile(load(specWith(r.services)));
    const gauge = importOpenSlo([doc("sum(ok_ratio_gauge)", "sum(all_ratio_gauge)", false)]);
    expect(sliOf(gauge)).toEqual({ good: { prometheus: "sum(ok_ratio_gauge)" }, total: { prometheus: "sum(all_ratio_gauge)" } });
    expect(gauge.notCarried.map((n) => n.message)).toContainEqual(expect.stringContaining("is not a counter; taken as written"));
  });

  it("leaves out an SLO whose counter query cannot be rated, saying where", () => {
    const r = importOpenSlo([doc("max(ok_total) / 2", "all_total")]);
    expect(r.services).toEqual([]);
    expect(r.notCarried[0]).toMatchObject({ file: "slo.yaml", line: 12, message: expect.stringContaining("cannot be rated per burn-rate window; the SLO is left out") });
  });
});

// Declared last so it runs after every test above has added its rule file.
it("every rendered rule file passes promtool check rules, in one run", () => {
  const names = Object.keys(ruleFiles);
  expect(names.length).toBe(CARRIED.length + 2);
  const check = promtool(["check", "rules", ...names], ruleFiles);
  expect(check.output.match(/SUCCESS/g)?.length).toBe(names.length);
  expect(check.ok).toBe(true);
});
