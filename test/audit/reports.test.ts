import { AUDIT_RULES } from "../../audit";
import { auditCommand, parseDay } from "../../cli/audit";

const now = new Date("2026-03-02T00:00:00Z");

// Services written zeta-then-alpha: the Model sorts them, the findings must still point at the file's order.
const SPEC = `apiVersion: readiness/v1
system:
  name: shop
  runbookBase: https://runbooks.example.test/
environments:
  prod:
    backends: [grafana, pagerduty]
    paging: true
routing:
  page: { escalation: oncall }
  ticket: { slack: "#shop" }
  info: { email: team@example.test }
oncall:
  timezone: UTC
  people:
    - { id: ana, name: Ana, email: ana@example.test }
    - { id: ben, name: Ben, email: ben@example.test }
  schedules:
    - id: primary
      rotation: weekly
      handoff: monday 09:00
      members: [ana, ben]
  escalations:
    - id: oncall
      repeat: 1
      levels:
        - { notify: [schedule:primary], escalateAfter: 15m }
        - { notify: [schedule:primary] }
services:
  - id: zeta
    name: Zeta
    tier: critical
  - id: alpha
    name: Alpha
    tier: standard
    runbook: alpha.md
    checks:
      - id: health
        http: https://alpha.example.test/health
        every: 1m
        alertAfter: 1
        severity: page
`;
const lines = SPEC.split("\n");
const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;

interface JsonFinding {
  rule: string;
  level: string;
  message: string;
  location: { file: string; line: number; col: number };
  path: string;
  hint: string;
}

test("an error-level finding makes the command exit 1 in every format", () => {
  for (const format of ["text", "json", "markdown", "sarif"] as const) expect(auditCommand(SPEC, "readiness.yaml", "prod", format, now).exitCode).toBe(1);
});

test("JSON findings carry rule, level, message, hint, spec path and the file:line:col they were written at", () => {
  const body = JSON.parse(auditCommand(SPEC, "readiness.yaml", "prod", "json", now).output) as { alerts: { service: string; id: string; path: string }[]; findings: JsonFinding[] };
  const byRule = new Map(body.findings.map((f) => [f.rule, f]));
  expect(byRule.get("critical-service-no-slo")).toMatchObject({ level: "error", path: "services[0].slos", location: { file: "readiness.yaml", line: lineOf("- id: zeta") } });
  expect(byRule.get("runbook-missing")).toMatchObject({ level: "error", path: "services[0].runbook", location: { line: lineOf("- id: zeta") } });
  expect(byRule.get("check-pages-on-first-failure")).toMatchObject({ level: "warning", path: "services[1].checks[0].alertAfter", location: { line: lineOf("alertAfter: 1"), col: 21 } });
  for (const f of body.findings) expect(Object.keys(f)).toEqual(["rule", "level", "message", "location", "path", "hint"]);
  expect(body.alerts).toEqual([expect.objectContaining({ service: "alpha", id: "health", path: "services[1].checks[0]" })]);
});

test("SARIF is 2.1.0 with every rule documented and each result located in the spec file", () => {
  const sarif = JSON.parse(auditCommand(SPEC, "readiness.yaml", "prod", "sarif", now).output);
  expect(sarif.version).toBe("2.1.0");
  const run = sarif.runs[0];
  const rules = run.tool.driver.rules as { id: string; help: { text: string }; shortDescription: { text: string } }[];
  expect(rules.map((r) => r.id)).toEqual(AUDIT_RULES.map((r) => r.id));
  for (const r of rules) expect(r.help.text.length).toBeGreaterThan(20);
  expect(run.results.length).toBeGreaterThanOrEqual(3);
  for (const res of run.results) {
    expect(rules[res.ruleIndex].id).toBe(res.ruleId);
    expect(["error", "warning", "note"]).toContain(res.level);
    const loc = res.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe("readiness.yaml");
    expect(loc.region.startLine).toBeGreaterThan(1);
    expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
  }
  const check = run.results.find((r: { ruleId: string }) => r.ruleId === "check-pages-on-first-failure");
  expect(check.locations[0].physicalLocation.region.startLine).toBe(lineOf("alertAfter: 1"));
});

test("text output is the inventory as an aligned table, then one file:line:col line per finding", () => {
  const out = auditCommand(SPEC, "readiness.yaml", "prod", "text", now).output.split("\n");
  const header = out.find((l) => l.startsWith("SERVICE"))!;
  const row = out.find((l) => l.startsWith("alpha"))!;
  expect(row.indexOf("health")).toBe(header.indexOf("ALERT"));
  expect(row.indexOf("check")).toBe(header.indexOf("KIND"));
  expect(out).toContain(`readiness.yaml:${lineOf("- id: zeta")}:5 [error] critical-service-no-slo: critical service zeta has no SLO, so nothing pages on its error budget (add an availability SLO (errors over total requests) under \`slos\`)`);
});

test("markdown leads with a findings table and folds the inventory", () => {
  const md = auditCommand(SPEC, "readiness.yaml", "prod", "markdown", now).output;
  expect(md).toContain("### readiness audit: prod");
  expect(md).toMatch(/\| ❌ error \| `critical-service-no-slo` \| `readiness.yaml:\d+` `services\[0\]\.slos` \|/);
  expect(md.indexOf("<details>")).toBeGreaterThan(md.indexOf("critical-service-no-slo"));
});

test.each([
  ["2026-03-02", "2026-03-02T00:00:00.000Z"],
  ["2026-02-30", undefined],
  ["March 2", undefined],
])("--now %s parses to %s", (text, iso) => {
  expect(parseDay(text)?.toISOString()).toBe(iso);
});

test("a finding on a declared burn-rate window points at that window, matched by the id the resolver gives it", () => {
  const spec = SPEC.replace(
    "    tier: critical\n",
    `    tier: critical
    runbook: zeta.md
    slos:
      - id: availability
        objective: 95
        window: 30d
        sli:
          errors: { prometheus: 'sum(rate(errors_total[{{window}}]))' }
          total: { prometheus: 'sum(rate(requests_total[{{window}}]))' }
        alerting:
          windows:
            - { id: slow, long: 6h, short: 30m, factor: 6, severity: page, for: 15m }
            - { long: 60m, short: 5m, factor: 20, severity: page, for: 2m }
`,
  );
  const body = JSON.parse(auditCommand(spec, "readiness.yaml", "prod", "json", now).output) as { findings: JsonFinding[] };
  const f = body.findings.find((x) => x.rule === "page-cannot-fire")!;
  expect(f.path).toBe("services[0].slos[0].alerting.windows[1].factor");
  expect(f.message).toContain("20x the 95% SLO's budget needs 100% of events to fail");
  expect(f.location.line).toBe(spec.split("\n").findIndex((l) => l.includes("factor: 20")) + 1);
});
