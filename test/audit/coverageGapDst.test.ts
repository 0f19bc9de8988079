import { audit } from "../../audit";
import type { Model } from "../../specification/model";
import { dur, makeEscalation, makeModel, makeSchedule } from "../support/model";

// New York covers 09:00-17:00 local; a UTC schedule covers 22:00-14:00 UTC. In winter (EST, UTC-5)
// New York is 14:00-22:00 UTC and together they cover every hour. From the spring-forward on
// Sunday 2026-03-08, New York's 17:00 is 21:00 UTC, which leaves 21:00-22:00 UTC uncovered daily.
const everyDay = [0, 1, 2, 3, 4, 5, 6];
const model: Model = makeModel({
  backends: ["grafana", "pagerduty"],
  oncall: {
    timezone: "America/New_York",
    people: makeModel().oncall.people,
    schedules: [
      makeSchedule({ id: "new-york", coverage: { days: everyDay, from: { hour: 9, minute: 0 }, to: { hour: 17, minute: 0 } } }),
      makeSchedule({ id: "utc-nights", timezone: "UTC", coverage: { days: everyDay, from: { hour: 22, minute: 0 }, to: { hour: 14, minute: 0 } } }),
    ],
    escalations: [
      makeEscalation({
        levels: [
          { notify: [{ kind: "schedule", schedule: "new-york" }], escalateAfter: dur("15m") },
          { notify: [{ kind: "schedule", schedule: "utc-nights" }], escalateAfter: dur("15m") },
        ],
      }),
    ],
  },
});

const gapFindings = (now: string) => audit(model, { now: new Date(now), rules: ["oncall-coverage-gap"] }).findings;

test("four winter weeks with New York on standard time have no coverage gap", () => {
  expect(gapFindings("2026-01-05T00:00:00Z")).toEqual([]);
});

test("the four weeks across the spring-forward find one uncovered hour a day from the change on", () => {
  const [f, ...rest] = gapFindings("2026-02-23T00:00:00Z");
  expect(rest).toEqual([]);
  expect(f.rule).toBe("oncall-coverage-gap");
  expect(f.level).toBe("error");
  // Sunday 8 March to Sunday 22 March inclusive: 15 evenings before the window ends on 23 March.
  expect(f.message).toContain("reach nobody for 15 hours");
  expect(f.message).toContain("15 gaps");
  expect(f.message).toContain("first 2026-03-08T21:00Z to 2026-03-08T22:00Z");
  expect(f.path).toBe("oncall.escalations[0]");
});
