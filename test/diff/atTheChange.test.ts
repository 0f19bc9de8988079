/**
 * A long value that differs is shown around the change on both sides, in text and markdown, so a
 * `[3m]` -> `[5m]` deep inside a rule's model is what a reviewer reads; JSON keeps both values whole.
 */
import { aroundChange } from "../../diff/format/value";
import { diffText } from "../../diff/format/text";
import { diffMarkdown } from "../../diff/format/markdown";
import { diffJson } from "../../diff/format/json";
import type { EnvironmentDiff } from "../../diff/environmentDiff";

const model = (window: string) =>
  `{"datasource":{"type":"prometheus","uid":"prom"},"expr":"max_over_time(probe_success{job=\\"geo-api/health\\", instance=\\"https://api.geo.example.test/health\\"}[${window}]) < 1","instant":true,"intervalMs":60000,"maxDataPoints":43200,"refId":"A"}`;

const diff: EnvironmentDiff = {
  environment: "prod",
  base: "HEAD:readiness.yaml",
  notes: [],
  semantic: [],
  resources: [
    { action: "update", type: "grafana:alerting/ruleGroup:RuleGroup", name: "geo-api", provider: "grafana", changes: [{ path: "rules[0].datas[0].model", before: model("3m"), after: model("5m") }], warnings: [] },
  ],
};

describe("a long value that differs", () => {
  test("text shows both sides around the change, with an ellipsis before and after", () => {
    const line = diffText(diff).split("\n").find((l) => l.includes("rules[0].datas[0].model"))!;
    expect(line).toContain('}[3m]) < 1"');
    expect(line).toContain('}[5m]) < 1"');
    const [before, after] = line.split(": ").slice(1).join(": ").split(" -> ");
    for (const side of [before, after]) {
      expect(side.startsWith("...")).toBe(true);
      expect(side.endsWith("...")).toBe(true);
      expect(side.length).toBeLessThan(model("3m").length);
    }
  });

  test("markdown shows the change in the PR comment", () => {
    const md = diffMarkdown(diff);
    expect(md).toMatch(/\.\.\.[^\n]*\}\[3m\]\) < 1[^\n]* -> \.\.\.[^\n]*\}\[5m\]\) < 1/);
  });

  test("JSON carries both values whole", () => {
    const json = JSON.parse(diffJson(diff)) as EnvironmentDiff;
    expect(json.resources[0].changes[0]).toEqual({ path: "rules[0].datas[0].model", before: model("3m"), after: model("5m") });
  });

  test("cuts at token boundaries: a changed number is shown whole, never split", () => {
    const pad = "x ".repeat(100);
    const [b, a] = aroundChange(`${pad}threshold 0.05 ${pad}`, `${pad}threshold 0.125 ${pad}`);
    expect(b).toContain("threshold 0.05 ");
    expect(a).toContain("threshold 0.125 ");
  });

  test("a change at the very start or end is shown without an ellipsis on that side", () => {
    const tail = " and the rest".repeat(20);
    const [b, a] = aroundChange(`alpha${tail}`, `beta${tail}`);
    expect(b.startsWith("alpha and")).toBe(true);
    expect(a.startsWith("beta and")).toBe(true);
    expect(a.endsWith("...")).toBe(true);
  });

  test("values that fit a line are shown whole", () => {
    expect(aroundChange("severity: ticket", "severity: page")).toEqual(["severity: ticket", "severity: page"]);
  });
});
