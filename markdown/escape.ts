/**
 * Spec text inside Markdown meant for pull-request comments: it must render as the text it is.
 * No raw HTML (`<img onerror>`), no links or images the spec did not ask for, no table broken by
 * a pipe or a line break, no control characters.
 */

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const escapeControls = (s: string) => s.replace(/\r?\n|\r/g, " ").replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** Plain text: HTML special characters as entities, Markdown metacharacters backslash-escaped, one line. */
export function mdText(text: string): string {
  // Markdown first, then controls: the `\u001b` an escape leaves must stay a visible backslash.
  const md = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
  return escapeControls(md);
}

/** Inline code: a fence longer than any backtick run inside, pipes escaped for tables, one line. */
export function mdCode(text: string): string {
  const s = escapeControls(text).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** A link only for http(s) URLs; anything else (javascript:, data:, relative) is shown as code. */
export function mdLink(label: string, url: string): string {
  if (!/^https?:\/\/[^\s<>()]+$/i.test(url)) return mdCode(url);
  return `[${mdText(label)}](${url.replace(/[()]/g, (c) => encodeURIComponent(c))})`;
}
