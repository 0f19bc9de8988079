import { computeReport, strictExitCode } from "../../report/report";
import type { Signoff } from "../../specification/model";
import { exampleModel } from "../support/example";
import { dur, makeModel } from "../support/model";

const signoff = (id: string, gate: Signoff["gate"], attested?: Signoff["attested"]): Signoff => ({ id, title: `Title of ${id}`, gate, phase: "pre-launch", approvers: [], links: [], evidence: [], attested });

const model = makeModel({
  signoffs: [
    signoff("soft-done", "soft-gating", { by: "a@b.test", at: "2026-01-01" }),
    signoff("ga-30d", "ga-blocking", { by: "a@b.test", at: "2026-11-01", expires: dur("30d") }),
    signoff("ga-never", "ga-blocking"),
    signoff("market", "marketplace-blocking", { by: "a@b.test", at: "2026-12-01" }),
    signoff("ga-forever", "ga-blocking", { by: "a@b.test", at: "2026-06-01" }),
  ],
});

describe("the report's figures on a given day", () => {
  test.each([
    // ga-30d is valid 2026-11-01 through 2026-11-30; market is dated 2026-12-01.
    ["2026-10-31", { total: 5, signedOff: 2, gaBlockingOutstanding: 2, neverSignedOff: 1, expired: 0, notYetValid: 2, overdue: 0 }, 1],
    ["2026-11-30", { total: 5, signedOff: 3, gaBlockingOutstanding: 1, neverSignedOff: 1, expired: 0, notYetValid: 1, overdue: 0 }, 1],
    ["2026-12-01", { total: 5, signedOff: 3, gaBlockingOutstanding: 2, neverSignedOff: 1, expired: 1, notYetValid: 0, overdue: 0 }, 1],
  ])("on %s", (today, summary, exit) => {
    const report = computeReport(model, today);
    expect(report.summary).toEqual(summary);
    expect(strictExitCode(report)).toBe(exit);
  });

  test("--strict passes once every GA-blocking sign-off is signed off, whatever the others say", () => {
    const done = makeModel({ signoffs: [signoff("ga", "ga-blocking", { by: "a@b.test", at: "2026-01-01" }), signoff("soft", "soft-gating"), signoff("market", "marketplace-blocking")] });
    const report = computeReport(done, "2026-11-23");
    expect(report.summary.gaBlockingOutstanding).toBe(0);
    expect(strictExitCode(report)).toBe(0);
  });

  test("--strict fails the day a GA-blocking attestation expires", () => {
    const m = makeModel({ signoffs: [signoff("ga", "ga-blocking", { by: "a@b.test", at: "2026-01-01", expires: dur("10d") })] });
    expect(strictExitCode(computeReport(m, "2026-01-10"))).toBe(0);
    expect(strictExitCode(computeReport(m, "2026-01-11"))).toBe(1);
  });

  test("gates in one phase keep the order the spec lists them in, whatever their gate or id", () => {
    expect(computeReport(model, "2026-11-23").gates.map((g) => g.id)).toEqual(["soft-done", "ga-30d", "ga-never", "market", "ga-forever"]);
  });

  test("a spec without sign-offs has nothing outstanding", () => {
    const report = computeReport(makeModel(), "2026-11-23");
    expect(report.summary).toEqual({ total: 0, signedOff: 0, gaBlockingOutstanding: 0, neverSignedOff: 0, expired: 0, notYetValid: 0, overdue: 0 });
  });
});

describe("the example's launch report", () => {
  test.each([
    ["while the SLO sign-off is valid", "2026-11-23", { total: 7, signedOff: 1, gaBlockingOutstanding: 5, neverSignedOff: 6, expired: 0, notYetValid: 0, overdue: 0 }],
    ["on the SLO sign-off's last valid day", "2027-01-30", { total: 7, signedOff: 1, gaBlockingOutstanding: 5, neverSignedOff: 6, expired: 0, notYetValid: 0, overdue: 0 }],
    ["once the SLO sign-off has expired", "2027-01-31", { total: 7, signedOff: 0, gaBlockingOutstanding: 6, neverSignedOff: 6, expired: 1, notYetValid: 0, overdue: 0 }],
    ["before the SLO sign-off was made", "2026-11-01", { total: 7, signedOff: 0, gaBlockingOutstanding: 6, neverSignedOff: 6, expired: 0, notYetValid: 1, overdue: 0 }],
  ])("%s (%s)", (_what, today, summary) => {
    expect(computeReport(exampleModel("prod"), today).summary).toEqual(summary);
  });

  test("evidence is checked per environment: the status page holds in both, the health check pages only where paging is on", () => {
    for (const env of ["staging", "prod"] as const) {
      const gate = computeReport(exampleModel(env), "2026-11-23").gates.find((g) => g.id === "status-page");
      expect(gate?.evidence.map((e) => [e.ref, e.holds])).toEqual([
        ["statusPage", true],
        ["check:billing-api/health", env === "prod"],
      ]);
    }
  });

  test("in staging the health check is declared page but alerts as ticket, so it is not evidence of paging", () => {
    const gate = computeReport(exampleModel("staging"), "2026-11-23").gates.find((g) => g.id === "status-page");
    expect(gate?.evidence[1].reason).toBe("declared page but alerts as ticket because paging is off in staging");
  });
});
