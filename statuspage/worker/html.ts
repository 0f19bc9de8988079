/** Escaping for text placed into HTML; every string that came from a spec or a request goes through it. */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Characters no page or feed shows as text: C0 controls but tab, newline and carriage return (NUL
 * and ESC among them), DEL, C1 controls, the bidi overrides and isolates that reorder what follows
 * them (U+202E makes "gpj.exe" read "exe.jpg"), and the XML non-characters U+FFFE and U+FFFF.
 */
const UNSHOWABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g;

/** Text with the characters no page shows removed: the one filter of the page and the feed. */
export function stripUnshowable(text: string): string {
  return text.replace(UNSHOWABLE, "");
}

/** Text safe to place in HTML content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripUnshowable(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}
