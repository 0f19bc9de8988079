/**
 * The low-traffic guard and the severity of absence alerts, as a user sees them in the spec, the
 * rendered rules (Prometheus and Grafana), `readiness explain` and validation errors. What the
 * guard does to real evaluation is proven under promtool in test/rules/firstFire.test.ts.
 */
import fc from "fast-check";
import { minEventsFor } from "../../slos/burnRate";
import { explainText } from "../../slos/explain";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import type { Model } from "../../specification/model";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule } from "../../rules/rule";
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import { exampleText } from "../support/example";

function models(text: string): Record<string, Model> {
  const r = loadModels(text, "readiness.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return r.models;
}

/** The example with `extra` lines added to the webhooks service's `delivery` SLO or to the service. */
function withDelivery(extra: string): string {
  return exampleText().replace("      - id: delivery\n        objective: 99.5\n", `      - id: delivery\n        objective: 99.5\n${extra}`);
}

function alert(model: Model, name: string) {
  const rule = prometheusRuleGroups(model).flatMap((g) => g.rules).find((r) => isAlertRule(r) && r.alert === name);
  if (!rule || !isAlertRule(rule)) throw new Error(`no alert ${name}`);
  return rule;
}

describe("minimum events of a burn-rate pair", () => {
  it.each([
    [14.4, 0.001, 70],
    [6, 0.001, 167],
    [2.3, 0.001, 435],
    [1, 0.001, 1000],
    [14.4, 0.01, 7],
  ])("%sx on a budget of %s needs %s events", (factor, budget, expected) => {
    expect(minEventsFor(factor, budget)).toBe(expected);
  });

  it("is the fewest events at which one failure cannot exceed the threshold", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(14.4, 6, 3, 2.3, 2, 1, 0.5), (tenths, factor) => {
        const budget = Number((tenths / 1e5).toPrecision(12)); // objectives 90% .. 99.999%
        const threshold = factor * budget;
        const n = minEventsFor(factor, budget);
        if (threshold >= 1) return n === 1;
        return 1 / n <= threshold && (n === 1 || 1 / (n - 1) > threshold);
      }),
    );
  });
});

describe("the guard in the rules", () => {
  const prod = models(exampleText()).prod;

  it("guards each page pair of a 99.9% SLO by its short window's event count, 70 in 5m and 167 in 30m", () => {
    const expr = alert(prod, "BillingApiAvailabilityBurnRatePage").expr;
    expect(expr).toContain('and on() sum(rate(http_requests_total{service="billing-api"}[5m])) * 300 >= 70');
    expect(expr).toContain('and on() sum(rate(http_requests_total{service="billing-api"}[30m])) * 1800 >= 167');
  });

  it("takes the SLO's own minEvents for every pair, and minEvents: 0 turns the guard off", () => {
    const twenty = models(withDelivery("        minEvents: 20\n")).prod;
    const page = alert(twenty, "WebhooksDeliveryBurnRatePage").expr;
    expect(page.match(/>= 20\b/g)).toHaveLength(2);
    const off = models(withDelivery("        minEvents: 0\n")).prod;
    expect(alert(off, "WebhooksDeliveryBurnRatePage").expr).not.toContain(">=");
    expect(alert(off, "WebhooksDeliveryBurnRateTicket").expr).not.toContain(">=");
  });

  it("refuses a negative or fractional minEvents with the spec location", () => {
    for (const bad of ["-1", "2.5"]) {
      const r = loadModels(withDelivery(`        minEvents: ${bad}\n`), "readiness.yaml");
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.diagnostics.map(formatDiagnostic).join("\n")).toMatch(/readiness\.yaml:\d+:\d+ .*services\[2\]\.slos\[0\]\.minEvents/);
    }
  });

  it("reaches Grafana's rule query unchanged", () => {
    const plan = renderPlan(prod, settingsFromConfig((k) => ({ "readiness:grafanaDatasourceUid": "prom" })[k as "readiness:grafanaDatasourceUid"]));
    const groups = JSON.stringify(plan.resources.filter((r) => r.type === "grafana:alerting/ruleGroup:RuleGroup").map((r) => r.inputs));
    expect(groups).toContain("[5m])) * 300 >= 70");
  });

  it("is stated by readiness explain, per pair", () => {
    const text = explainText(prod);
    expect(text).toMatch(/billing-api\/availability[^]*page-fast .* needs 70 events in 5m \(14\/min\) so one failure cannot fire it/);
    expect(explainText(models(withDelivery("        minEvents: 0\n")).prod)).toMatch(/webhooks\/delivery[^]*page-fast .* no low-traffic guard/);
  });
});

describe("absence alerts as urgent as what they stand in for", () => {
  const absent = (m: Model) => alert(m, "WebhooksDeliverySloMetricAbsent").labels.severity;

  it("page for a standard-tier service whose burn alerts page", () => {
    expect(alert(models(exampleText()).prod, "WebhooksDeliveryBurnRatePage").labels.severity).toBe("page");
    expect(absent(models(exampleText()).prod)).toBe("page");
  });

  it("still capped by a declared absenceSeverity, and never a page where paging is off", () => {
    const capped = exampleText().replace("    tier: standard\n", "    tier: standard\n    absenceSeverity: ticket\n");
    expect(absent(models(capped).prod)).toBe("ticket");
    expect(absent(models(exampleText()).staging)).toBe("ticket");
  });

  it("a check's probe results going missing tickets like the check itself does", () => {
    expect(alert(models(exampleText()).prod, "WebhooksHealthCheckResultsAbsent").labels.severity).toBe("ticket");
  });
});
