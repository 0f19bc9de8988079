import fc from "fast-check";
import { onCallAt, shifts } from "../../oncall/rotation";
import { coverageGaps } from "../../oncall/coverageGaps";
import { dur, makeEscalation, makeModel, makeSchedule } from "../support/model";
import type { Schedule } from "../../specification/model";

const HOUR = 3_600_000;
const FOUR_WEEKS = 28 * 24 * HOUR;
// Zones with 1-hour, 30-minute (Lord Howe) and no daylight-saving changes, north and south.
const zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];

const schedule = fc
  .record({
    rotation: fc.constantFrom("daily" as const, "weekly" as const),
    weekday: fc.integer({ min: 0, max: 6 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 30, 45),
    members: fc.uniqueArray(fc.constantFrom("ana", "ben", "chen", "dana", "eve"), { minLength: 1, maxLength: 5 }),
    timezone: fc.constantFrom(...zones),
  })
  .map(
    (s): Schedule =>
      makeSchedule({
        id: "s",
        rotation: s.rotation,
        shift: dur(s.rotation === "daily" ? "1d" : "7d"),
        handoff: { weekday: s.rotation === "weekly" ? s.weekday : undefined, hour: s.hour, minute: s.minute, text: "" },
        members: s.members,
        timezone: s.timezone,
        start: "2025-01-06",
      }),
  );
// Any instant from 2025-03 to 2027-03: spans every daylight-saving change of two years.
const spanStart = fc.integer({ min: Date.UTC(2025, 2, 1), max: Date.UTC(2027, 2, 1) });

describe("rotation properties", () => {
  test("for any instant in a four-week span, exactly one member of an around-the-clock schedule is on call", () => {
    fc.assert(
      fc.property(schedule, spanStart, fc.integer({ min: 0, max: FOUR_WEEKS - 1 }), (s, start, offset) => {
        const at = new Date(start + offset);
        const person = onCallAt(s, at);
        expect(s.members).toContain(person);
        const covering = shifts(s, new Date(start), new Date(start + FOUR_WEEKS)).filter((x) => x.from <= at && at < x.to);
        expect(covering.map((x) => x.person)).toEqual([person]);
      }),
      { numRuns: 150 },
    );
  });

  test("shifts of an around-the-clock schedule tile the range with no gap, no overlap and hour-scale DST changes only", () => {
    fc.assert(
      fc.property(schedule, spanStart, (s, start) => {
        const list = shifts(s, new Date(start), new Date(start + FOUR_WEEKS));
        expect(list[0].from.getTime()).toBe(start);
        expect(list[list.length - 1].to.getTime()).toBe(start + FOUR_WEEKS);
        for (let i = 1; i < list.length; i++) {
          expect(list[i].from.getTime()).toBe(list[i - 1].to.getTime());
          expect(list[i].person).not.toBe(list[i - 1].person);
        }
        const turn = s.rotation === "daily" ? 24 * HOUR : 168 * HOUR;
        for (const x of list.slice(1, -1)) {
          const length = x.to.getTime() - x.from.getTime();
          if (s.members.length > 1) expect(Math.abs(length - turn)).toBeLessThanOrEqual(HOUR);
        }
        expect(coverageGaps(makeModel({ oncall: { timezone: "UTC", people: [], schedules: [{ ...s, id: "primary" }], escalations: [makeEscalation({ levels: [{ notify: [{ kind: "schedule", schedule: "primary" }], escalateAfter: dur("5m") }] })] } }), new Date(start), new Date(start + FOUR_WEEKS))[0].hours).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  test("with coverage hours, someone is on call exactly when an instant falls in a shift", () => {
    fc.assert(
      fc.property(
        schedule,
        spanStart,
        fc.integer({ min: 0, max: FOUR_WEEKS - 1 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 1, max: 24 }),
        (s, start, offset, days, fromHour, toHour) => {
          const withHours: Schedule = { ...s, coverage: { days: [...days].sort(), from: { hour: fromHour, minute: 0 }, to: { hour: toHour, minute: 0 } } };
          const at = new Date(start + offset);
          const inShift = shifts(withHours, new Date(start), new Date(start + FOUR_WEEKS)).find((x) => x.from <= at && at < x.to);
          expect(onCallAt(withHours, at)).toBe(inShift?.person);
        },
      ),
      { numRuns: 150 },
    );
  });
});
