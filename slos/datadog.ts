/**
 * SLOs in Datadog's words: metric SLO numerator/denominator queries and `slo alert` burn-rate
 * monitor queries with the same window pairs and factors as the Prometheus rules.
 */
import type { BurnRateAlert, CalendarPeriod, Duration, Slo } from "../specification/model";

/** Good and total event queries of a Datadog metric SLO. */
export interface DatadogSloQuery {
  numerator: string;
  denominator: string;
}

/**
 * The metric SLO queries of an SLO, or undefined when it has none. Latency SLIs are left out: a
 * count-below-threshold query needs percentiles enabled on the distribution and has no query
 * string form the provider accepts.
 */
export function datadogSloQuery(slo: Pick<Slo, "sli">): DatadogSloQuery | undefined {
  const sli = slo.sli;
  if (sli.kind !== "ratio" || !sli.total.datadog) return undefined;
  if (sli.good?.datadog) return { numerator: sli.good.datadog, denominator: sli.total.datadog };
  if (sli.errors?.datadog) return { numerator: `${sli.total.datadog} - ${sli.errors.datadog}`, denominator: sli.total.datadog };
  return undefined;
}

/**
 * The timeframes a Datadog SLO target takes: `7d`, `30d`, `90d` (datadog-api-client-go's
 * `SLOTimeframe`, which terraform-provider-datadog validates `thresholds.timeframe` against; its
 * fourth value, `custom`, is refused on create and only queries history). All are rolling.
 */
export type DatadogTimeframe = "7d" | "30d" | "90d";

/**
 * Datadog has no calendar-aligned target, so a calendar SLO is tracked there over the rolling
 * timeframe of its nearest length: a week is exactly 7d, a month (28 to 31 days) 30d, a quarter
 * (90 to 92 days) 90d. docs/burn-rate.md says what differs.
 */
export const DATADOG_CALENDAR_TIMEFRAME: Record<CalendarPeriod, DatadogTimeframe> = { week: "7d", month: "30d", quarter: "90d" };

/** The Datadog timeframe of an SLO; undefined for a rolling window of another length, which cannot be a Datadog SLO. */
export function datadogTimeframe(slo: Pick<Slo, "window" | "calendar">): DatadogTimeframe | undefined {
  if (slo.calendar) return DATADOG_CALENDAR_TIMEFRAME[slo.calendar.period];
  const days = slo.window.seconds / 86400;
  return days === 7 ? "7d" : days === 30 ? "30d" : days === 90 ? "90d" : undefined;
}

/** Datadog burn-rate alerts accept long windows up to 48h. */
export const DATADOG_MAX_LONG_WINDOW_SECONDS = 48 * 3600;

/** Datadog's spelling of a window: whole hours as `6h`, else minutes (`5m`, `30m`). */
export function datadogWindow(d: Duration): string {
  return d.seconds % 3600 === 0 ? `${d.seconds / 3600}h` : `${Math.ceil(d.seconds / 60)}m`;
}

/**
 * The low-traffic guard of one window pair in Datadog's words: a metric monitor that is in alert
 * while the short window holds at least the pair's `minEvents` events, summed from the SLO's total
 * (count) query over exactly that window (`sum(last_5m):sum:hits{env:prod}.as_count() >= 70`). An
 * `slo alert` query has no event count, so the burn-rate monitor and this one are AND-ed by a
 * composite monitor. Undefined when the guard is off or the SLO has no Datadog total query.
 */
export function datadogTrafficQuery(slo: Pick<Slo, "sli">, alert: Pick<BurnRateAlert, "short" | "minEvents">): string | undefined {
  if (alert.minEvents <= 0 || slo.sli.kind !== "ratio" || !slo.sli.total.datadog) return undefined;
  return `sum(last_${datadogWindow(alert.short)}):${slo.sli.total.datadog.trim()} >= ${alert.minEvents}`;
}

/**
 * The query of an `slo alert` monitor for one burn-rate window pair, around the SLO's Datadog id;
 * undefined when Datadog cannot express the pair (long window over 48h, or a non-Datadog window).
 */
export function datadogBurnRateQuery(sloDatadogId: string, slo: Pick<Slo, "window" | "calendar">, alert: Pick<BurnRateAlert, "long" | "short" | "factor">): string | undefined {
  const timeframe = datadogTimeframe(slo);
  if (!timeframe || alert.long.seconds > DATADOG_MAX_LONG_WINDOW_SECONDS) return undefined;
  return `burn_rate("${sloDatadogId}").over("${timeframe}").long_window("${datadogWindow(alert.long)}").short_window("${datadogWindow(alert.short)}") > ${alert.factor}`;
}
