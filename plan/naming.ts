/**
 * Logical names are a contract: built from spec ids only (never list positions or titles), joined
 * with `/`, so reordering the spec changes nothing and a rename goes through `previously:` aliases.
 */

/** The one way to build a logical name from spec ids. */
export function logicalName(...ids: (string | undefined)[]): string {
  return ids.filter((s): s is string => s !== undefined && s !== "").join("/");
}

/** Logical names the resource had under each earlier id of one of its parts. */
export function aliasNames(previous: string[], build: (id: string) => string): string[] | undefined {
  return previous.length ? previous.map(build).sort() : undefined;
}
