/**
 * `wrangler.json` for the built Worker: the same main module, Durable Object binding and migration,
 * KV namespace, secrets and cron trigger the Pulumi plan deploys, in Wrangler's own format, so the
 * bundle runs with `wrangler dev` as it is and any tool can read its bindings.
 */
import type { StatusPage } from "../specification/model";
import { COMPATIBILITY_DATE, cronForInterval } from "./deployment";
import { STATUS_PAGE_MIGRATIONS } from "./workerMigrations";

/** Secrets the Worker reads; `wrangler deploy` refuses to deploy until each is set. */
export const STATUS_PAGE_SECRETS = ["ADMIN_TOKEN", "WATCHDOG_TOKEN", "PAGERDUTY_ROUTING_KEY"] as const;

/** A Wrangler configuration for one environment's status page. `name` is the Worker's script name. */
export function wranglerConfig(statusPage: StatusPage, environment: string, name = `status-${environment}`): Record<string, unknown> {
  return {
    name,
    main: "worker.js",
    compatibility_date: COMPATIBILITY_DATE,
    // The KV namespace only feeds the one-time import of an older version's data; wrangler dev
    // simulates it locally under this id, and a deploy needs the real id from the Pulumi stack.
    kv_namespaces: [{ binding: "STATUS_KV", id: `${name}-kv` }],
    durable_objects: { bindings: [{ name: "STATUS_STATE", class_name: "StatusPageState" }] },
    // Wrangler sends only the steps after the script's current tag itself (the same ledger the plan reads).
    migrations: STATUS_PAGE_MIGRATIONS.map((m) => ({
      tag: m.tag,
      ...(m.newClasses ? { new_classes: m.newClasses } : {}),
      ...(m.newSqliteClasses ? { new_sqlite_classes: m.newSqliteClasses } : {}),
      ...(m.renamedClasses ? { renamed_classes: m.renamedClasses } : {}),
      ...(m.deletedClasses ? { deleted_classes: m.deletedClasses } : {}),
    })),
    triggers: { crons: [cronForInterval(statusPage.probeEvery.seconds)] },
    routes: [{ pattern: statusPage.hostname, custom_domain: true }],
    secrets: { required: [...STATUS_PAGE_SECRETS] },
  };
}
