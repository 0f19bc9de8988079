import { coverageGaps } from "../../oncall/coverageGaps";
import { dur, makeEscalation, makeModel, makePerson, makeSchedule } from "../support/model";
import type { EscalationLevel, Model, Schedule } from "../../specification/model";

const d = (iso: string) => new Date(iso);
const level = (...notify: EscalationLevel["notify"]): EscalationLevel => ({ notify, escalateAfter: dur("15m") });
const sched = (id: string) => ({ kind: "schedule" as const, schedule: id });

const aroundTheClock = makeSchedule({ id: "secondary", members: ["ana", "ben"] });
const businessHours: Schedule = makeSchedule({
  id: "primary",
  members: ["ana", "ben"],
  coverage: { days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 17, minute: 0 } },
});

function modelWith(schedules: Schedule[], levels: EscalationLevel[], over: Partial<Model> = {}): Model {
  return makeModel({
    oncall: { timezone: "America/New_York", people: [makePerson("ana"), makePerson("ben")], schedules, escalations: [makeEscalation({ id: "oncall", levels })] },
    ...over,
  });
}

// Two weeks in New York from Monday 00:00 EST to Monday 00:00 EDT: 335 hours, spring-forward eats one.
const from = d("2026-03-02T05:00:00Z");
const to = d("2026-03-16T04:00:00Z");

describe("on-call coverage gaps", () => {
  test("a business-hours schedule leaves nights and weekends uncovered, measured in real hours across spring-forward", () => {
    const [oncall] = coverageGaps(modelWith([businessHours], [level(sched("primary"))]), from, to);
    expect(oncall.escalation).toBe("oncall");
    expect(oncall.hours).toBe(335 - 10 * 8);
    const weekend = oncall.gaps.find((g) => g.from.toISOString() === "2026-03-06T22:00:00.000Z");
    expect(weekend?.to.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    expect(weekend?.hours).toBe(63);
    expect(oncall.schedules).toEqual([{ schedule: "primary", gaps: oncall.gaps.map((g) => ({ ...g, reason: "outside-coverage" })), hours: 255 }]);
  });

  test("an around-the-clock schedule at another level covers the business-hours schedule's gaps", () => {
    const [oncall] = coverageGaps(modelWith([aroundTheClock, businessHours], [level(sched("primary")), level(sched("secondary"))]), from, to);
    expect(oncall.gaps).toEqual([]);
    expect(oncall.hours).toBe(0);
    expect(oncall.schedules.map((s) => [s.schedule, s.hours])).toEqual([
      ["primary", 255],
      ["secondary", 0],
    ]);
  });

  test("a person target covers every gap of the escalation's schedules", () => {
    const [oncall] = coverageGaps(modelWith([businessHours], [level(sched("primary")), level({ kind: "person", person: "ben" })]), from, to);
    expect(oncall.coveredByPerson).toBe(true);
    expect(oncall.gaps).toEqual([]);
    expect(oncall.schedules[0].hours).toBe(255);
  });

  test("a schedule with no members is a gap over the whole range", () => {
    const [oncall] = coverageGaps(modelWith([{ ...aroundTheClock, members: [] }], [level(sched("secondary"))]), from, to);
    expect(oncall.hours).toBe(335);
    expect(oncall.schedules[0].gaps.map((g) => g.reason)).toEqual(["no-members"]);
  });

  test("a schedule whose first handoff is in the future is a gap until it starts", () => {
    const later = { ...aroundTheClock, start: "2026-03-09" };
    const [oncall] = coverageGaps(modelWith([later], [level(sched("secondary"))]), from, to);
    expect(oncall.gaps.map((g) => [g.from.toISOString(), g.to.toISOString()])).toEqual([["2026-03-02T05:00:00.000Z", "2026-03-09T13:00:00.000Z"]]);
    expect(oncall.schedules[0].gaps[0].reason).toBe("before-start");
  });

  test("a gap that runs from before the start into coverage hours is split by reason", () => {
    const later = { ...businessHours, start: "2026-03-09" };
    const [oncall] = coverageGaps(modelWith([later], [level(sched("primary"))]), from, to);
    const reasons = oncall.schedules[0].gaps.slice(0, 2).map((g) => [g.reason, g.from.toISOString(), g.to.toISOString()]);
    expect(reasons).toEqual([
      ["before-start", "2026-03-02T05:00:00.000Z", "2026-03-09T13:00:00.000Z"],
      ["outside-coverage", "2026-03-09T21:00:00.000Z", "2026-03-10T13:00:00.000Z"],
    ]);
  });

  test("an escalation whose only schedule the model does not have covers nothing", () => {
    const [oncall] = coverageGaps(modelWith([], [level(sched("ghost"))]), from, to);
    expect(oncall.hours).toBe(335);
  });

  test("only escalations routed from page are checked", () => {
    const model = modelWith([businessHours], [level(sched("primary"))]);
    const ticketOnly = { ...model, routing: { ...model.routing, page: { severity: "page" as const, targets: [] }, ticket: { severity: "ticket" as const, targets: [{ kind: "escalation" as const, escalation: "oncall" }] } } };
    expect(coverageGaps(ticketOnly, from, to)).toEqual([]);
  });

  test("where paging is off nothing pages, so nothing has a gap", () => {
    expect(coverageGaps(modelWith([businessHours], [level(sched("primary"))], { paging: false }), from, to)).toEqual([]);
  });
});
