import { audit, hasErrors } from "../../audit";
import { loadModels } from "../../specification/loadModels";
import { exampleModel, exampleText } from "../support/example";
import { auditCommand } from "../../cli/audit";

const now = new Date("2026-03-02T00:00:00Z");

function exampleSpec() {
  const r = loadModels(exampleText(), "readiness.yaml");
  if (!r.ok) throw new Error("the example does not load");
  return r.spec;
}

describe.each(["staging", "prod"] as const)("the example spec in %s", (env) => {
  const report = audit(exampleModel(env), { now, spec: exampleSpec() });

  test("has no error-level finding", () => {
    expect(report.findings.filter((f) => f.level === "error")).toEqual([]);
    expect(hasErrors(report)).toBe(false);
  });

  test("lists every SLO burn-rate window, alert, check and heartbeat in the inventory", () => {
    const m = exampleModel(env);
    const expected = m.services.reduce((n, s) => n + s.slos.reduce((k, slo) => k + slo.alerts.length, 0) + s.alerts.length + s.checks.length + s.heartbeats.length, 0);
    expect(report.alerts).toHaveLength(expected);
  });

  test(env === "prod" ? "warns that dana, notified directly at the last level, is in no schedule" : "does not warn about who is paged, since nothing pages in staging", () => {
    expect(report.findings.filter((f) => f.rule === "escalation-person-not-in-schedule").map((f) => f.path)).toEqual(env === "prod" ? ["oncall.escalations[0].levels[2]"] : []);
  });
});

test("in prod the error-rate page wakes the whole escalation and links its runbook; in staging it is a ticket to Slack that wakes nobody", () => {
  const find = (env: "staging" | "prod") => audit(exampleModel(env), { now }).alerts.find((a) => a.service === "billing-api" && a.id === "error-rate")!;
  expect(find("prod")).toMatchObject({ severity: "page", routes: ["escalation:billing-oncall"], wakes: ["ana", "ben", "chen", "dana"], for: "5m", runbook: "https://github.com/acme/billing/blob/main/docs/runbooks/billing-api.md" });
  expect(find("staging")).toMatchObject({ severity: "ticket", declaredSeverity: "page", routes: ["slack:#billing-alerts"], wakes: [] });
});

test("prod warns that the webhooks SLO has no Datadog query while Grafana still evaluates it", () => {
  const f = audit(exampleModel("prod"), { now, spec: exampleSpec() }).findings.find((x) => x.rule === "no-query-for-backend")!;
  expect(f).toMatchObject({ level: "warning", path: "services[2].slos[0].sli" });
  expect(f.message).toContain("no datadog query");
});

test("the command on the example exits 0 and locates findings at lines of readiness.yaml", () => {
  const { output, exitCode } = auditCommand(exampleText(), "readiness.yaml", "prod", "text", now);
  expect(exitCode).toBe(0);
  const lines = exampleText().split("\n");
  const located = output.split("\n").filter((l) => /^readiness\.yaml:\d+:\d+ \[/.test(l));
  expect(located.length).toBeGreaterThan(0);
  const dana = located.find((l) => l.includes("escalation-person-not-in-schedule"))!;
  const line = Number(dana.split(":")[1]);
  expect(lines[line - 1]).toContain("person:dana");
});
