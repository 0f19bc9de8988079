/** Values in one line for a diff line: strings as written, the rest as JSON, long ones cut at the change. */

const MAX = 160;
/** Characters of unchanged text kept on each side of a change in a long value. */
const CONTEXT = 40;

/** A printable value (already passed through `printable`) or field text, shortened for one line. */
export function oneLine(v: unknown): string {
  if (v === undefined) return "(unset)";
  const flat = flatten(v);
  return flat.length > MAX ? `${flat.slice(0, MAX - 3)}...` : flat;
}

/**
 * `before -> after`, `+ after` or `- before`, depending on which sides exist. When both exist and
 * either is too long for a line, each side is shown around the tokens that differ (an ellipsis for
 * what is left out), so the `[3m]` -> `[5m]` deep inside a long query is what the reader sees.
 */
export function arrow(before: unknown, after: unknown, hasBefore: boolean, hasAfter: boolean): string {
  if (hasBefore && hasAfter) {
    if (before === undefined || after === undefined) return `${oneLine(before)} -> ${oneLine(after)}`;
    const [b, a] = aroundChange(flatten(before), flatten(after));
    return `${b} -> ${a}`;
  }
  return hasAfter ? oneLine(after) : oneLine(before);
}

/** Both sides whole when they fit a line; else each cut to the differing tokens with CONTEXT characters either side. */
export function aroundChange(before: string, after: string): [string, string] {
  if (before.length <= MAX && after.length <= MAX) return [before, after];
  const tb = tokens(before);
  const ta = tokens(after);
  let p = 0;
  while (p < tb.length && p < ta.length && tb[p] === ta[p]) p++;
  let s = 0;
  while (s < tb.length - p && s < ta.length - p && tb[tb.length - 1 - s] === ta[ta.length - 1 - s]) s++;
  // Whole tokens of context, as many as fit in CONTEXT characters (at least one where there is one).
  let lead = p;
  for (let n = 0; lead > 0 && (n === 0 || n + tb[lead - 1].length <= CONTEXT); lead--) n += tb[lead - 1].length;
  const show = (ts: string[]): string => {
    let tail = ts.length - s;
    for (let n = 0; tail < ts.length && (n === 0 || n + ts[tail].length <= CONTEXT); tail++) n += ts[tail].length;
    let middle = ts.slice(p, ts.length - s).join("");
    if (middle.length > MAX) middle = `${middle.slice(0, MAX - 3)}...`;
    const head = `${lead > 0 ? "..." : ""}${ts.slice(lead, p).join("")}`;
    const end = `${ts.slice(ts.length - s, tail).join("")}${tail < ts.length ? "..." : ""}`;
    return `${head}${middle}${end}`;
  };
  return [show(tb), show(ta)];
}

/** Words, numbers, runs of space and single punctuation: the units a change is shown in. */
function tokens(s: string): string[] {
  return s.match(/\w+|\s+|[^\w\s]/g) ?? [];
}

function flatten(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.replace(/\s*\n\s*/g, " ");
}

/** Short provider type for a reader: `pagerduty:Schedule`. */
export function shortType(type: string): string {
  const m = /^([^:]+):[^:]+:(\w+)$/.exec(type);
  return m ? `${m[1]}:${m[2]}` : type;
}

/** The sign of a change in `+ - ~` notation. */
export function sign(action: string): string {
  return action === "added" || action === "create" ? "+" : action === "removed" || action === "delete" ? "-" : action === "replace" ? "-/+" : "~";
}
