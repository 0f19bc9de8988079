import { whoCanBeWoken } from "../../oncall/reach";
import { dur, makeEscalation, makeModel, makePerson, makeSchedule } from "../support/model";
import type { Model, Severity } from "../../specification/model";

const model: Model = makeModel({
  routing: {
    page: { severity: "page", targets: [{ kind: "escalation", escalation: "oncall" }] },
    ticket: { severity: "ticket", targets: [{ kind: "slack", channel: "#alerts" }, { kind: "escalation", escalation: "daytime" }] },
    info: { severity: "info", targets: [{ kind: "email", address: "team@example.test" }] },
  },
  oncall: {
    timezone: "America/New_York",
    people: ["ana", "ben", "chen", "dana", "eve"].map((id) => makePerson(id)),
    schedules: [makeSchedule({ id: "primary", members: ["chen", "ana"] }), makeSchedule({ id: "day", members: ["eve"] })],
    escalations: [
      makeEscalation({
        id: "oncall",
        levels: [
          { notify: [{ kind: "schedule", schedule: "primary" }], escalateAfter: dur("15m") },
          { notify: [{ kind: "person", person: "dana" }], escalateAfter: dur("30m") },
        ],
      }),
      makeEscalation({ id: "daytime", levels: [{ notify: [{ kind: "schedule", schedule: "day" }], escalateAfter: dur("30m") }] }),
    ],
  },
});

describe("who can be woken by a severity", () => {
  test.each<[Severity, string[]]>([
    ["page", ["ana", "chen", "dana"]],
    ["ticket", ["eve"]],
    ["info", []],
  ])("%s reaches %j", (severity, people) => {
    expect(whoCanBeWoken(model, severity)).toEqual(people);
  });

  test("nobody when the route's escalation has no levels", () => {
    const empty = { ...model, oncall: { ...model.oncall, escalations: [makeEscalation({ id: "oncall", levels: [] })] } };
    expect(whoCanBeWoken(empty, "page")).toEqual([]);
  });
});
