import { inputsOf } from "../../support/inputs";
import { render } from "../../../backends/pagerduty";
import { PD_ESCALATION_POLICY, PD_SCHEDULE, PD_SERVICE, PD_USER, PD_USER_LOOKUP } from "../../../backends/pagerduty/tokens";
import { PD_SERVICE_INTEGRATION } from "../../../plan/pagerdutyIntegration";
import type { PlannedResource, RenderSettings } from "../../../plan/plan";
import { ref } from "../../../plan/plan";
import type { Backend, Model, Schedule } from "../../../specification/model";
import { dur, makeEscalation, makeModel, makePerson, makeSchedule, makeService } from "../../support/model";

const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct" };

function one(model: Model, type: string, name: string): PlannedResource {
  const found = render(model, settings).resources.filter((r) => r.type === type && r.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}
const withSchedule = (s: Partial<Schedule>) => makeModel({ oncall: { ...makeModel().oncall, schedules: [makeSchedule(s)] } });
const layer = (model: Model, id = "primary") => (one(model, PD_SCHEDULE, id).inputs.layers as { [k: string]: unknown }[])[0];

describe("PagerDuty users", () => {
  test("people are looked up by email by default and created only when the spec asks", () => {
    const model = makeModel({ oncall: { ...makeModel().oncall, people: [makePerson("ana"), makePerson("ben", { create: true, name: "Ben O" })] } });
    const plan = render(model, settings);
    expect(plan.lookups).toEqual([{ token: PD_USER_LOOKUP, name: "ana", provider: "pagerduty", args: { email: "ana@example.test" } }]);
    expect(plan.resources.filter((r) => r.type === PD_USER).map((r) => [r.name, r.parent, r.inputs])).toEqual([
      ["ben", "oncall", { name: "Ben O", email: "ben@example.test", timeZone: "America/New_York" }],
    ]);
    expect(layer(model).users).toEqual([ref("ana", PD_USER_LOOKUP, "id"), ref("ben", PD_USER, "id")]);
  });
});

describe("PagerDuty schedules", () => {
  test.each([
    ["a weekly rotation turns every 604800 seconds", { rotation: "weekly" as const }, 604800],
    ["a daily rotation turns every 86400 seconds", { rotation: "daily" as const, shift: dur("1d"), handoff: { hour: 9, minute: 0, text: "09:00" } }, 86400],
  ])("%s", (_name, over, seconds) => {
    expect(layer(withSchedule(over)).rotationTurnLengthSeconds).toBe(seconds);
  });

  test.each([
    ["a winter start in New York is written with -05:00", { start: "2025-01-06" }, "2025-01-06T09:00:00-05:00"],
    ["a summer start in New York is written with -04:00", { start: "2026-06-01" }, "2026-06-01T09:00:00-04:00"],
    ["a start in Berlin summer time is written with +02:00", { start: "2026-06-01", timezone: "Europe/Berlin" }, "2026-06-01T09:00:00+02:00"],
    ["a start in Kolkata is written with +05:30", { start: "2026-06-01", timezone: "Asia/Kolkata" }, "2026-06-01T09:00:00+05:30"],
    ["a start that is not the handoff weekday moves to it", { start: "2026-06-03" }, "2026-06-08T09:00:00-04:00"],
    [
      "a daily 17:30 handoff starts at 17:30 on the start date",
      { rotation: "daily" as const, shift: dur("1d"), handoff: { hour: 17, minute: 30, text: "17:30" }, start: "2026-11-01" },
      "2026-11-01T17:30:00-05:00",
    ],
  ])("%s", (_name, over, start) => {
    const l = layer(withSchedule(over));
    expect(l.start).toBe(start);
    expect(l.rotationVirtualStart).toBe(start);
  });

  test("the schedule carries the time zone, the members in rotation order and an environment-marked name", () => {
    const s = one(withSchedule({ members: ["ben", "ana"], timezone: "Europe/Berlin" }), PD_SCHEDULE, "primary");
    expect(inputsOf(s).timeZone).toBe("Europe/Berlin");
    expect(inputsOf(s).name).toBe("primary (prod)");
    expect(s.parent).toBe("oncall");
    expect((inputsOf(s).layers as { users: unknown }[])[0].users).toEqual([ref("ben", PD_USER_LOOKUP, "id"), ref("ana", PD_USER_LOOKUP, "id")]);
  });

  test.each([
    ["no coverage hours means no restrictions", undefined, undefined],
    [
      "weekday business hours become one weekly restriction per day, Monday = 1",
      { days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 17, minute: 0 } },
      [1, 2, 3, 4, 5].map((startDayOfWeek) => ({ type: "weekly_restriction", startDayOfWeek, startTimeOfDay: "09:00:00", durationSeconds: 8 * 3600 })),
    ],
    [
      "Sunday is day 7 and sorts last",
      { days: [0, 6], from: { hour: 10, minute: 30 }, to: { hour: 24, minute: 0 } },
      [6, 7].map((startDayOfWeek) => ({ type: "weekly_restriction", startDayOfWeek, startTimeOfDay: "10:30:00", durationSeconds: 13.5 * 3600 })),
    ],
    [
      "the same night window every day is one daily restriction running past midnight",
      { days: [0, 1, 2, 3, 4, 5, 6], from: { hour: 22, minute: 0 }, to: { hour: 6, minute: 0 } },
      [{ type: "daily_restriction", startTimeOfDay: "22:00:00", durationSeconds: 8 * 3600 }],
    ],
    ["all day every day needs no restriction", { days: [0, 1, 2, 3, 4, 5, 6], from: { hour: 0, minute: 0 }, to: { hour: 24, minute: 0 } }, undefined],
  ])("%s", (_name, coverage, restrictions) => {
    expect(layer(withSchedule({ coverage })).restrictions).toEqual(restrictions);
  });
});

