/**
 * Grafana keeps one notification policy tree per org, and readiness owns it whole (the watchdog's
 * branch, every severity's, the catch-all). Two environments (or two readiness systems) deployed
 * to one org would each replace the other's tree on `up`: the last one wins and the other's alerts
 * route wrongly, silently. Composing one tree for both is not sound either, since each tree names
 * contact points that only its own stack creates. So readiness refuses: environments that reach
 * Grafana must each have their own org (`grafana:orgId`) or Grafana (`grafana:url`).
 */

/** Where one environment's Grafana resources go, from its stack config. */
export interface GrafanaDestination {
  environment: string;
  /** `grafana:url` as configured. */
  url: string;
  /** `grafana:orgId`; Grafana's default org is 1. */
  orgId?: string;
  /** Where the URL is set (`Pulumi.prod.yaml:9:3`), for the message. */
  where: string;
}

/** A Grafana URL compared as Grafana serves it: scheme and host case-insensitive, no trailing slash. */
function orgKey(d: GrafanaDestination): string {
  let url = d.url.trim();
  try {
    const u = new URL(url);
    url = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}`.toLowerCase();
  } catch {
    url = url.replace(/\/+$/, "").toLowerCase();
  }
  return `${url} org ${d.orgId?.trim() || "1"}`;
}

/** One located message per environment whose Grafana org another environment also deploys to. */
export function sharedGrafanaOrgProblems(destinations: readonly GrafanaDestination[]): string[] {
  const byOrg = new Map<string, GrafanaDestination[]>();
  for (const d of destinations) byOrg.set(orgKey(d), [...(byOrg.get(orgKey(d)) ?? []), d]);
  const out: string[] = [];
  for (const [org, ds] of byOrg) {
    if (ds.length < 2) continue;
    const envs = ds.map((d) => d.environment).sort();
    for (const d of ds)
      out.push(
        `${d.where} grafana:url: environments ${envs.join(" and ")} deploy to the same Grafana org (${org.replace(/ org /, ", org ")}), whose notification policy is one per org: ` +
          `each \`up\` would replace the other's routing. Give each environment its own org (pulumi config set grafana:orgId <id> --stack ${d.environment}) or its own Grafana (grafana:url)`,
      );
  }
  return out;
}
