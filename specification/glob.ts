/**
 * Glob patterns of `include:` as regular expressions over `/`-separated relative paths. Pure: the
 * directory walk that feeds it lives with the file reading in cli/.
 *
 * `*` and `?` stay inside one path segment and never match a leading dot (a hidden file is not a
 * team file); `**` as a whole segment matches any number of directories, including none.
 */

/** Compiles a glob to a RegExp matching the whole relative path. */
export function globToRegExp(pattern: string): RegExp {
  const segments = pattern.split("/").filter((s) => s !== "" && s !== ".");
  let re = "^";
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === "**") {
      re += last ? "(?:[^/.][^/]*(?:/[^/.][^/]*)*)?" : "(?:[^/.][^/]*/)*";
      return;
    }
    let part = "";
    for (const ch of seg) {
      if (ch === "*") part += "[^/]*";
      else if (ch === "?") part += "[^/]";
      else part += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
    if (seg.startsWith("*") || seg.startsWith("?")) part = `(?!\\.)${part}`;
    re += part + (last ? "" : "/");
  });
  return new RegExp(`${re}$`);
}

/** The directory part before the first wildcard, where a walk for `pattern` starts ("" for none). */
export function globBase(pattern: string): string {
  const segments = pattern.split("/");
  const literal: string[] = [];
  for (const seg of segments.slice(0, -1)) {
    if (/[*?]/.test(seg)) break;
    literal.push(seg);
  }
  return literal.join("/");
}

/** Whether the pattern has a wildcard at all (a plain path names one file). */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}
