import { coverageGaps } from "../../oncall/coverageGaps";
import { whoCanBeWoken } from "../../oncall/reach";
import { onCallAt, shifts } from "../../oncall/rotation";
import { exampleModel } from "../support/example";

const from = new Date("2026-10-19T04:00:00Z");
const to = new Date(from.getTime() + 28 * 86_400_000);

describe("on-call of the example spec", () => {
  const prod = exampleModel("prod");
  const primary = prod.oncall.schedules.find((s) => s.id === "billing-primary")!;
  const secondary = prod.oncall.schedules.find((s) => s.id === "billing-secondary")!;

  test("the primary and secondary are never the same person", () => {
    for (const s of shifts(primary, from, to)) {
      const mid = new Date((s.from.getTime() + s.to.getTime()) / 2);
      expect(onCallAt(secondary, mid)).not.toBe(s.person);
    }
  });

  test("the handoff after fall-back is at 09:00 EST, not 09:00 EDT", () => {
    expect(onCallAt(primary, new Date("2026-11-02T13:30:00Z"))).toBe("ben");
    expect(onCallAt(primary, new Date("2026-11-02T14:00:00Z"))).toBe("chen");
  });

  test("in prod the four weeks ahead have no coverage gap", () => {
    expect(coverageGaps(prod, from, to).map((e) => [e.escalation, e.hours])).toEqual([["billing-oncall", 0]]);
  });

  test("a page can wake all four people in prod; staging has nothing that pages", () => {
    expect(whoCanBeWoken(prod, "page")).toEqual(["ana", "ben", "chen", "dana"]);
    expect(coverageGaps(exampleModel("staging"), from, to)).toEqual([]);
  });
});