describe("PagerDuty escalation policies", () => {
  test("levels become rules in order, with whole-minute delays and schedule or user targets", () => {
    const model = makeModel({
      oncall: {
        ...makeModel().oncall,
        escalations: [
          makeEscalation({
            repeat: 2,
            levels: [
              { notify: [{ kind: "schedule", schedule: "primary" }], escalateAfter: dur("15m") },
              { notify: [{ kind: "person", person: "ben" }, { kind: "person", person: "ana" }], escalateAfter: dur("90s") },
              { notify: [{ kind: "person", person: "ana" }], escalateAfter: dur("1h") },
            ],
          }),
        ],
      },
    });
    const policy = one(model, PD_ESCALATION_POLICY, "oncall");
    expect(policy.parent).toBe("oncall");
    expect(inputsOf(policy).numLoops).toBe(2);
    expect(inputsOf(policy).rules).toEqual([
      { escalationDelayInMinutes: 15, targets: [{ type: "schedule_reference", id: ref("primary", PD_SCHEDULE, "id") }] },
      {
        escalationDelayInMinutes: 2,
        targets: [
          { type: "user_reference", id: ref("ben", PD_USER_LOOKUP, "id") },
          { type: "user_reference", id: ref("ana", PD_USER_LOOKUP, "id") },
        ],
      },
      { escalationDelayInMinutes: 60, targets: [{ type: "user_reference", id: ref("ana", PD_USER_LOOKUP, "id") }] },
    ]);
  });
});

