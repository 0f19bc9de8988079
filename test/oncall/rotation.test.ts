import { firstHandoff, onCallAt, shifts } from "../../oncall/rotation";
import { dur, makeSchedule } from "../support/model";
import type { Schedule } from "../../specification/model";

const d = (iso: string) => new Date(iso);
const hours = (s: { from: Date; to: Date }) => (s.to.getTime() - s.from.getTime()) / 3_600_000;
const iso = (s: { person: string; from: Date; to: Date }) => ({ person: s.person, from: s.from.toISOString(), to: s.to.toISOString() });

const weeklyNY = makeSchedule({ id: "primary", members: ["ana", "ben", "chen"], timezone: "America/New_York", start: "2025-01-06" });
const dailyBerlin = makeSchedule({
  id: "eu",
  rotation: "daily",
  shift: dur("1d"),
  handoff: { hour: 9, minute: 0, text: "09:00" },
  members: ["ana", "ben"],
  timezone: "Europe/Berlin",
  start: "2026-01-01",
});
const businessHours: Schedule = { ...weeklyNY, coverage: { days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 17, minute: 0 } } };

describe("who is on call", () => {
  test.each([
    ["the first member from the first handoff", weeklyNY, "2025-01-06T15:00:00Z", "ana"],
    ["nobody before the first handoff", weeklyNY, "2025-01-06T13:59:00Z", undefined],
    ["the first member until the next handoff", weeklyNY, "2025-01-13T13:59:00Z", "ana"],
    ["the second member from the second handoff", weeklyNY, "2025-01-13T14:00:00Z", "ben"],
    ["the third member in the third week", weeklyNY, "2025-01-20T14:00:00Z", "chen"],
    ["the first member again in the fourth week", weeklyNY, "2025-01-27T14:00:00Z", "ana"],
    ["the outgoing person at 08:59 EDT on the Monday after spring-forward", weeklyNY, "2026-03-09T12:59:00Z", "ana"],
    ["the incoming person at 09:30 EDT on the Monday after spring-forward", weeklyNY, "2026-03-09T13:30:00Z", "ben"],
    ["the outgoing person at 08:30 EST on the Monday after fall-back", weeklyNY, "2026-11-02T13:30:00Z", "ben"],
    ["the incoming person at 09:00 EST on the Monday after fall-back", weeklyNY, "2026-11-02T14:00:00Z", "chen"],
    ["in Berlin, the day's person (turn 87 from 2026-01-01) from 09:00 CEST", dailyBerlin, "2026-03-29T07:00:00Z", "ben"],
    ["in Berlin, the previous day's person until 08:59 CEST", dailyBerlin, "2026-03-29T06:59:00Z", "ana"],
    ["during business hours, the rotation's person", businessHours, "2026-03-09T20:30:00Z", "ben"],
    ["after 17:00 EDT on a weekday, nobody", businessHours, "2026-03-09T21:30:00Z", undefined],
    ["on a Saturday, nobody", businessHours, "2026-03-07T17:00:00Z", undefined],
    ["with no members, nobody", { ...weeklyNY, members: [] }, "2026-03-09T15:00:00Z", undefined],
  ])("%s", (_name, schedule, at, person) => {
    expect(onCallAt(schedule, d(at))).toBe(person);
  });

  test.each([
    ["03:00, inside a 22:00-06:00 window", "2026-06-03T07:00:00Z", "ana"],
    ["23:00, inside a 22:00-06:00 window", "2026-06-03T03:00:00Z", "ana"],
    ["noon, outside a 22:00-06:00 window", "2026-06-03T16:00:00Z", undefined],
  ])("a night-time schedule at %s has %s on call", (_name, at, person) => {
    const nights: Schedule = { ...weeklyNY, members: ["ana"], coverage: { days: [0, 1, 2, 3, 4, 5, 6], from: { hour: 22, minute: 0 }, to: { hour: 6, minute: 0 } } };
    expect(onCallAt(nights, d(at))).toBe(person);
  });

  test("a start date that is not the handoff weekday moves the first handoff to that weekday", () => {
    expect(firstHandoff({ ...weeklyNY, start: "2025-01-08" }).toISOString()).toBe("2025-01-13T14:00:00.000Z");
    expect(onCallAt({ ...weeklyNY, start: "2025-01-08" }, d("2025-01-10T12:00:00Z"))).toBeUndefined();
  });
});

