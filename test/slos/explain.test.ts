import { explainSlos, explainText } from "../../slos/explain";
import { exampleModel } from "../support/example";

describe("readiness explain", () => {
  const prod = explainSlos(exampleModel("prod"));
  const availability = prod.find((e) => e.service === "billing-api" && e.slo === "availability");

  it("gives a 99.9% 30d SLO a budget of 43.2 minutes of total outage", () => {
    expect(availability?.budgetMinutes).toBeCloseTo(43.2, 6);
  });

  it.each([
    // 14.4 x 0.1% = 1.44% of the 1h window (51.84s); 6 x 0.1% of 6h (129.6s); the default table has no `for`.
    ["page-fast", 51.84, 2],
    ["page-slow", 129.6, 5],
  ])("the %s alert fires after about %ss at 100% errors and spends %s%% of the budget first", (id, seconds, percent) => {
    const a = availability?.alerts.find((x) => x.id === id);
    expect(a?.detectAtTotalOutage).toBeCloseTo(seconds, -1);
    expect((a?.budgetConsumed ?? 0) * 100).toBeCloseTo(percent, 6);
  });

  it("says a fast-burn alert at its own factor waits for its whole long window", () => {
    const fast = availability?.alerts.find((x) => x.id === "page-fast");
    expect(fast?.detectAtOwnFactor).toBeCloseTo(3600, -1);
  });

  it("tells staging readers that paging is off and nothing pages", () => {
    const text = explainText(exampleModel("staging"));
    expect(text).toContain("paging off");
    expect(text).not.toMatch(/ page +\d/);
    expect(text).toContain("billing-api/availability: 99.9% over 30d, budget 43m 12s");
  });

  it("speaks of slow requests for a latency SLO and of errors for a ratio one", () => {
    const text = explainText(exampleModel("prod"));
    const latency = text.split("\n\n").find((b) => b.startsWith("billing-api/latency:"))!;
    expect(latency).toMatch(/budget .* of every request slow per 30d/);
    expect(latency).toMatch(/fires after .* at 100% slow requests \(over \d+m?s\)/);
    expect(latency).not.toContain("errors");
    const availability = text.split("\n\n").find((b) => b.startsWith("billing-api/availability:"))!;
    expect(availability).toContain("at 100% errors");
  });
});
