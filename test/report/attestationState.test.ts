import { attestationStatus } from "../../report/attestationState";
import { dur } from "../support/model";

describe("an attestation's state on the report day", () => {
  const ninety = { by: "ana@acme.test", at: "2026-11-02", expires: dur("90d") };

  test.each([
    ["the day it was attested", "2026-11-02", "passed", 89],
    ["the day before the attestation", "2026-11-01", "not-yet-valid", undefined],
    ["the last valid day (attested day + 89)", "2027-01-30", "passed", 0],
    ["the expiry day itself (attested day + 90)", "2027-01-31", "expired", undefined],
    ["a year later", "2027-11-02", "expired", undefined],
  ])("a 90-day attestation from 2026-11-02, on %s (%s), reads %s", (_what, today, state, daysLeft) => {
    const status = attestationStatus(ninety, today);
    expect(status.state).toBe(state);
    expect(status.validThrough).toBe("2027-01-30");
    expect(status.daysLeft).toBe(daysLeft);
  });

  test("a one-day attestation is valid on its own day only", () => {
    const oneDay = { by: "a@b.test", at: "2026-03-01", expires: dur("1d") };
    expect(attestationStatus(oneDay, "2026-03-01").state).toBe("passed");
    expect(attestationStatus(oneDay, "2026-03-02").state).toBe("expired");
  });

  test("a period that is not whole days covers the partial day", () => {
    const status = attestationStatus({ by: "a@b.test", at: "2026-03-01", expires: dur("36h") }, "2026-03-02");
    expect(status).toMatchObject({ state: "passed", validThrough: "2026-03-02" });
  });

  test("validity counts calendar days across a leap day", () => {
    const status = attestationStatus({ by: "a@b.test", at: "2028-02-28", expires: dur("2d") }, "2028-03-01");
    expect(status).toMatchObject({ state: "expired", validThrough: "2028-02-29" });
  });

  test("an attestation without expires never expires", () => {
    const status = attestationStatus({ by: "a@b.test", at: "2020-01-01" }, "2036-01-01");
    expect(status).toMatchObject({ state: "passed", validThrough: undefined, daysLeft: undefined });
  });

  test("an attestation dated after the report day is not yet valid, even without expiry", () => {
    expect(attestationStatus({ by: "a@b.test", at: "2026-12-01" }, "2026-11-30").state).toBe("not-yet-valid");
  });

  test("a sign-off nobody attested reads never", () => {
    expect(attestationStatus(undefined, "2026-11-23")).toEqual({ state: "never" });
  });

  test("a report day that is not a date is refused", () => {
    expect(() => attestationStatus(undefined, "2026-02-30")).toThrow(/not a YYYY-MM-DD date/);
  });
});
