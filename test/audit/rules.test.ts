import { AUDIT_RULES, audit, type RuleId } from "../../audit";
import type { Model } from "../../specification/model";
import { burn, dur, makeAlert, makeCheck, makeEscalation, makeHeartbeat, makeModel, makePerson, makeSchedule, makeService, makeSlo } from "../support/model";

const now = new Date("2026-03-02T00:00:00Z");

const STATUS_PAGE: Model["statusPage"] = { title: "Status", hostname: "status.example.test", probeEvery: dur("1m"), historyDays: 90, components: [] };

/** A model every rule is happy with: the base for one change per row. */
function healthy(over: Partial<Model> = {}): Model {
  const base = makeModel({ backends: ["grafana", "pagerduty", "cloudflare"], statusPage: STATUS_PAGE });
  return { ...base, services: base.services.map((s) => ({ ...s, statusPage: { component: "API", group: "Services" } })), ...over };
}

function withService(over: Parameters<typeof makeService>[0], model: Partial<Model> = {}): Model {
  return healthy({ services: [makeService({ slos: [makeSlo()], alerts: [makeAlert()], checks: [makeCheck()], statusPage: { component: "API", group: "Services" }, ...over })], ...model });
}

function findings(model: Model, rule: RuleId) {
  return audit(model, { now, rules: [rule] }).findings;
}

test("the healthy base model has no findings at all, so each row below shows one rule's trigger", () => {
  expect(audit(healthy(), { now }).findings).toEqual([]);
});

interface Row {
  rule: RuleId;
  case: string;
  triggers: Model;
  level: "error" | "warning" | "info";
  path: string;
  quiet: Model;
  quietCase: string;
}

