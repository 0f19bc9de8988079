/**
 * Glob patterns of `include:`, matched segment by segment over `/`-separated relative paths. Pure:
 * the directory walk that feeds it lives with the file reading in cli/.
 *
 * `*` and `?` stay inside one path segment and never match a leading dot (a hidden file is not a
 * team file); `**` as a whole segment matches any number of directories, including none (last, it
 * matches everything below, at least one name).
 *
 * No regular expression and no backtracking search: a segment is matched with the two-pointer
 * wildcard algorithm (at most pattern length × name length steps) and `**` with a table over
 * (pattern segment, path segment), so `*a*a*a*a*a*a*a*a*b.yaml` or a dozen `**` cost
 * microseconds, not minutes. Patterns are bounded besides, so the table stays small.
 */

/** Longest `include:` pattern accepted (characters): a team file's path is far shorter. */
export const MAX_GLOB_LENGTH = 512;
/** Most `**` segments in one pattern: one or two say "any depth"; more only cost. */
export const MAX_GLOB_STARS = 4;

/** A compiled glob: `test` says whether a relative path matches the whole pattern. */
export interface GlobMatcher {
  test(path: string): boolean;
}

/** Why a pattern is refused (too long, too many `**`), or undefined when it compiles. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) return `the pattern is ${pattern.length} characters long, over the limit of ${MAX_GLOB_LENGTH}`;
  const stars = pattern.split("/").filter((s) => s === "**").length;
  if (stars > MAX_GLOB_STARS) return `the pattern has ${stars} "**" segments, over the limit of ${MAX_GLOB_STARS}`;
  return undefined;
}

/** Whether one path segment matches one pattern segment of `*`, `?` and literal characters. */
function segmentMatches(pattern: string, name: string): boolean {
  if ((pattern.startsWith("*") || pattern.startsWith("?")) && name.startsWith(".")) return false;
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === "?" || (pattern[p] !== "*" && pattern[p] === name[n]))) {
      p += 1;
      n += 1;
    } else if (p < pattern.length && pattern[p] === "*") {
      // Remember the star and first try it matching nothing; on a mismatch it takes one more character.
      star = p;
      resume = n;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      resume += 1;
      n = resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === "*") p += 1;
  return p === pattern.length;
}

/** Compiles a glob; throws an Error saying why when {@link globProblem} refuses it. */
export function compileGlob(pattern: string): GlobMatcher {
  const problem = globProblem(pattern);
  if (problem) throw new Error(problem);
  const segments = pattern.split("/").filter((s) => s !== "" && s !== ".");
  return {
    test(path: string): boolean {
      const parts = path.split("/");
      // reach[i][j]: pattern segments from i match path segments from j; filled from the end.
      const width = parts.length + 1;
      let next = new Uint8Array(width);
      next[parts.length] = 1;
      for (let i = segments.length - 1; i >= 0; i--) {
        const here = new Uint8Array(width);
        const seg = segments[i];
        for (let j = parts.length; j >= 0; j--) {
          const visible = j < parts.length && parts[j] !== "" && !parts[j].startsWith(".");
          if (seg === "**" && i === segments.length - 1) {
            // Last: everything below the folder so far, at least one name, none hidden.
            here[j] = visible && (j + 1 === parts.length || here[j + 1]) ? 1 : 0;
          } else if (seg === "**") {
            // None more, or this directory (not hidden) and then the same `**` again.
            here[j] = next[j] || (visible && here[j + 1]) ? 1 : 0;
          } else here[j] = j < parts.length && next[j + 1] && segmentMatches(seg, parts[j]) ? 1 : 0;
        }
        next = here;
      }
      return next[0] === 1;
    },
  };
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
