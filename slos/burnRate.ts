/**
 * Multiwindow, multi-burn-rate alerting (Google SRE workbook, chapter 5) as data.
 *
 * The table is written for a 30-day SLO. For other windows the long, short and `for` durations are
 * scaled by window/30d and the factors kept (what Pyrra does), so a 7-day SLO pages on 14.4x over
 * 14m/1m instead of over an hour: the same share of its (smaller) budget is spent before it fires.
 * Scaled durations round to whole minutes, never below one; a short window never spans fewer than
 * MIN_SCRAPES_PER_WINDOW scrapes (a 7-day SLO's 1m becomes 4m at a 1m scrape), nor a long window
 * less than its short one, so a default never raises the audit's `window-shorter-than-scrapes`.
 */
import type { BurnRateAlert, Duration, Severity } from "../specification/model";
import { seconds } from "../specification/duration";

/** One row of a burn-rate table: both windows must burn faster than `factor` for `for`. */
export interface BurnRateWindow {
  id: string;
  severity: Severity;
  long: Duration;
  short: Duration;
  factor: number;
  for: Duration;
}

const H = 3600;
const M = 60;

/**
 * The ticket-fast factor: the workbook's 3x ticketed a sustained 5x burn on a 28d SLO at 13h27m,
 * after Pyrra (2x over 1d, `for: 1h`: 10h37m). The 1d window scaled to 28d is 1344m, and at a
 * factor f a 5x burn crosses after f x 1344 / 5 minutes while a 3-minute total outage stays under
 * it only if 3 / 1344 <= f x budget, i.e. f >= 2.233 (Pyrra's 2x tickets on that spike). 2.3 meets
 * both: 5x tickets at 10h19m on 28d and 11h3m on 30d, a 3-minute outage tickets on neither.
 */
export const TICKET_FAST_FACTOR = 2.3;

/**
 * The workbook's defaults for a 30d window, with no `for`: the short window already keeps a blip
 * from firing and ends the alert soon after the burn stops, so a `for` only delays detection (it
 * made tickets fire an hour after Sloth's, pages two minutes after) and adds no protection the
 * short window lacks. docs/burn-rate.md has the first-fire times per scenario.
 */
export const GOOGLE_30D: readonly BurnRateWindow[] = [
  { id: "page-fast", severity: "page", long: seconds(1 * H), short: seconds(5 * M), factor: 14.4, for: seconds(0) },
  { id: "page-slow", severity: "page", long: seconds(6 * H), short: seconds(30 * M), factor: 6, for: seconds(0) },
  { id: "ticket-fast", severity: "ticket", long: seconds(24 * H), short: seconds(2 * H), factor: TICKET_FAST_FACTOR, for: seconds(0) },
  { id: "ticket-slow", severity: "ticket", long: seconds(72 * H), short: seconds(6 * H), factor: 1, for: seconds(0) },
];

const TABLE_WINDOW_SECONDS = 30 * 24 * H;

function scale(d: Duration, ratio: number): Duration {
  if (ratio === 1 || d.seconds === 0) return d;
  return seconds(Math.max(M, Math.round((d.seconds * ratio) / M) * M));
}

/** A rate over fewer scrapes than this is noisy, and empty after one missed scrape (Prometheus needs two samples). */
export const MIN_SCRAPES_PER_WINDOW = 4;

/** The default table scaled to an SLO window, its windows no shorter than four scrapes at `scrapeInterval` (default 1m). */
export function defaultWindows(window: Duration, scrapeInterval: Duration = seconds(M)): BurnRateWindow[] {
  const ratio = window.seconds / TABLE_WINDOW_SECONDS;
  const floor = MIN_SCRAPES_PER_WINDOW * scrapeInterval.seconds;
  const atLeast = (d: Duration, s: number) => (d.seconds >= s ? d : seconds(s));
  return GOOGLE_30D.map((w) => {
    const short = atLeast(scale(w.short, ratio), floor);
    return { ...w, long: atLeast(scale(w.long, ratio), short.seconds), short, for: scale(w.for, ratio) };
  });
}

/**
 * The fewest events a short window must hold before one failure among them cannot exceed the
 * alert's threshold (factor x budget): 1/N <= threshold, so N = ceil(1 / threshold). 70 for 14.4x
 * on 99.9% (one failure in 70 is 1.43%, under 1.44%), 1000 for 1x. docs/burn-rate.md derives it.
 */
export function minEventsFor(factor: number, errorBudget: number): number {
  const threshold = factor * errorBudget;
  if (threshold >= 1) return 1;
  // The tolerance keeps 1 / 0.001 at 1000 instead of 1000.0000000000001 rounding up to 1001.
  return Math.ceil(1 / threshold - 1e-9);
}

/**
 * Burn-rate alerts for one SLO after the environment's paging policy, each guarded by the fewest
 * short-window events it needs (`minEvents` from the spec for every pair, 0 turning the guard off;
 * else derived per pair by minEventsFor).
 */
export function burnRateAlerts(windows: readonly BurnRateWindow[], paging: boolean, errorBudget: number, minEvents?: number): BurnRateAlert[] {
  return windows.map((w) => ({
    id: w.id,
    declaredSeverity: w.severity,
    severity: !paging && w.severity === "page" ? "ticket" : w.severity,
    long: w.long,
    short: w.short,
    factor: w.factor,
    for: w.for,
    windowLabel: `${w.long.text}/${w.short.text}`,
    minEvents: minEvents ?? minEventsFor(w.factor, errorBudget),
  }));
}

/** Share of the whole budget spent when an alert fires: factor x long / window. */
export function budgetConsumed(alert: Pick<BurnRateAlert, "factor" | "long">, window: Duration): number {
  return (alert.factor * alert.long.seconds) / window.seconds;
}

/**
 * Seconds from the start of an incident with the given error ratio until both windows of the
 * alert exceed its factor, plus `for`. Undefined when the alert can never fire at that ratio.
 */
export function detectionSeconds(alert: Pick<BurnRateAlert, "factor" | "long" | "short" | "for">, errorBudget: number, errorRatio: number): number | undefined {
  const threshold = alert.factor * errorBudget;
  if (errorRatio <= threshold || threshold >= 1 + 1e-12) return undefined;
  // A window of length W sees ratio r for t seconds of its span: r * t / W > threshold.
  const need = (w: number) => (threshold * w) / errorRatio;
  return Math.max(need(alert.long.seconds), need(alert.short.seconds)) + alert.for.seconds;
}