const rows: Row[] = [
  {
    rule: "runbook-missing",
    case: "a critical service without a runbook",
    triggers: withService({ runbookUrl: undefined, slos: [], alerts: [], checks: [] }),
    level: "error",
    path: "services[0].runbook",
    quiet: withService({ runbookUrl: undefined, tier: "standard", slos: [makeSlo({ alerts: [burn("ticket-fast", "ticket", "1d", "2h", 3)] })], alerts: [makeAlert({ severity: "ticket" })], checks: [] }),
    quietCase: "a standard service without a runbook whose alerts only open tickets",
  },
  {
    rule: "runbook-missing",
    case: "a standard service without a runbook whose check pages",
    triggers: withService({ runbookUrl: undefined, tier: "standard", slos: [], alerts: [] }),
    level: "error",
    path: "services[0].runbook",
    quiet: withService({ tier: "standard", slos: [], alerts: [] }),
    quietCase: "the same service with a runbook",
  },
  {
    rule: "runbook-missing",
    case: "a paging check whose own runbook is blank",
    triggers: withService({ slos: [], alerts: [], checks: [makeCheck({ runbookUrl: " " })] }),
    level: "error",
    path: "services[0].checks[0].runbook",
    quiet: withService({ runbookUrl: undefined, tier: "standard", slos: [], alerts: [], checks: [makeCheck({ runbookUrl: "https://runbooks.example.test/check.md" })] }),
    quietCase: "a service without a runbook whose paging check has its own",
  },
  {
    rule: "schedule-single-member",
    case: "a schedule with one member",
    triggers: healthy({ oncall: { ...healthy().oncall, schedules: [makeSchedule({ members: ["ana"] })] } }),
    level: "warning",
    path: "oncall.schedules[0].members",
    quiet: healthy(),
    quietCase: "a schedule of two",
  },
  {
    rule: "escalation-single-level",
    case: "an escalation with one level",
    triggers: healthy({ oncall: { ...healthy().oncall, escalations: [makeEscalation({ levels: [{ notify: [{ kind: "schedule", schedule: "primary" }], escalateAfter: dur("15m") }] })] } }),
    level: "warning",
    path: "oncall.escalations[0].levels",
    quiet: healthy(),
    quietCase: "an escalation with two levels",
  },
  {
    rule: "escalation-last-level-single-person",
    case: "an escalation ending with one person and no repeat",
    triggers: healthy({ oncall: { ...healthy().oncall, escalations: [makeEscalation({ repeat: 0 })] } }),
    level: "warning",
    path: "oncall.escalations[0].levels[1]",
    quiet: healthy({ oncall: { ...healthy().oncall, escalations: [makeEscalation({ repeat: 1 })] } }),
    quietCase: "the same escalation repeating once",
  },
  {
    rule: "oncall-coverage-gap",
    case: "a paged escalation whose only schedule covers business hours",
    triggers: healthy({
      oncall: {
        ...healthy().oncall,
        schedules: [makeSchedule({ coverage: { days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 17, minute: 0 } } })],
        escalations: [makeEscalation({ levels: [{ notify: [{ kind: "schedule", schedule: "primary" }], escalateAfter: dur("15m") }, { notify: [{ kind: "schedule", schedule: "primary" }], escalateAfter: dur("15m") }] })],
      },
    }),
    level: "error",
    path: "oncall.escalations[0]",
    quiet: healthy({
      oncall: { ...healthy().oncall, schedules: [makeSchedule({ coverage: { days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 17, minute: 0 } } })] },
    }),
    quietCase: "the same schedule with a person at the second level, who covers every hour",
  },
  {
    rule: "critical-service-no-slo",
    case: "a critical service without SLOs",
    triggers: withService({ slos: [] }),
    level: "error",
    path: "services[0].slos",
    quiet: withService({ slos: [], tier: "internal" }),
    quietCase: "an internal service without SLOs",
  },
  {
    rule: "slo-no-page-alert",
    case: "an SLO with only ticket windows where paging is on",
    triggers: withService({ slos: [makeSlo({ alerts: [burn("ticket-fast", "ticket", "1d", "2h", 3, "1h")] })] }),
    level: "error",
    path: "services[0].slos[0].alerting",
    quiet: withService({ slos: [makeSlo({ alerts: [{ ...burn("page-fast", "ticket", "1h", "5m", 14.4), declaredSeverity: "page" }] })] }, { paging: false }),
    quietCase: "an SLO whose page became a ticket because paging is off",
  },
  {
    rule: "page-cannot-fire",
    case: "14.4x on a 93.05% objective (needs 100.08% of events to fail)",
    triggers: withService({ slos: [makeSlo({ objective: 93.05 })] }),
    level: "error",
    path: "services[0].slos[0]",
    quiet: withService({ slos: [makeSlo({ objective: 93.06 })] }),
    quietCase: "14.4x on a 93.06% objective (99.9% of events failing fires it)",
  },
  {
    rule: "window-shorter-than-scrapes",
    case: "a 3m short window with a 1m scrape interval",
    triggers: withService({ slos: [makeSlo({ alerts: [burn("page-fast", "page", "1h", "3m", 14.4)] })] }),
    level: "warning",
    path: "services[0].slos[0]",
    quiet: withService({ slos: [makeSlo({ alerts: [burn("page-fast", "page", "1h", "4m", 14.4)] })] }),
    quietCase: "a 4m short window, exactly four scrapes",
  },
  {
    rule: "no-query-for-backend",
    case: "an alert with only a Datadog query where only Grafana is enabled",
    triggers: withService({ alerts: [makeAlert({ query: { datadog: "avg:errors{*}" } })] }),
    level: "error",
    path: "services[0].alerts[0].query",
    quiet: withService({ alerts: [makeAlert({ query: { prometheus: "up == 0" } })] }),
    quietCase: "the alert with a Prometheus query",
  },
  {
    rule: "no-query-for-backend",
    case: "a heartbeat with only a Prometheus metric where Grafana and Datadog are enabled",
    triggers: withService({ heartbeats: [makeHeartbeat()], slos: [], alerts: [] }, { backends: ["grafana", "datadog", "pagerduty"] }),
    level: "warning",
    path: "services[0].heartbeats[0]",
    quiet: withService({ heartbeats: [makeHeartbeat({ datadog: "jobs.nightly.success" })], slos: [], alerts: [] }, { backends: ["grafana", "datadog", "pagerduty"] }),
    quietCase: "the heartbeat with a Datadog metric as well",
  },
  {
    rule: "page-without-for",
    case: "a paging alert with for: 0s",
    triggers: withService({ alerts: [makeAlert({ for: dur("0s") })] }),
    level: "warning",
    path: "services[0].alerts[0].for",
    quiet: withService({ alerts: [makeAlert({ for: dur("0s"), severity: "ticket", declaredSeverity: "ticket" })] }),
    quietCase: "a ticket alert with for: 0s",
  },
  {
    rule: "check-pages-on-first-failure",
    case: "a paging check with alertAfter: 1",
    triggers: withService({ checks: [makeCheck({ alertAfter: 1 })] }),
    level: "warning",
    path: "services[0].checks[0].alertAfter",
    quiet: withService({ checks: [makeCheck({ alertAfter: 2 })] }),
    quietCase: "a paging check with alertAfter: 2",
  },
  {
    rule: "critical-service-not-on-status-page",
    case: "a critical service missing from the spec's status page",
    triggers: withService({ statusPage: undefined }),
    level: "warning",
    path: "services[0].statusPage",
    quiet: withService({ statusPage: undefined }, { statusPage: undefined }),
    quietCase: "the same service when the spec has no status page",
  },
  {
    rule: "page-detection-too-slow",
    case: "a 95% SLO whose fastest page needs 43m of total outage",
    triggers: withService({ slos: [makeSlo({ objective: 95, errorBudget: 0.05, alerts: [burn("page-fast", "page", "1h", "5m", 14.4, "0s")] })] }),
    level: "warning",
    path: "services[0].slos[0].alerting",
    quiet: withService({ slos: [makeSlo({ objective: 95, errorBudget: 0.05, alerts: [burn("page-fast", "page", "1h", "5m", 14.4, "0s")] })] }, { paging: false }),
    quietCase: "the same SLO where paging is off",
  },
  {
    rule: "page-detection-too-slow",
    case: "a paging check that needs 3 failures 15m apart",
    triggers: withService({ checks: [makeCheck({ every: dur("15m"), alertAfter: 3 })] }),
    level: "warning",
    path: "services[0].checks[0].every",
    quiet: withService({ checks: [makeCheck({ every: dur("5m"), alertAfter: 3 })] }),
    quietCase: "3 failures 5m apart",
  },
  {
    rule: "watchdog-no-switch",
    case: "alerting with no status page to receive the watchdog",
    triggers: withService({ statusPage: undefined }, { statusPage: undefined }),
    level: "warning",
    path: "environments.prod",
    quiet: withService({}),
    quietCase: "a spec with a status page",
  },
  {
    rule: "route-without-target",
    case: "ticket routing nowhere while an alert tickets",
    triggers: withService({ alerts: [makeAlert({ severity: "ticket", declaredSeverity: "ticket" })] }, { routing: { ...healthy().routing, ticket: { severity: "ticket", targets: [] } } }),
    level: "error",
    path: "routing.ticket",
    quiet: withService({ alerts: [makeAlert({ severity: "ticket", declaredSeverity: "ticket" })] }),
    quietCase: "ticket routed to Slack",
  },
  {
    rule: "route-without-target",
    case: "info routing nowhere while no alert uses it",
    triggers: healthy({ routing: { ...healthy().routing, info: { severity: "info", targets: [] } } }),
    level: "info",
    path: "routing.info",
    quiet: healthy(),
    quietCase: "info routed to email",
  },
  {
    rule: "escalation-person-not-in-schedule",
    case: "an escalation notifying someone who is in no rotation",
    triggers: healthy({
      oncall: {
        ...healthy().oncall,
        people: [makePerson("ana"), makePerson("ben"), makePerson("dana")],
        escalations: [makeEscalation({ levels: [{ notify: [{ kind: "schedule", schedule: "primary" }], escalateAfter: dur("15m") }, { notify: [{ kind: "person", person: "dana" }], escalateAfter: dur("30m") }] })],
      },
    }),
    level: "warning",
    path: "oncall.escalations[0].levels[1]",
    quiet: healthy(),
    quietCase: "an escalation notifying a schedule member",
  },
];

