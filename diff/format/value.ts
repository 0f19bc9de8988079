/** Values in one line for a diff line: strings as written, the rest as JSON, long ones cut. */

const MAX = 160;

/** A printable value (already passed through `printable`) or field text, shortened for one line. */
export function oneLine(v: unknown): string {
  if (v === undefined) return "(unset)";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  const flat = s.replace(/\s*\n\s*/g, " ");
  return flat.length > MAX ? `${flat.slice(0, MAX - 3)}...` : flat;
}

/** `before -> after`, `+ after` or `- before`, depending on which sides exist. */
export function arrow(before: unknown, after: unknown, hasBefore: boolean, hasAfter: boolean): string {
  if (hasBefore && hasAfter) return `${oneLine(before)} -> ${oneLine(after)}`;
  return hasAfter ? oneLine(after) : oneLine(before);
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
