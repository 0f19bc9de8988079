/** Responses with the headers every status page response carries, and a size-limited body reader. */

/** SHA-256 of a stylesheet as a CSP source (`'sha256-…'`), so the page needs no 'unsafe-inline'. */
export async function cspHash(css: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css)));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}

/** Headers on every response: no scripts, no framing, no sniffing, HTTPS only, no referrer leaks. */
export function securityHeaders(styleSource: string): Record<string, string> {
  return {
    "Content-Security-Policy": `default-src 'none'; style-src ${styleSource}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
}

/** Page caching: short, so an outage shows within a minute, yet a traffic spike during one is absorbed. */
export const PAGE_CACHE_CONTROL = "public, max-age=30";
/** API responses are never cached: automation polling them wants the current state. */
export const API_CACHE_CONTROL = "no-store";

/** A response with security headers and the given cache policy. */
export function respond(body: string | null, status: number, contentType: string, cacheControl: string, styleSource: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": contentType, "Cache-Control": cacheControl, ...securityHeaders(styleSource), ...extra },
  });
}

/** The request body as text, or `tooLarge` once it passes `limit` bytes (read no further than that). */
export async function readBodyLimited(request: Request, limit: number): Promise<{ ok: true; text: string } | { ok: false; tooLarge: true }> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limit) return { ok: false, tooLarge: true };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(all) };
}