describe.each(rows)("$rule", (row) => {
  test(`reports ${row.case} as ${row.level} at ${row.path}`, () => {
    const found = findings(row.triggers, row.rule);
    expect(found.map((f) => [f.rule, f.level, f.path])).toEqual([[row.rule, row.level, row.path]]);
    expect(found[0].message.length).toBeGreaterThan(20);
    expect(found[0].hint.length).toBeGreaterThan(10);
  });
  test(`stays quiet for ${row.quietCase}`, () => {
    expect(findings(row.quiet, row.rule)).toEqual([]);
  });
});

test("every offline rule in the catalogue has a triggering row (live rules: test/live)", () => {
  const { AUDIT_RULES, isSpecRule } = jest.requireActual("../../audit") as typeof import("../../audit");
  expect([...new Set(rows.map((r) => r.rule))].sort()).toEqual(AUDIT_RULES.map((r) => r.id).filter(isSpecRule));
});

test("the page-cannot-fire message says what share of events would have to fail", () => {
  const [f] = findings(withService({ slos: [makeSlo({ objective: 90, alerts: [burn("page-fast", "page", "1h", "5m", 14.4)] })] }), "page-cannot-fire");
  expect(f.message).toContain("needs 144% of events to fail");
  expect(f.hint).toContain("below 10");
});

