import { onCallTable } from "../../diff/onCallTable";
import { makeSchedule } from "../support/model";

// Weekly, Monday 09:00 New York, first handoff 2025-01-06: turn 61 starts 2026-03-09, 62 on 03-16, 63 on 03-23.
const twoPeople = makeSchedule({ members: ["ana", "ben"] });
const threePeople = makeSchedule({ members: ["ana", "ben", "chen"] });

describe("the two-week on-call table", () => {
  test("adding one member reshuffles every later week, shift by shift", () => {
    expect(onCallTable(twoPeople, threePeople, "2026-03-16")?.rows).toEqual([
      { from: "2026-03-16T00:00:00-04:00", to: "2026-03-16T09:00:00-04:00", before: "ben", after: "ben" },
      { from: "2026-03-16T09:00:00-04:00", to: "2026-03-23T09:00:00-04:00", before: "ana", after: "chen" },
      { from: "2026-03-23T09:00:00-04:00", to: "2026-03-30T00:00:00-04:00", before: "ben", after: "ana" },
    ]);
  });

  test("an unchanged rotation has no table", () => {
    expect(onCallTable(twoPeople, makeSchedule({ members: ["ana", "ben"] }), "2026-03-16")).toBeUndefined();
  });

  test("a new schedule shows nobody before", () => {
    const t = onCallTable(undefined, twoPeople, "2026-03-16", 7);
    expect(t?.rows.map((r) => [r.before, r.after])).toEqual([
      [undefined, "ben"],
      [undefined, "ana"],
    ]);
  });

  test("the table starts at local midnight of the given day across a daylight-saving change", () => {
    const t = onCallTable(twoPeople, threePeople, "2026-03-02");
    expect(t?.rows[0].from).toBe("2026-03-02T00:00:00-05:00");
    expect(t?.rows[t.rows.length - 1].to).toBe("2026-03-16T00:00:00-04:00");
  });
});
