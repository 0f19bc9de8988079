/**
 * Spec text shown in a line of terminal output (a diagnostic, a plan line): it must stay that one
 * line. Line breaks become a visible `\n`, and control and bidi characters a visible `\u001b`, so
 * a name cannot add a line that looks like the tool's own ("FORGED: all checks passed"), clear the
 * screen, or reorder what follows it. The CLI's output guard (cli/outputSafety.ts) escapes the
 * controls again on the way out; this is what also keeps the line breaks in their place.
 */

const LINE_BREAK = /\r\n|\r|\n|\u0085|\u2028|\u2029/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` on one line: line breaks as `\n`, control and bidi characters as `\uXXXX`. */
export function oneLineText(text: string): string {
  return text.replace(LINE_BREAK, "\\n").replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