test("a coverage gap names its hours and the first gap in UTC", () => {
  const [f] = findings(rows.find((r) => r.rule === "oncall-coverage-gap")!.triggers, "oncall-coverage-gap");
  // Four weeks of Mon-Fri 09:00-17:00 leave 672 - 20 * 8 = 512 hours uncovered.
  expect(f.message).toContain("reach nobody for 512 hours");
  expect(f.message).toContain("first 2026-03-02T00:00Z to 2026-03-02T14:00Z");
});

test("where paging is off nothing pages, so coverage gaps and missing page alerts are not findings", () => {
  const gappy = rows.find((r) => r.rule === "oncall-coverage-gap")!.triggers;
  expect(findings({ ...gappy, paging: false }, "oncall-coverage-gap")).toEqual([]);
});

test("findings list errors first, then warnings, then info", () => {
  const model = withService(
    { runbookUrl: undefined, checks: [makeCheck({ alertAfter: 1 })] },
    { routing: { ...healthy().routing, info: { severity: "info", targets: [] } } },
  );
  const levels = audit(model, { now }).findings.map((f) => f.level);
  expect(levels).toEqual([...levels].sort((a, b) => ["error", "warning", "info"].indexOf(a) - ["error", "warning", "info"].indexOf(b)));
  expect(new Set(levels)).toEqual(new Set(["error", "warning", "info"]));
});

test("every rule in the catalogue has a one-line fix, listed by `readiness audit --rules`", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rulesListing } = require("../../cli/audit") as typeof import("../../cli/audit");
  const listing = rulesListing();
  for (const r of AUDIT_RULES) {
    expect(r.fix.length).toBeGreaterThan(10);
    expect(r.fix).not.toContain("\n");
    expect(listing).toContain(`${r.id} [${r.level}] ${r.title}\n  why: ${r.help}\n  fix: ${r.fix}`);
  }
});

test("the advice for a directly paged person does not send them into a one-person schedule", () => {
  const model = healthy({
    oncall: {
      ...healthy().oncall,
      people: [makePerson("ana"), makePerson("ben"), makePerson("dana")],
      escalations: [makeEscalation({ levels: [{ notify: [{ kind: "schedule", schedule: "primary" }], escalateAfter: dur("15m") }, { notify: [{ kind: "person", person: "dana" }], escalateAfter: dur("30m") }] })],
    },
  });
  const [f] = findings(model, "escalation-person-not-in-schedule");
  expect(f.hint).toContain("at least one other member");
  // Following it (dana joins a two-person manager rotation that is notified instead) trips neither rule.
  const fixed = healthy({
    oncall: {
      ...healthy().oncall,
      people: [makePerson("ana"), makePerson("ben"), makePerson("dana")],
      schedules: [makeSchedule(), makeSchedule({ id: "managers", name: "managers", members: ["dana", "ben"] })],
      escalations: [makeEscalation({ levels: [{ notify: [{ kind: "schedule", schedule: "primary" }], escalateAfter: dur("15m") }, { notify: [{ kind: "schedule", schedule: "managers" }], escalateAfter: dur("30m") }] })],
    },
  });
  expect([...findings(fixed, "escalation-person-not-in-schedule"), ...findings(fixed, "schedule-single-member")]).toEqual([]);
});

test("reports no paging finding where paging is off", () => {
  const lone = healthy({
    paging: false,
    oncall: {
      ...healthy().oncall,
      people: [makePerson("ana"), makePerson("dana")],
      schedules: [makeSchedule({ members: ["ana"] })],
      escalations: [makeEscalation({ repeat: 0, levels: [{ notify: [{ kind: "person", person: "dana" }], escalateAfter: dur("15m") }] })],
    },
  });
  const paging: RuleId[] = ["schedule-single-member", "escalation-single-level", "escalation-last-level-single-person", "escalation-person-not-in-schedule", "page-detection-too-slow", "oncall-coverage-gap"];
  expect(paging.flatMap((r) => findings(lone, r))).toEqual([]);
  expect(paging.flatMap((r) => findings({ ...lone, paging: true }, r)).length).toBeGreaterThanOrEqual(4);
});
