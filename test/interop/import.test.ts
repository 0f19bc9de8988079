/**
 * Sloth and OpenSLO specs import into readiness SLOs that load, plan and export back; what cannot
 * be carried over is listed with file and line; `export openslo` then `import openslo` gives the
 * same SLOs; merging into a spec keeps its comments and never replaces an SLO.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { importSloth } from "../../interop/sloth/import";
import { importOpenSlo } from "../../interop/openslo/import";
import { mergeIntoSpec } from "../../interop/merge";
import type { SpecService } from "../../interop/imported";
import { exportOpenSlo } from "../../interop/openslo/export";
import { renderPlan } from "../../backends/render";
import { renderRuleFile } from "../../rules/ruleFile";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import { load, meaning, specWith } from "../support/imported";
import { exampleModel, exampleText } from "../support/example";
import { promtoolCheckRules } from "../support/promtool";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "import");
const fixture = (name: string) => ({ file: `fixtures/import/${name}`, text: readFileSync(join(FIXTURES, name), "utf8") });

describe("import sloth", () => {
  const result = importSloth([fixture("sloth.yaml")]);

  it("carries objective, window, event queries and a disabled ticket alert", () => {
    expect(result.errors).toEqual([]);
    const [service] = result.services;
    expect(service.id).toBe("myservice");
    const [slo] = service.slos;
    expect(slo).toMatchObject({ id: "requests-availability", objective: 99.9, window: "30d" });
    expect(slo.sli).toMatchObject({ errors: { prometheus: 'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{window}}]))' } });
    expect(slo.alerting?.windows.map((w) => w.severity)).toEqual(["page", "page"]);
  });

  it("lists what cannot be carried over with file and line", () => {
    const lines = result.notCarried.map((n) => `${n.file}:${n.line}`);
    expect(lines).toContain("fixtures/import/sloth.yaml:4"); // service labels
    expect(lines).toContain("fixtures/import/sloth.yaml:17"); // alerting.name
    expect(result.notCarried.find((n) => n.message.includes("raw error-ratio"))).toMatchObject({ line: 29 });
    expect(result.services[0].slos.map((s) => s.id)).not.toContain("requests-latency-raw");
  });

  it("loads, plans and exports back to rules promtool accepts", () => {
    const model = load(specWith(result.services));
    const slo = model.services[0].slos[0];
    expect(slo.errorBudget).toBeCloseTo(0.001);
    expect(slo.alerts.map((a) => a.severity)).toEqual(["page", "page"]);
    const plan = renderPlan(model, { grafanaDatasourceUid: "prometheus" } as Parameters<typeof renderPlan>[1]);
    expect(JSON.stringify(plan)).toContain("requests-availability");
    const check = promtoolCheckRules(renderRuleFile(model));
    expect(check.output).toContain("SUCCESS");
  });

  it("rejects a file that is not Sloth prometheus/v1, with its line", () => {
    const r = importSloth([{ file: "x.yaml", text: "# k8s\nversion: sloth.slok.dev/v1\nservice: a\nslos: []\n" }]);
    expect(r.errors).toEqual([{ file: "x.yaml", line: 2, message: expect.stringContaining("not a Sloth prometheus/v1 spec") }]);
  });
});

describe("import openslo", () => {
  const result = importOpenSlo([fixture("openslo.yaml")]);

  it("carries a ratio SLO by indicatorRef, rating counters per window", () => {
    expect(result.errors).toEqual([]);
    expect(result.services).toEqual([
      {
        id: "checkout",
        name: "Checkout",
        tier: "standard",
        slos: [
          {
            id: "availability",
            description: "Checkout answers without server errors",
            objective: 99.5,
            window: "28d",
            sli: {
              good: { prometheus: 'sum(rate(http_requests_total{service="checkout",code!~"5.."}[{{window}}]))' },
              total: { prometheus: 'sum(rate(http_requests_total{service="checkout"}[{{window}}]))' },
            },
          },
        ],
      },
    ]);
    expect(load(specWith(result.services)).services[0].slos[0].window.text).toBe("28d");
  });

  it("lists the threshold SLO, alert policies and labels with their lines", () => {
    const byMessage = (s: string) => result.notCarried.find((n) => n.message.includes(s));
    expect(byMessage("only ratio indicators")).toMatchObject({ file: "fixtures/import/openslo.yaml", line: 55 });
    expect(byMessage("alert policies")).toMatchObject({ line: 43 });
    expect(byMessage("checkout-availability: labels")).toMatchObject({ line: 30 });
  });
});

describe("export openslo", () => {
  it.each(["prod", "staging"] as const)("round-trips through import openslo to the same SLOs (%s)", (env) => {
    const model = exampleModel(env);
    const exported = exportOpenSlo(model);
    expect(exported.skipped).toEqual([]);
    const back = importOpenSlo([{ file: "export.yaml", text: exported.yaml }]);
    expect(back.errors).toEqual([]);
    expect(back.notCarried).toEqual([]);
    const reloaded = load(specWith(back.services, model.paging));
    const original = model.services.flatMap((s) => s.slos).map(meaning);
    expect(original.some((s) => s.sli.kind === "latency")).toBe(true);
    const again = reloaded.services.flatMap((s) => s.slos).map(meaning);
    expect(again).toEqual(original);
  });

  it("reads calendar windows as readiness periods, noting the time zone to set and a startTime off a boundary, at their lines", () => {
    const doc = (name: string, timeWindow: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: shop
  indicator:
    metadata:
      name: ${name}
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: shop_requests_total{code!~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: shop_requests_total
  timeWindow:
${timeWindow}
  budgetingMethod: Occurrences
  objectives:
    - target: 0.995
`;
    const month = doc("monthly", "    - duration: 1M\n      calendar:\n        startTime: 2022-01-01 00:00:00\n        timeZone: Europe/Berlin");
    const quarter = doc("quarterly", "    - duration: 1Q\n      isRolling: false\n      calendar:\n        startTime: 2022-01-15 12:30:00\n        timeZone: UTC");
    const weird = doc("fortnight", "    - duration: 2w\n      isRolling: false");
    // OpenSLO's own example writes `1m` ("Contracts often are for 1 month"): a minute in its shorthand.
    const minute = doc("contract", "    - duration: 1m\n      isRolling: false");
    const r = importOpenSlo([{ file: "m.yaml", text: month }, { file: "q.yaml", text: quarter }, { file: "f.yaml", text: weird }, { file: "c.yaml", text: minute }]);
    expect(r.errors).toEqual([]);
    expect(r.services.flatMap((s) => s.slos).map((s) => [s.id, s.window])).toEqual([["monthly", "month"], ["quarterly", "quarter"], ["fortnight", "2w"], ["contract", "30d"]]);
    expect(r.notCarried.map((n) => `${n.file}:${n.line} ${n.message}`)).toEqual([
      "m.yaml:24 monthly: each month begins at midnight in oncall.timezone; set it to Europe/Berlin to match this document",
      "q.yaml:24 quarterly: each quarter begins at midnight in oncall.timezone; set it to UTC to match this document",
      "q.yaml:24 quarterly: startTime 2022-01-15 12:30:00 is not carried: each quarter starts at its boundary at midnight",
      "f.yaml:24 fortnight: a calendar window of 2w is not a week, month or quarter; carried over as a rolling 2w",
      "c.yaml:24 contract: a calendar window of 1m is shorter than a day (a month is 1M); read as 30d",
    ]);
    const model = load(specWith(r.services));
    expect(Object.fromEntries(model.services[0].slos.map((s) => [s.id, s.calendar?.period ?? s.window.text]))).toEqual({ monthly: "month", quarterly: "quarter", fortnight: "14d", contract: "30d" });
  });

  it("reads a v1alpha calendar month (Sloth's dialect) as window: month, and a calendar 10 Day window as rolling with a note", () => {
    const doc = (name: string, window: string) => `apiVersion: openslo/v1alpha
kind: SLO
metadata:
  name: ${name}
spec:
  service: shop
  objectives:
    - ratioMetrics:
        good: { source: prometheus, queryType: promql, query: 'sum(rate(shop_total{code!~"5.."}[{{.window}}]))' }
        total: { source: prometheus, queryType: promql, query: "sum(rate(shop_total[{{.window}}]))" }
      target: 0.99
  timeWindows:
${window}
`;
    const r = importOpenSlo([{ file: "a.yaml", text: doc("shop-monthly", "    - count: 1\n      unit: Month\n      isRolling: false") }, { file: "b.yaml", text: doc("shop-tens", "    - count: 10\n      unit: Day\n      isRolling: false") }]);
    expect(r.errors).toEqual([]);
    expect(r.services.flatMap((s) => s.slos).map((s) => [s.id, s.window])).toEqual([["monthly", "month"], ["tens", "10d"]]);
    expect(r.notCarried.map((n) => `${n.file}:${n.line} ${n.message}`)).toEqual(["b.yaml:13 shop-tens: a calendar window of 10 Day is carried over as a rolling 10d"]);
  });

  it("exports a calendar SLO as an OpenSLO calendar window in its time zone, and imports it back to the same period", () => {
    const text = specWith([{ id: "shop", name: "Shop", tier: "standard", slos: [{ id: "avail", objective: 99.5, window: "month", sli: { errors: { prometheus: 'sum(rate(shop_requests_total{code=~"5.."}[{{window}}]))' }, total: { prometheus: "sum(rate(shop_requests_total[{{window}}]))" } } }] }]);
    const model = load(text);
    const exported = exportOpenSlo(model);
    const slo = (parseAllDocuments(exported.yaml).map((d) => d.toJS()) as { kind: string; spec: { timeWindow: unknown } }[]).find((d) => d.kind === "SLO");
    expect(slo?.spec.timeWindow).toEqual([{ duration: "1M", calendar: { startTime: "2024-01-01 00:00:00", timeZone: model.services[0].slos[0].calendar?.timezone }, isRolling: false }]);
    const back = importOpenSlo([{ file: "export.yaml", text: exported.yaml }]);
    expect(back.services[0].slos[0].window).toBe("month");
    expect(back.notCarried.map((n) => n.message)).toEqual([`shop-avail: each month begins at midnight in oncall.timezone; set it to ${model.services[0].slos[0].calendar?.timezone} to match this document`]);
    expect(load(specWith(back.services)).services[0].slos.map(meaning)).toEqual(model.services[0].slos.map(meaning));
  });

  it("keeps custom burn-rate windows", () => {
    const text = readFileSync(join(__dirname, "..", "..", "fixtures", "valid", "custom-windows.yaml"), "utf8");
    const r = loadModels(text, "custom-windows.yaml");
    if (!r.ok) throw new Error("fixture does not load");
    const model = Object.values(r.models)[0];
    const back = importOpenSlo([{ file: "export.yaml", text: exportOpenSlo(model).yaml }]);
    const again = load(specWith(back.services, model.paging));
    const ratio = model.services.flatMap((s) => s.slos).filter((s) => s.sli.kind === "ratio");
    expect(ratio.length).toBeGreaterThan(0);
    expect(again.services.flatMap((s) => s.slos).map((s) => s.alerts)).toEqual(ratio.map((s) => s.alerts));
  });
});

describe("merge into a spec", () => {
  it("keeps the spec's comments and adds the imported service", () => {
    const services = importSloth([fixture("sloth.yaml")]).services;
    const merged = mergeIntoSpec(exampleText(), services);
    if (!merged.ok) throw new Error(merged.errors.join("\n"));
    expect(merged.text).toContain("# Where each severity goes. page = wake someone; ticket = work hours; info = FYI.");
    // every line of the spec is still there, as written; the import only adds lines
    const before = exampleText().split("\n");
    const after = merged.text.split("\n");
    let i = 0;
    for (const line of after) if (line === before[i]) i++;
    expect(i).toBe(before.length); // the original lines, in order, none changed
    expect(after.length).toBeGreaterThan(before.length);
    expect(after).toContain("  - id: myservice");
    const r = loadModels(merged.text, "readiness.yaml");
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
    expect(r.models.prod.services.map((s) => s.id)).toContain("myservice");
  });

  it("adds SLOs to an existing service and refuses to replace one", () => {
    const extra: SpecService = { id: "billing-api", name: "Billing API", tier: "standard", slos: [{ id: "availability", objective: 99, window: "30d", sli: { errors: { prometheus: "sum(rate(e[{{window}}]))" }, total: { prometheus: "sum(rate(t[{{window}}]))" } } }] };
    const refused = mergeIntoSpec(exampleText(), [extra]);
    expect(refused).toEqual({ ok: false, errors: ["services billing-api: already has an SLO availability; not replaced"] });
    const added = mergeIntoSpec(exampleText(), [{ ...extra, slos: [{ ...extra.slos[0], id: "imported" }] }]);
    if (!added.ok) throw new Error(added.errors.join("\n"));
    const r = loadModels(added.text, "readiness.yaml");
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
    expect(r.models.prod.services.find((s) => s.id === "billing-api")?.slos.map((s) => s.id)).toEqual(["availability", "imported", "latency"]);
  });
});
