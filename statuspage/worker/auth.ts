/** Bearer-token check for the incident API. */

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/**
 * Whether an `Authorization` header carries the admin token. Both sides are hashed first and the
 * digests compared in full, so the time taken reveals neither the token's length nor a matching
 * prefix. No configured token means nobody is admitted.
 */
export async function isAuthorized(header: string | null, adminToken: string | undefined): Promise<boolean> {
  if (!adminToken) return false;
  const match = /^Bearer (.+)$/.exec(header ?? "");
  const given = await sha256(match ? match[1] : "");
  const expected = await sha256(adminToken);
  let diff = match ? 0 : 1;
  for (let i = 0; i < expected.length; i++) diff |= given[i] ^ expected[i];
  return diff === 0;
}
