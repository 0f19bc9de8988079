/**
 * Routine edits replace nothing: every uid and logical name comes from spec ids and the
 * environment, never from what a team tunes. Each case edits one tunable field of the example
 * (readiness.yaml) and holds `readiness diff`'s resource changes to updates only, with every Grafana
 * rule keeping its uid (a rule whose uid changes is deleted and created inside its group, losing its
 * state and pending timers) and every recording rule title unique in the folder.
 */
import { parseDocument } from "yaml";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import { renderPlan } from "../../backends/render";
import { resourceDiff } from "../../diff/resourceDiff";
import type { Plan, RenderSettings } from "../../plan/plan";
import { exampleText } from "../support/example";

const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct", cloudflareZoneId: "zone", grafanaSmUrl: "https://sm.example.test" };
const RULE_GROUP = "grafana:alerting/ruleGroup:RuleGroup";

function planOf(text: string, env: "staging" | "prod"): Plan {
  const r = loadModels(text, "readiness.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return renderPlan(r.models[env], settings);
}

function edited(path: (string | number)[], value: unknown): string {
  const doc = parseDocument(exampleText());
  if (!doc.hasIn(path)) throw new Error(`the example has no ${path.join(".")}`);
  doc.setIn(path, value);
  return doc.toString();
}

/** Rule uid -> title, per rule group. */
function ruleUids(plan: Plan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of plan.resources.filter((x) => x.type === RULE_GROUP)) out.set(r.name, (r.inputs.rules as { uid: string }[]).map((rule) => rule.uid).sort());
  return out;
}

const EDITS: [string, (string | number)[], unknown][] = [
  ["an SLO objective", ["services", 0, "slos", 0, "objective"], 99.95],
  ["a latency SLO threshold", ["services", 0, "slos", 1, "sli", "latency", "threshold"], "500ms"],
  ["an alert summary", ["services", 0, "alerts", 0, "summary"], "Error rate above 10%"],
  ["an alert threshold", ["services", 0, "alerts", 0, "above"], 0.1],
  ["an alert's for", ["services", 0, "alerts", 0, "for"], "10m"],
  ["an alert's severity", ["services", 0, "alerts", 1, "severity"], "ticket"],
  ["an alert's noData", ["services", 0, "alerts", 1, "noData"], "alerting"],
  ["a check's interval", ["services", 0, "checks", 0, "every"], "5m"],
  ["a check's budget", ["services", 0, "checks", 0, "expect", "within"], "5s"],
  ["a check's alertAfter", ["services", 0, "checks", 0, "alertAfter"], 2],
  ["a check's severity", ["services", 0, "checks", 0, "severity"], "ticket"],
  ["a heartbeat summary", ["services", 1, "heartbeats", 0, "summary"], "The charge run is late"],
  ["a heartbeat grace", ["services", 1, "heartbeats", 0, "grace"], "2h"],
  ["a service name", ["services", 0, "name"], "Billing HTTP API"],
  ["a service tier", ["services", 2, "tier"], "critical"],
  ["a runbook", ["services", 0, "runbook"], "api.md"],
  ["an escalation delay", ["oncall", "escalations", 0, "levels", 0, "escalateAfter"], "30m"],
  ["a schedule handoff", ["oncall", "schedules", 0, "handoff"], "tuesday 10:00"],
  ["a dashboard title", ["dashboards", 0, "title"], "Billing KPIs"],
  ["the status page title", ["statusPage", "title"], "Acme status"],
  ["the system description", ["system", "description"], "Billing"],
];

describe.each(["prod", "staging"] as const)("editing a tunable field of the example in %s", (env) => {
  const before = planOf(exampleText(), env);

  it.each(EDITS)("%s updates resources and replaces none", (_what, path, value) => {
    const after = planOf(edited(path, value), env);
    const changes = resourceDiff(before, after);
    expect(changes.filter((c) => c.action !== "update").map((c) => `${c.action} ${c.type} ${c.name}`)).toEqual([]);
    // A new rule may appear (noData: alerting adds one); none may go, which is what a replacement does.
    const now = ruleUids(after);
    for (const [group, uids] of ruleUids(before)) expect({ group, gone: uids.filter((u) => !now.get(group)?.includes(u)) }).toEqual({ group, gone: [] });
  });

  it("changes something for every edit, so the cases test what they claim", () => {
    const silent = EDITS.filter(([, path, value]) => resourceDiff(before, planOf(edited(path, value), env)).length === 0).map(([what]) => what);
    // The system description reaches no provider; where paging is off, pages are tickets already; a
    // tier no longer caps absence alerts (they are as urgent as what they stand in for), and the
    // example sets no absenceSeverity a tier would default.
    expect(silent).toEqual(env === "prod" ? ["a service tier", "the system description"] : ["an alert's severity", "a check's severity", "a service tier", "the system description"]);
  });

  it("gives every Grafana rule a title of its own in the folder, which older Grafana indexes uniquely", () => {
    const titles = before.resources.filter((r) => r.type === RULE_GROUP).flatMap((r) => (r.inputs.rules as { name: string }[]).map((rule) => rule.name));
    expect(titles.length).toBeGreaterThan(20);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });
});
