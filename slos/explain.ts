/** `readiness explain`: what each SLO's budget and burn-rate alerts mean, in minutes a human can weigh. */
import type { Model, Slo } from "../specification/model";
import { CALENDAR_LENGTHS } from "../specification/calendar";
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
  /** Events its short window must hold before it can fire (low-traffic guard); 0 = no guard. */
  minEvents: number;
  /** The request rate per minute at which the short window holds exactly `minEvents`. */
  minEventsPerMinute: number;
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
  /** For a calendar SLO: the period, its time zone, and the budget in its shortest and longest period. */
  calendar?: { period: NonNullable<Slo["calendar"]>["period"]; timezone: string; minDays: number; maxDays: number; budgetMinutesMin: number; budgetMinutesMax: number };
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
      ...(slo.calendar ? { calendar: calendarBudget(slo.calendar, slo.errorBudget) } : {}),
      alerts: slo.alerts.map((a) => ({
        id: a.id,
        severity: a.severity,
        window: a.windowLabel,
        factor: a.factor,
        detectAtTotalOutage: detectionSeconds(a, slo.errorBudget, 1),
        // Just above the factor: at exactly the factor the windows only touch the threshold.
        detectAtOwnFactor: detectionSeconds(a, slo.errorBudget, Math.min(1, a.factor * slo.errorBudget * 1.0001)),
        budgetConsumed: budgetConsumed(a, slo.window),
        minEvents: a.minEvents,
        minEventsPerMinute: (a.minEvents * 60) / a.short.seconds,
      })),
    })),
  );
}

function calendarBudget(calendar: NonNullable<Slo["calendar"]>, errorBudget: number): NonNullable<SloExplanation["calendar"]> {
  const { minDays, maxDays } = CALENDAR_LENGTHS[calendar.period];
  const minutes = (days: number) => (errorBudget * days * 86400) / 60;
  return { period: calendar.period, timezone: calendar.timezone, minDays, maxDays, budgetMinutesMin: minutes(minDays), budgetMinutesMax: minutes(maxDays) };
}

const time = (s: number | undefined) => (s === undefined ? "never" : humanize(s));

function guardText(a: BurnRateExplanation): string {
  if (a.minEvents === 0) return "no low-traffic guard";
  const shortWindow = a.window.split("/")[1];
  return `needs ${a.minEvents} events in ${shortWindow} (${Number(a.minEventsPerMinute.toPrecision(3))}/min) so one failure cannot fire it`;
}

/** The explanation as plain text. */
export function explainText(model: Model): string {
  const lines: string[] = [`SLOs in ${model.environment}${model.paging ? "" : " (paging off: pages become tickets)"}`];
  for (const e of explainSlos(model)) {
    const whole = e.bad === "errors" ? "total outage" : "every request slow";
    const c = e.calendar;
    if (c) {
      const budget = c.minDays === c.maxDays ? humanize(c.budgetMinutesMin * 60) : `${humanize(c.budgetMinutesMin * 60)} (${c.minDays} days) to ${humanize(c.budgetMinutesMax * 60)} (${c.maxDays} days)`;
      lines.push("", `${e.service}/${e.slo}: ${e.objective}% per calendar ${c.period} (${c.timezone}), budget ${budget} of ${whole} per ${c.period}; burn-rate alerts over rolling windows scaled to the mean ${c.period} (${humanize(CALENDAR_LENGTHS[c.period].meanSeconds)})`);
    } else lines.push("", `${e.service}/${e.slo}: ${e.objective}% over ${e.window}, budget ${humanize(e.budgetMinutes * 60)} of ${whole} per ${e.window}`);
    for (const a of e.alerts) {
      lines.push(
        `  ${a.id.padEnd(12)} ${a.severity.padEnd(6)} ${a.window.padEnd(7)} ${String(a.factor).padStart(5)}x  fires after ${time(a.detectAtTotalOutage)} at 100% ${e.bad}, ${time(a.detectAtOwnFactor)} at ${a.factor}x; ${Number((a.budgetConsumed * 100).toPrecision(3))}% of budget spent; ${guardText(a)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