describe("shifts between two instants", () => {
  test.each([
    ["a weekly shift across New York's spring-forward lasts 167 hours", weeklyNY, "2026-03-02T14:00:00Z", 167],
    ["a weekly shift across New York's fall-back lasts 169 hours", weeklyNY, "2026-10-26T13:00:00Z", 169],
    ["a weekly shift in an ordinary week lasts 168 hours", weeklyNY, "2026-06-01T13:00:00Z", 168],
    ["a daily shift across Berlin's spring-forward lasts 23 hours", dailyBerlin, "2026-03-28T08:00:00Z", 23],
    ["a daily shift across Berlin's fall-back lasts 25 hours", dailyBerlin, "2026-10-24T07:00:00Z", 25],
  ])("%s", (_name, schedule, startIso, length) => {
    const all = shifts(schedule, d("2026-01-01T00:00:00Z"), d("2027-01-01T00:00:00Z"));
    const shift = all.find((s) => s.from.toISOString() === new Date(startIso).toISOString());
    expect(shift).toBeDefined();
    expect(hours(shift!)).toBe(length);
  });

  test("two weeks across fall-back list who is on call, clipped to the range", () => {
    const two = shifts(weeklyNY, d("2026-10-26T04:00:00Z"), d("2026-11-09T05:00:00Z"));
    expect(two.map(iso)).toEqual([
      { person: "ana", from: "2026-10-26T04:00:00.000Z", to: "2026-10-26T13:00:00.000Z" },
      { person: "ben", from: "2026-10-26T13:00:00.000Z", to: "2026-11-02T14:00:00.000Z" },
      { person: "chen", from: "2026-11-02T14:00:00.000Z", to: "2026-11-09T05:00:00.000Z" },
    ]);
    expect(two.every((s) => s.schedule === "primary")).toBe(true);
  });

  test("a business-hours schedule has one shift per weekday, 09:00-17:00 local on both sides of DST", () => {
    const week = shifts(businessHours, d("2026-03-06T00:00:00Z"), d("2026-03-10T00:00:00Z"));
    expect(week.map(iso)).toEqual([
      { person: "ana", from: "2026-03-06T14:00:00.000Z", to: "2026-03-06T22:00:00.000Z" },
      { person: "ben", from: "2026-03-09T13:00:00.000Z", to: "2026-03-09T21:00:00.000Z" },
    ]);
  });

  test("a one-person rotation is one unbroken shift", () => {
    const solo = shifts({ ...weeklyNY, members: ["dana"] }, d("2026-02-01T00:00:00Z"), d("2026-04-01T00:00:00Z"));
    expect(solo.map(iso)).toEqual([{ person: "dana", from: "2026-02-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" }]);
  });

  test("shifts start at the first handoff when the range begins before it", () => {
    const early = shifts(weeklyNY, d("2025-01-01T00:00:00Z"), d("2025-01-14T00:00:00Z"));
    expect(early.map(iso)).toEqual([
      { person: "ana", from: "2025-01-06T14:00:00.000Z", to: "2025-01-13T14:00:00.000Z" },
      { person: "ben", from: "2025-01-13T14:00:00.000Z", to: "2025-01-14T00:00:00.000Z" },
    ]);
  });

  test("an empty or reversed range has no shifts", () => {
    expect(shifts(weeklyNY, d("2026-03-02T00:00:00Z"), d("2026-03-02T00:00:00Z"))).toEqual([]);
    expect(shifts(weeklyNY, d("2026-03-03T00:00:00Z"), d("2026-03-02T00:00:00Z"))).toEqual([]);
  });
});
