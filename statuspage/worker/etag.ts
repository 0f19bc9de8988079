/** Entity tags of versioned documents (incidents, maintenance): `ETag` out, `If-Match` in. */

/** `"<version>"`, the incident's entity tag. */
export function etag(version: number): string {
  return `"${version}"`;
}

/** Whether an If-Match header names this version (`*`, `"3"`, `W/"3"` or a bare 3). */
export function etagMatches(header: string, version: number): boolean {
  return header.split(",").some((part) => {
    const tag = part.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
    return tag === "*" || tag === String(version);
  });
}

