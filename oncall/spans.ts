/**
 * Half-open spans of time [from, to) in epoch milliseconds, and the set operations on-call math
 * needs: who covers when is unions, intersections and complements of these.
 */

/** A half-open stretch of time [from, to) in epoch milliseconds. */
export type Span = readonly [from: number, to: number];

/** Sorted, non-overlapping spans covering the same time as the input; touching spans are joined. */
export function union(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The parts of `spans` that fall inside `within` (both taken as sets of time). */
export function intersect(spans: readonly Span[], within: readonly Span[]): Span[] {
  const a = union(spans);
  const b = union(within);
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i][0], b[j][0]);
    const to = Math.min(a[i][1], b[j][1]);
    if (to > from) out.push([from, to]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

/** The time in [from, to) that none of `spans` covers. */
export function complement(spans: readonly Span[], from: number, to: number): Span[] {
  const out: Span[] = [];
  let cursor = from;
  for (const [a, b] of intersect(spans, [[from, to]])) {
    if (a > cursor) out.push([cursor, a]);
    cursor = Math.max(cursor, b);
  }
  if (cursor < to) out.push([cursor, to]);
  return out;
}

/** Total length of spans, in milliseconds (overlaps counted once). */
export function totalMs(spans: readonly Span[]): number {
  return union(spans).reduce((sum, [a, b]) => sum + (b - a), 0);
}
