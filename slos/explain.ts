/** `readiness explain`: what each SLO's budget and burn-rate alerts mean, in minutes a human can weigh. */
import type { Model } from "../specification/model";
import { humanize } from "../specification/duration";
import { budgetConsumed, detectionSeconds } from "./burnRate";

/** One burn-rate alert explained. */
export interface BurnRateExplanation {
  id: string;
  severity: string;
  window: string;
  factor: number;
  /** Seconds until it fires when every request is bad (errors, or slow for a latency SLO); undefined when it never can. */
  detectAtTotalOutage?: number;
  /** Seconds until it fires when errors run at exactly its own factor x the budget. */
  detectAtOwnFactor?: number;
  /** Share of the window's budget spent when it fires. */
  budgetConsumed: number;
}

/** One SLO explained. */
export interface SloExplanation {
  service: string;
  slo: string;
  objective: number;
  window: string;
  /** Minutes of total outage the budget allows per window. */
  budgetMinutes: number;
  /** What the SLO counts as bad, in words: `errors`, or `slow requests (over 300ms)` for a latency SLO. */
  bad: string;
  alerts: BurnRateExplanation[];
}

/** Budget and detection figures for every SLO of an environment. */
export function explainSlos(model: Model): SloExplanation[] {
  return model.services.flatMap((service) =>
    service.slos.map((slo) => ({
      service: service.id,
      slo: slo.id,
      objective: slo.objective,
      window: slo.window.text,
      budgetMinutes: (slo.errorBudget * slo.window.seconds) / 60,
      bad: slo.sli.kind === "latency" ? `slow requests (over ${slo.sli.threshold.text})` : "errors",
      alerts: slo.alerts.map((a) => ({
        id: a.id,
        severity: a.severity,
        window: a.windowLabel,
        factor: a.factor,
        detectAtTotalOutage: detectionSeconds(a, slo.errorBudget, 1),
        // Just above the factor: at exactly the factor the windows only touch the threshold.
        detectAtOwnFactor: detectionSeconds(a, slo.errorBudget, Math.min(1, a.factor * slo.errorBudget * 1.0001)),
        budgetConsumed: budgetConsumed(a, slo.window),
      })),
    })),
  );
}

const time = (s: number | undefined) => (s === undefined ? "never" : humanize(s));

/** The explanation as plain text. */
export function explainText(model: Model): string {
  const lines: string[] = [`SLOs in ${model.environment}${model.paging ? "" : " (paging off: pages become tickets)"}`];
  for (const e of explainSlos(model)) {
    const whole = e.bad === "errors" ? "total outage" : "every request slow";
    lines.push("", `${e.service}/${e.slo}: ${e.objective}% over ${e.window}, budget ${humanize(e.budgetMinutes * 60)} of ${whole} per ${e.window}`);
    for (const a of e.alerts) {
      lines.push(
        `  ${a.id.padEnd(12)} ${a.severity.padEnd(6)} ${a.window.padEnd(7)} ${String(a.factor).padStart(5)}x  fires after ${time(a.detectAtTotalOutage)} at 100% ${e.bad}, ${time(a.detectAtOwnFactor)} at ${a.factor}x; ${Number((a.budgetConsumed * 100).toPrecision(3))}% of budget spent`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
