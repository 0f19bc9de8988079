/**
 * Plan values as a reviewer may see them: secrets print as `[secret]`, credentials in URLs as
 * `[redacted]`; long generated content (the status page Worker bundle) prints as its size and
 * digest, since nobody reviews a bundle line by line.
 */
import { createHash } from "node:crypto";
import type { PlanValue } from "../plan";
import { isConcat, isInput, isRef, isSecret, isSecretValue, isWorkerMigrations } from "../plan";

const LONG = 1000;

/** A JSON-safe view of a value: secrets hidden, refs spelled, long strings summarised. */
export function printable(v: PlanValue): unknown {
  if (isSecret(v)) return "[secret]";
  if (isSecretValue(v)) return `[secret ${v.shown}]`;
  if (isRef(v)) return `\${${v.resource}.${v.output}}`;
  if (isInput(v)) return v.secret ? "[secret]" : `\${input:${v.$input}${v.part ? `#${v.part}` : ""}}`;
  if (isConcat(v)) return v.$concat.map((part) => printable(part)).join("");
  if (isWorkerMigrations(v)) return `[migrations after the deployed tag, up to ${v.$migrations.ledger.map((m) => m.tag).join(", ")}]`;
  if (typeof v === "string" && v.length > LONG) return `[${v.length} bytes, sha256 ${createHash("sha256").update(v).digest("hex").slice(0, 16)}]`;
  if (typeof v === "string") return redactCredentials(v);
  if (Array.isArray(v)) return v.map(printable);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, printable((v as Record<string, PlanValue>)[k])]));
  return v;
}

/** Query parameters whose values grant access, redacted in URLs. */
const CREDENTIAL_PARAMS = /^(token|access_token|api_key|apikey|key|password|secret|sig|signature|auth)$/i;

/**
 * Text with the user-info of URLs and the values of credential query parameters (also in a bare
 * path such as a health check's `/health?token=...`) replaced by `[redacted]`; other text unchanged.
 */
export function redactCredentials(text: string): string {
  // Both patterns need an `@` or an `=`; most plan strings (names, PromQL) have neither.
  if (!text.includes("@") && !text.includes("=")) return text;
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, "$1[redacted]@")
    .replace(/([?&])([^=&#\s"'<>]+)=([^&#\s"'<>]*)/g, (p, sep: string, k: string, v: string) => (CREDENTIAL_PARAMS.test(k) && v ? `${sep}${k}=[redacted]` : p));
}
