/**
 * SLI -> PromQL: the error ratio of an SLO over one rate window.
 *
 * Zero traffic is the case that breaks naive rules (Sloth's most reported bug), so every ratio is
 * built to stay silent rather than wrong:
 * - the denominator is filtered with `> 0`, so no traffic yields no sample instead of NaN (a NaN
 *   recorded once poisons every longer window computed from it, and `NaN > x` hides real burns);
 * - a missing error series (no 5xx yet) counts as zero errors (`or vector(0)`), so the ratio exists
 *   as soon as there is traffic; a latency SLI's missing threshold bucket does not (see below);
 * - both sides are summed to one series, so the SLI is one number whatever labels the query keeps.
 */
import type { Duration, Sli, Slo } from "../specification/model";
import { soleRatedSelector } from "../specification/promql";

/** The placeholder ratio queries carry for the rate window. */
export const WINDOW_PLACEHOLDER = "{{window}}";

/** Fills `{{window}}` in a spec query with a PromQL duration (`5m`, `1h`, `3d`). */
export function fillWindow(query: string, window: Duration): string {
  return query.split(WINDOW_PLACEHOLDER).join(window.text);
}

/** The spellings a histogram's `le` label can take for a bound: `2` and `2.0` for whole numbers. */
export function leSpellings(seconds: number): string[] {
  const plain = String(seconds);
  return Number.isInteger(seconds) ? [plain, `${plain}.0`] : [plain];
}

/** A histogram base metric split into name and selector body (`a{b="c"}` -> `a`, `b="c"`). */
export function splitSelector(metric: string): { name: string; matchers: string } {
  const m = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?\s*$/s.exec(metric);
  if (!m) throw new Error(`not a metric selector: ${metric}`);
  return { name: m[1], matchers: (m[2] ?? "").trim().replace(/,\s*$/, "") };
}

/** Wraps a query in `sum(...)` unless it already is one whole `sum(...)` without grouping. */
export function summed(query: string): string {
  const q = query.trim();
  if (q.startsWith("sum(")) {
    let depth = 0;
    for (let i = 3; i < q.length; i++) {
      if (q[i] === "(") depth++;
      else if (q[i] === ")" && --depth === 0) {
        if (i === q.length - 1) return q;
        break;
      }
    }
  }
  return `sum(${q})`;
}

function selector(name: string, matchers: string[]): string {
  const body = matchers.filter((s) => s !== "").join(", ");
  return `${name}{${body}}`;
}

function leMatcher(seconds: number): string {
  const spellings = leSpellings(seconds).map((s) => s.replace(/\./g, "\\\\."));
  return spellings.length === 1 ? `le="${leSpellings(seconds)[0]}"` : `le=~"${spellings.join("|")}"`;
}

/** The histogram bucket a latency SLI counts as good (`x_bucket{service="a", le="0.8"}`). */
export function thresholdBucket(sli: Extract<Sli, { kind: "latency" }>): string | undefined {
  if (!sli.prometheus) return undefined;
  const { base, matchers } = histogram(sli.prometheus);
  return selector(`${base}_bucket`, [matchers, leMatcher(sli.threshold.ms / 1000)]);
}

/** A latency SLI's histogram: its base name (without `_bucket`, `_count` or `_sum`) and matchers. */
function histogram(metric: string): { base: string; matchers: string } {
  const { name, matchers } = splitSelector(metric);
  return { base: name.replace(/_(bucket|count|sum)$/, ""), matchers };
}

/** The histogram's request counter (`x_count{service="a"}`): every request, whatever its latency. */
function histogramCount(metric: string): string {
  const { base, matchers } = histogram(metric);
  return selector(`${base}_count`, [matchers]);
}

/** Good and total request-rate queries of a latency SLI over one window. */
export function latencyQueries(sli: Extract<Sli, { kind: "latency" }>, window: Duration): { good: string; total: string } | undefined {
  const bucket = thresholdBucket(sli);
  if (!sli.prometheus || !bucket) return undefined;
  return {
    good: `sum(rate(${bucket}[${window.text}]))`,
    total: `sum(rate(${histogramCount(sli.prometheus)}[${window.text}]))`,
  };
}

/**
 * The error ratio (0..1) of an SLI over one window, or undefined when the SLI has no Prometheus
 * query. Returns no sample at zero traffic and counts a missing error series as zero errors.
 */
export function errorRatioExpr(sli: Sli, window: Duration): string | undefined {
  if (sli.kind === "latency") {
    const q = latencyQueries(sli, window);
    if (!q) return undefined;
    // No `or vector(0)` here: histogram buckets exist together, so a missing threshold bucket is a
    // wrong threshold or metric, not zero good requests; reading it as all-bad paged falsely at
    // 14.4x. Without it the SLI has no sample and the threshold-bucket absence alert names it.
    return `1 - (${q.good} / (${q.total} > 0))`;
  }
  const total = sli.total.prometheus;
  if (!total) return undefined;
  const denominator = `(${summed(fillWindow(total, window))} > 0)`;
  if (sli.errors?.prometheus) return `(${summed(fillWindow(sli.errors.prometheus, window))} or vector(0)) / ${denominator}`;
  if (sli.good?.prometheus) return `1 - ((${summed(fillWindow(sli.good.prometheus, window))} or vector(0)) / ${denominator})`;
  return undefined;
}

/**
 * The total-events query of an SLI over one window: present (possibly 0) while the metrics exist,
 * empty once they are gone, which is what the absence alert needs.
 */
export function totalExpr(sli: Sli, window: Duration): string | undefined {
  if (sli.kind === "latency") return latencyQueries(sli, window)?.total;
  return sli.total.prometheus ? summed(fillWindow(sli.total.prometheus, window)) : undefined;
}

/**
 * What the absence alert asks of an SLI: the raw series as an instant (`absent(x{...})`) where the
 * total query only rates one selector, so the alert counts from a target's staleness markers, as
 * Pyrra's `absent(metric) == 1` does; else the total query over the shortest window, which keeps
 * its last samples for that window after they stop. Undefined without a Prometheus SLI.
 */
export function absenceExpr(sli: Sli, shortest: Duration): string | undefined {
  if (sli.kind === "latency") return sli.prometheus ? `absent(${histogramCount(sli.prometheus)})` : undefined;
  const total = sli.total.prometheus;
  if (!total) return undefined;
  const raw = soleRatedSelector(total);
  return `absent(${raw ?? summed(fillWindow(total, shortest))})`;
}

/** True when the SLO can be evaluated by Prometheus. */
export function hasPrometheusSli(slo: Pick<Slo, "sli">): boolean {
  return errorRatioExpr(slo.sli, { seconds: 300, text: "5m" }) !== undefined;
}
