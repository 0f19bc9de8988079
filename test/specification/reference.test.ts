/** The generated spec reference: complete, readable, and in step with the schema. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { jsonSchemaText } from "../../specification/jsonSchema";
import { referenceRows, renderReference, specReferenceMarkdown, type JsonSchemaNode } from "../../specification/reference";

const schema = JSON.parse(jsonSchemaText()) as JsonSchemaNode;
const rows = referenceRows(schema);
const row = (p: string) => {
  const r = rows.find((x) => x.path === p);
  if (!r) throw new Error(`no row for ${p}`);
  return r;
};

describe("the spec reference", () => {
  it("docs/spec-reference.md is what `npm run docs` generates from the current schema", () => {
    const committed = readFileSync(path.join(__dirname, "..", "..", "docs", "spec-reference.md"), "utf8");
    if (committed !== specReferenceMarkdown()) throw new Error("docs/spec-reference.md is stale: the zod schema changed. Regenerate it with `npm run docs` and commit it.");
  });

  it("every key of the spec has a description, so the reference never shows an empty row", () => {
    expect(rows.filter((r) => r.description.trim() === "").map((r) => r.path)).toEqual([]);
  });

  it("documents every key of the example, by path", () => {
    for (const p of [
      "apiVersion", "system.runbookBase", "environments.<name>.vars", "routing.page.escalation", "oncall.schedules[].handoff",
      "oncall.escalations[].levels[].notify", "services[].slos[].sli.errors.prometheus", "services[].slos[].sli.latency.threshold",
      "services[].alerts[].noData", "services[].checks[].expect.bodyContains", "services[].heartbeats[].grace", "dashboards[].panels[].unit",
      "statusPage.historyDays", "signoffs[].attested.expires",
    ])
      expect(row(p)).toBeDefined();
  });

  it.each([
    ["services[].slos[].objective", "number", true, ["> 0", "< 100"]],
    ["services[].alerts[].severity", "one of `page`, `ticket`, `info`", true, []],
    ["statusPage.historyDays", "integer", false, [">= 1", "<= 365"]],
    ["environments.<name>.backends", "list of values (one of `grafana`, `datadog`, `pagerduty`, `cloudflare`, `prometheus`)", true, ["at least 1 item"]],
    ["oncall.people[].email", "email address", true, []],
    ["services", "list of mappings", true, ["at least 1 item"]],
  ])("%s has type %s (required: %s) and its limits", (p, type, required, constraints) => {
    const r = row(p);
    expect(r.type).toBe(type);
    expect(r.required).toBe(required);
    expect(r.constraints).toEqual(expect.arrayContaining(constraints));
  });

  it("shows defaults where the schema fills them in", () => {
    expect(row("services[].slos[].window").default).toBe("30d");
    expect(row("services[].checks[].alertAfter").default).toBe(2);
    expect(row("services[].alerts[].noData").default).toBe("ok");
  });

  it("renders one section per top-level key and a table row per key below it, with pipes escaped", () => {
    const md = renderReference(schema);
    for (const top of Object.keys(schema.properties ?? {})) expect(md).toContain(`## \`${top}\``);
    expect(md).toMatch(/^\| `services\[\]\.slos\[\]\.objective` \| number \| yes \|  \| Percent of good events.*\*> 0; < 100\* \|$/m);
    // The notify pattern contains `|`, which would split the table cell if it were not escaped.
    expect(md).toContain("each matches `^(schedule\\|person):");
    const tableRows = md.split("\n").filter((l) => l.startsWith("| `"));
    expect(tableRows.length).toBe(rows.filter((r) => r.path.includes(".") || r.path.includes("[")).length);
    for (const l of tableRows) expect(l.split(/(?<!\\)\|/).length).toBe(7);
  });

  it("a description written in the schema appears in the reference", () => {
    const md = renderReference({
      description: "Test spec.",
      type: "object",
      properties: { widget: { type: "object", description: "A widget.", properties: { size: { type: "integer", minimum: 1, description: "How big it is." } }, required: ["size"] } },
      required: ["widget"],
    });
    expect(md).toContain("## `widget`\n\nRequired; mapping. A widget.");
    expect(md).toContain("| `widget.size` | integer | yes |  | How big it is. *>= 1* |");
  });
});
