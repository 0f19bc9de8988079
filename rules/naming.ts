/**
 * Names and shared labels of generated Prometheus rules.
 *
 * Alert names are unique per rule file (Grafana wants unique rule titles), built from spec ids
 * only, so reordering the spec renames nothing. Routing and tests rely on the labels, not the name.
 */
import type { Duration, Severity } from "../specification/model";
import { seconds } from "../specification/duration";

/** `billing-api`, `availability`, `page-fast` -> `BillingApiAvailabilityPageFast`. */
export function alertName(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split(/[^a-zA-Z0-9]+/))
    .filter((w) => w !== "")
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

/** The recording rule holding an SLO's error ratio over one window (Sloth's naming). */
export function errorRatioRecord(window: Duration): string {
  return `slo:sli_error:ratio_rate${window.text}`;
}

/** Sorted copy of a label map, so files and diffs do not depend on insertion order. */
export function sortedRecord(r: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) {
    const v = r[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** A PromQL number: plain decimal, no float noise (`0.0144`, not `0.014400000000000001`). */
export function promNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/** The larger of two durations. */
export function atLeast(d: Duration, minimumSeconds: number): Duration {
  return d.seconds >= minimumSeconds ? d : seconds(minimumSeconds);
}

const RANK: Record<Severity, number> = { page: 0, ticket: 1, info: 2 };

/** The most urgent of some severities (`ticket` when there are none). */
export function mostUrgent(severities: Severity[]): Severity {
  return [...severities].sort((a, b) => RANK[a] - RANK[b])[0] ?? "ticket";
}

/** The least urgent of some severities (`page` when there are none). */
export function leastUrgent(severities: Severity[]): Severity {
  return [...severities].sort((a, b) => RANK[b] - RANK[a])[0] ?? "page";
}

/** A label-matcher string value with quotes and backslashes escaped. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
