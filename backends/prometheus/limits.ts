/**
 * What Prometheus and the blackbox exporter allow for the probe jobs readiness derives from the
 * spec's checks. Sources: prometheus/prometheus config/config.go (`ScrapeConfig.Validate`: "scrape
 * timeout greater than scrape interval"), prometheus/blackbox_exporter main.go (`--timeout-offset`,
 * default 0.5s, taken off the scrape timeout before the module's own timeout applies).
 */
import type { Check, Model } from "../../specification/model";
import type { LimitProblem } from "../descriptor";
import { formatMs } from "../../specification/latency";

/** The exporter's default `--timeout-offset`, in ms: a probe gets at most the scrape timeout less this. */
export const BLACKBOX_TIMEOUT_OFFSET_MS = 500;

/** A check's scrape timeout, in ms: its budget plus a second so the module's timeout decides first, never over `every` (Prometheus refuses that). */
export function scrapeTimeoutMs(check: Pick<Check, "every" | "expect">): number {
  return Math.min(check.every.seconds * 1000, check.expect.within.ms + 1000);
}

/** The longest budget a probe every `every` can keep: the scrape timeout's cap (`every`) less the exporter's offset. */
export function blackboxMaxBudgetMs(check: Pick<Check, "every">): number {
  return check.every.seconds * 1000 - BLACKBOX_TIMEOUT_OFFSET_MS;
}

/** The checks of one environment whose budget the blackbox exporter would cut short. */
export function prometheusLimitProblems(model: Model): LimitProblem[] {
  const out: LimitProblem[] = [];
  for (const service of model.services) {
    for (const check of service.checks) {
      const max = blackboxMaxBudgetMs(check);
      if (check.expect.within.ms > max)
        out.push({
          at: { service: service.id, list: "checks", id: check.id, field: ["expect", "within"] },
          message: `the blackbox exporter probing every ${check.every.text} cuts a probe at ${formatMs(max)} (the scrape timeout, at most the period, less its 0.5s offset); a budget of ${check.expect.within.text} cannot be kept there`,
          hint: `lower within to ${formatMs(max)} or less, or run the check less often`,
        });
    }
  }
  return out;
}
