/** A query that needs YAML quoting gets a located error that says to quote it, with the quoted text to paste. */
import { loadSpec } from "../../specification/loadModels";
import { quotingHint } from "../../specification/quotingHint";
import { STARTER_SPEC } from "../../specification/starter";

describe("the YAML quoting hint", () => {
  it("locates an unquoted PromQL range in a flow mapping and shows it quoted", () => {
    const text = STARTER_SPEC.replace(
      /        query:\n          prometheus: .*\n/,
      "        query: { prometheus: sum(rate(errors_total{code=~\"5..\"}[1d])) }\n",
    );
    const r = loadSpec(text, "readiness.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const [d] = r.diagnostics;
    expect(d).toMatchObject({ code: "YamlSyntax", file: "readiness.yaml", line: text.split("\n").findIndex((l) => l.includes("errors_total{code")) + 1 });
    expect(d.hint).toBe(`quote the prometheus query: prometheus: 'sum(rate(errors_total{code=~"5.."}[1d]))' (unquoted, YAML reads its brackets, braces and commas as structure)`);
  });

  it("says nothing about quoting where the value is quoted, plain, or not a query", () => {
    expect(quotingHint(`  query: { prometheus: 'sum(rate(x[1d]))' }`)).toBeUndefined();
    expect(quotingHint(`  prometheus: up`)).toBeUndefined();
    expect(quotingHint(`  members: [ana, ben`)).toBeUndefined();
  });

  it("keeps a single quote inside the query by quoting with double quotes", () => {
    expect(quotingHint(`{ datadog: avg:x{a:b,c:'d'} }`)).toBe(`quote the datadog query: datadog: "avg:x{a:b,c:'d'}" (unquoted, YAML reads its brackets, braces and commas as structure)`);
  });
});
