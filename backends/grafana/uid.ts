/**
 * Grafana uids for folders, dashboards and rules, derived from spec ids so that every run asks
 * for the same uid: a generated uid would make each `pulumi up` replace the object and break links.
 */
import { createHash } from "node:crypto";

/** Grafana rejects uids longer than this. */
export const GRAFANA_UID_MAX = 40;

/** A stable Grafana uid from ids: readable when short, a readable prefix plus a hash when not. */
export function grafanaUid(...ids: string[]): string {
  const joined = ids.filter((s) => s !== "").join("-").replace(/[^A-Za-z0-9_-]/g, "-");
  if (joined.length <= GRAFANA_UID_MAX) return joined;
  // The hash keeps two long ids with the same prefix apart; sha1 is for spreading, not security.
  const hash = createHash("sha1").update(ids.join("\u0000")).digest("hex").slice(0, 8);
  return `${joined.slice(0, GRAFANA_UID_MAX - hash.length - 1)}-${hash}`;
}
