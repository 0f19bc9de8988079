/**
 * One catalogue of problems with stable codes. Loading collects every problem it can find before
 * stopping, and each one says where it is, what was received, what is allowed and how to fix it.
 */
import { oneLineText } from "./oneLineText";

/** Stable codes for every kind of spec problem; tools and tests key on these. */
export type DiagnosticCode =
  | "YamlSyntax"
  | "EmptySpec"
  | "NotAMapping"
  | "UnknownApiVersion"
  | "UnknownKey"
  | "MissingKey"
  | "InvalidType"
  | "InvalidValue"
  | "InvalidDuration"
  | "InvalidTimeZone"
  | "InvalidPromQL"
  | "DuplicateId"
  | "UnknownReference"
  | "UndefinedVariable"
  | "MissingWindowPlaceholder"
  | "EmptyEscalationLevel"
  | "ReservedId"
  | "NoProbe"
  | "IncludeMatchedNothing"
  | "IncludeUnreadable"
  | "IncludeOutsideFolder"
  | "IncludeGlobTooComplex"
  | "NoOwner"
  | "StatusPageNotServed";

/** A problem found in the spec, located at the YAML node that holds it. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: "error" | "warning";
  /** Spec path such as `services[1].slos[0].objective`; empty for the whole file. */
  path: string;
  message: string;
  hint?: string;
  file: string;
  line: number;
  col: number;
}

/** A path segment list as written in messages: `services[1].slos[0].objective`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

/** `readiness.yaml:42:7 services[1].slos[0].objective: message (hint)` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.col}`;
  const path = d.path ? ` ${d.path}:` : "";
  const hint = d.hint ? ` (${d.hint})` : "";
  const sev = d.severity === "warning" ? " warning:" : "";
  // One diagnostic, one line: messages quote spec text, which must not add lines of its own.
  return oneLineText(`${where}${path}${sev} ${d.message}${hint}`);
}

/** Sorts diagnostics by position so output is stable and reads top to bottom. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.line - b.line || a.col - b.col || a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string
 * alignment), for "did you mean" hints: `bne` is one typo away from `ben`, not two.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate, if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  // One edit for short words, a third of the letters for longer ones: "zed" is not a typo of "ben".
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/** Finds where a spec path was written. */
export type Locator = (path: readonly (string | number)[], code: DiagnosticCode, message: string, hint?: string, opts?: { atKey?: boolean }) => Diagnostic;
