/** Resolve step: a service's SLOs, each with its error budget and burn-rate alerts. */
import type { Spec } from "../schema";
import type { CalendarPeriod, Slo } from "../model";
import { seconds } from "../duration";
import { burnRateAlerts, defaultWindows, type BurnRateWindow } from "../../slos/burnRate";
import { CALENDAR_LENGTHS, CALENDAR_PERIODS } from "../calendar";
import { oncallOf, type ResolveContext } from "./context";
import { byId, dur, latency, previously, query } from "./values";

type SpecSlo = Spec["services"][number]["slos"][number];

function isCalendarPeriod(w: string): w is CalendarPeriod {
  return (CALENDAR_PERIODS as string[]).includes(w);
}

/** A service's SLOs, sorted by id. */
export function resolveSlos(ctx: ResolveContext, svc: Spec["services"][number]): Slo[] {
  return byId(svc.slos.map((slo) => resolveSlo(ctx, svc.id, slo)));
}

/** One SLO: a calendar window is its mean length, and undeclared burn-rate windows come from the default table. */
function resolveSlo(ctx: ResolveContext, serviceId: string, slo: SpecSlo): Slo {
  const period = isCalendarPeriod(slo.window) ? slo.window : undefined;
  const window = period ? seconds(CALENDAR_LENGTHS[period].meanSeconds) : dur(slo.window);
  const windows: BurnRateWindow[] = slo.alerting
    ? slo.alerting.windows.map((w) => {
        const long = dur(w.long);
        const short = dur(w.short);
        return { id: w.id ?? `${w.severity}-${long.text}-${short.text}`, severity: w.severity, long, short, factor: w.factor, for: w.for ? dur(w.for) : seconds(0) };
      })
    : defaultWindows(window, ctx.scrapeInterval);
  const errorBudget = Number((1 - slo.objective / 100).toPrecision(12));
  return {
    id: slo.id,
    serviceId,
    description: slo.description,
    objective: slo.objective,
    errorBudget,
    window,
    ...(period ? { calendar: { period, timezone: oncallOf(ctx.spec).timezone } } : {}),
    sli: slo.sli.latency
      ? {
          kind: "latency",
          threshold: { ...latency(slo.sli.latency.threshold) },
          prometheus: slo.sli.latency.prometheus,
          datadog: slo.sli.latency.datadog,
        }
      : { kind: "ratio", errors: query(slo.sli.errors), good: query(slo.sli.good), total: query(slo.sli.total) ?? {} },
    alerts: burnRateAlerts(windows, ctx.paging, errorBudget, slo.minEvents),
    previously: previously(slo.previously),
  };
}
