/**
 * The status page watches itself: a check on its own `/health`, which the Worker answers with 503
 * once its scheduled runs stop (and with them the dead man's switch). It lands on one service so
 * that every backend renders, routes and audits it like any other check.
 */
import type { Spec } from "./schema";

/** The id of the status page's own health check on its owning service. */
export const STATUS_PAGE_CHECK_ID = "status-page-health";

/**
 * The service whose on-call hears when the page fails: `statusPage.monitoredBy`, else the first
 * critical service on the page, else the first on the page, else the first service, by id.
 */
export function statusPageOwner(spec: Pick<Spec, "statusPage" | "services">): string | undefined {
  if (!spec.statusPage) return undefined;
  if (spec.statusPage.monitoredBy !== undefined) return spec.statusPage.monitoredBy;
  const ids = (pick: (svc: Spec["services"][number]) => boolean) => spec.services.filter(pick).map((svc) => svc.id).sort();
  return ids((svc) => !!svc.statusPage && svc.tier === "critical")[0] ?? ids((svc) => !!svc.statusPage)[0] ?? ids(() => true)[0];
}
