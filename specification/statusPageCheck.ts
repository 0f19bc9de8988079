/**
 * The status page watches itself: a check on its own `/health`, which the Worker answers with 503
 * once its scheduled runs stop (and with them the dead man's switch). It lands on one service so
 * that every backend renders, routes and audits it like any other check.
 */
import type { Spec } from "./schema";
import type { Backend } from "./model";

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

/**
 * What the environment's stack config says about serving the page at its hostname: readiness puts
 * the Worker on `statusPage.hostname` only as a Workers custom domain, made in this Cloudflare zone.
 */
export interface StatusPageServing {
  cloudflareZoneId?: string;
}

/** The stack setting without which readiness serves the page at no hostname. */
export const STATUS_PAGE_ZONE_SETTING = "readiness:cloudflareZoneId";

/**
 * Why nobody serves the page at its hostname in `env`, or undefined when readiness serves it, or
 * does not deploy it (no cloudflare backend: the Worker is built with `readiness statuspage build`
 * and served by whoever deploys it), or the caller does not know the stack config (`serving`
 * undefined). Without a zone the Worker has no custom domain and no route: its cron still runs,
 * but `https://<hostname>/` answers nothing readiness deployed.
 */
export function statusPageNotServed(env: string, backends: readonly Backend[], serving: StatusPageServing | undefined): string | undefined {
  if (!backends.includes("cloudflare") || serving === undefined || serving.cloudflareZoneId) return undefined;
  return `not served in ${env}: set ${STATUS_PAGE_ZONE_SETTING} (the Cloudflare zone of the status page's custom domain)`;
}