describe("PagerDuty services", () => {
  test.each([
    ["paging on: severity-based urgency, so critical (page) is high and warning/info are low", true, { type: "constant", urgency: "severity_based" }],
    ["paging off: constant low urgency, so nothing wakes anyone", false, { type: "constant", urgency: "low" }],
  ])("%s", (_name, paging, rule) => {
    expect(one(makeModel({ paging }), PD_SERVICE, "api").inputs.incidentUrgencyRule).toEqual(rule);
  });

  test("a service uses the escalation routed from page, with timeouts and alert creation for Events v2", () => {
    const s = one(makeModel(), PD_SERVICE, "api");
    expect(s.parent).toBe("api");
    expect(s.inputs).toMatchObject({
      name: "API (prod)",
      escalationPolicy: ref("oncall", PD_ESCALATION_POLICY, "id"),
      alertCreation: "create_alerts_and_incidents",
      autoResolveTimeout: "14400",
      acknowledgementTimeout: "1800",
    });
  });

  test.each([
    ["page routes to no escalation: ticket's escalation is used", [], [{ kind: "escalation" as const, escalation: "tickets" }], "tickets"],
    ["page and ticket route to escalations: page's wins", [{ kind: "escalation" as const, escalation: "oncall" }], [{ kind: "escalation" as const, escalation: "tickets" }], "oncall"],
  ])("%s", (_name, page, ticket, expected) => {
    const base = makeModel();
    const model = makeModel({
      routing: { ...base.routing, page: { severity: "page", targets: page }, ticket: { severity: "ticket", targets: ticket } },
      oncall: { ...base.oncall, escalations: [makeEscalation(), makeEscalation({ id: "tickets" })] },
    });
    expect(one(model, PD_SERVICE, "api").inputs.escalationPolicy).toEqual(ref(expected, PD_ESCALATION_POLICY, "id"));
  });

  test("no severity routes to an escalation: no PagerDuty services or integrations", () => {
    const base = makeModel();
    const model = makeModel({ routing: { ...base.routing, page: { severity: "page", targets: [{ kind: "slack", channel: "#alerts" }] } } });
    const types = render(model, settings).resources.map((r) => r.type);
    expect(types).not.toContain(PD_SERVICE);
    expect(types).not.toContain(PD_SERVICE_INTEGRATION);
  });

  test.each<[string, Backend[], string[]]>([
    ["grafana and datadog each get an Events v2 integration", ["grafana", "datadog", "pagerduty"], ["api/datadog", "api/grafana"]],
    ["only grafana enabled: only a grafana integration", ["grafana", "pagerduty"], ["api/grafana"]],
    ["no metrics backend: no integrations", ["pagerduty", "cloudflare"], []],
  ])("%s", (_name, backends, names) => {
    const integrations = render(makeModel({ backends }), settings).resources.filter((r) => r.type === PD_SERVICE_INTEGRATION);
    expect(integrations.map((r) => r.name).sort()).toEqual(names);
    for (const i of integrations) {
      expect(i.parent).toBe("api");
      expect(i.inputs.type).toBe("events_api_v2_inbound_integration");
      expect(i.inputs.service).toEqual(ref("api", PD_SERVICE, "id"));
      expect(i.inputs).not.toHaveProperty("vendor");
    }
  });
});

describe("PagerDuty safety", () => {
  test.each([
    [true, true],
    [false, undefined],
  ])("with paging %s, schedules, escalation policies and services are protected: %s", (paging, protect) => {
    const plan = render(makeModel({ paging }), settings);
    for (const type of [PD_SCHEDULE, PD_ESCALATION_POLICY, PD_SERVICE]) {
      const rs = plan.resources.filter((r) => r.type === type);
      expect(rs.length).toBeGreaterThan(0);
      for (const r of rs) expect(r.protect).toBe(protect);
    }
    for (const r of plan.resources.filter((x) => x.type === PD_SERVICE_INTEGRATION)) expect(r.protect).toBeUndefined();
  });

  test("renamed ids become aliases of the old logical names", () => {
    const base = makeModel();
    const model = makeModel({
      services: [makeService({ id: "api", previously: ["web"] })],
      oncall: { ...base.oncall, schedules: [makeSchedule({ previously: ["first"] })], escalations: [makeEscalation({ previously: ["pager", "alpha"] })] },
    });
    expect(one(model, PD_SERVICE, "api").aliases).toEqual(["web"]);
    expect(one(model, PD_SERVICE_INTEGRATION, "api/grafana").aliases).toEqual(["web/grafana"]);
    expect(one(model, PD_SCHEDULE, "primary").aliases).toEqual(["first"]);
    expect(one(model, PD_ESCALATION_POLICY, "oncall").aliases).toEqual(["alpha", "pager"]);
    expect(one(makeModel(), PD_SERVICE, "api").aliases).toBeUndefined();
  });

  test("an environment without PagerDuty renders nothing", () => {
    expect(render(makeModel({ backends: ["grafana", "datadog"] }), settings)).toEqual({ components: [], lookups: [], resources: [] });
  });

  test("every resource hangs on a component the fragment declares", () => {
    const plan = render(makeModel({ services: [makeService({ id: "api" }), makeService({ id: "web" })] }), settings);
    const names = new Set(plan.components.map((c) => c.name));
    for (const r of plan.resources) expect(names.has(r.parent)).toBe(true);
    expect([...names].sort()).toEqual(["api", "oncall", "shop", "web"]);
  });
});
