/**
 * The public status page on Cloudflare: the Worker (bundled with the spec's status page embedded)
 * with its SQLite-backed Durable Object `StatusPageState` (binding `STATUS_STATE`, created by the
 * migration tagged `v1`; later migrations are sent only when Cloudflare's tag lacks them, see
 * workerMigrations.ts) holding all state, a KV namespace read once to import an older version's
 * data, a cron trigger that runs the probes and the dead man's switch, and the custom domain when
 * stack config names a zone.
 */
import type { Model } from "../../specification/model";
import type { PlanResource, RenderSettings } from "../../plan/plan";
import { ref, secret, workerMigrations } from "../../plan/plan";
import type { PlanLookup } from "../../plan/plan";
import { STATUS_PAGE_MIGRATIONS } from "../../statuspage/workerMigrations";
import type { PlanFragment } from "../../plan/components";
import { statusPageComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { buildWorkerScript, STATE_CLASS_NAME, WORKER_MODULE_NAME } from "../../statuspage/build";
import { COMPATIBILITY_DATE, cronForInterval } from "../../statuspage/deployment";
import { PAGERDUTY_ROUTING_KEY_CONFIG_KEY, WATCHDOG_TOKEN_CONFIG_KEY } from "../../alerting/watchdog";

export const KV_NAMESPACE_TYPE = "cloudflare:index/workersKvNamespace:WorkersKvNamespace";
export const WORKERS_SCRIPT_TYPE = "cloudflare:index/workersScript:WorkersScript";
export const CRON_TRIGGER_TYPE = "cloudflare:index/workersCronTrigger:WorkersCronTrigger";
export const CUSTOM_DOMAIN_TYPE = "cloudflare:index/workersCustomDomain:WorkersCustomDomain";

/** Stack config key of the incident API's bearer token (a Pulumi secret). */
export const ADMIN_TOKEN_CONFIG_KEY = "readiness:statusPageAdminToken";
/** Lookup of the account's Worker scripts, read at deploy time for the status page Worker's current migration tag. */
export const WORKERS_SCRIPTS_LOOKUP = "cloudflare:index/getWorkersScripts:getWorkersScripts";


/** Cloudflare script and namespace names: lowercase letters, digits and dashes. */
export function statusPageScriptName(model: Pick<Model, "system" | "environment">): string {
  return `${model.system.name}-status-${model.environment}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The status page resources for one environment; nothing when it has no status page or no Cloudflare. */
export function renderStatusPage(model: Model, settings: RenderSettings): PlanFragment {
  const page = model.statusPage;
  if (!page || !model.backends.includes("cloudflare")) return { components: [], lookups: [], resources: [] };
  const component = statusPageComponent(model);
  const scriptName = statusPageScriptName(model);
  const accountId = settings.cloudflareAccountId;
  const names = {
    kv: logicalName(component.name, "kv"),
    worker: logicalName(component.name, "worker"),
    cron: logicalName(component.name, "cron"),
    domain: logicalName(component.name, "domain"),
  };
  const base = { parent: component.name, provider: "cloudflare" as const };
  const resources: PlanResource[] = [
    {
      ...base,
      type: KV_NAMESPACE_TYPE,
      name: names.kv,
      inputs: { accountId, title: scriptName },
      // Losing the namespace loses uptime history and the incident record merchants were shown.
      ...(model.paging ? { protect: true } : {}),
    },
    {
      ...base,
      type: WORKERS_SCRIPT_TYPE,
      name: names.worker,
      inputs: {
        accountId,
        scriptName,
        content: buildWorkerScript(page, model.environment, { paging: model.paging, backends: model.backends }),
        mainModule: WORKER_MODULE_NAME,
        compatibilityDate: COMPATIBILITY_DATE,
        bindings: [
          { name: "STATUS_STATE", type: "durable_object_namespace", className: STATE_CLASS_NAME },
          { name: "STATUS_KV", type: "kv_namespace", namespaceId: ref(names.kv, KV_NAMESPACE_TYPE, "id") },
          { name: "ADMIN_TOKEN", type: "secret_text", text: secret(ADMIN_TOKEN_CONFIG_KEY) },
          { name: "WATCHDOG_TOKEN", type: "secret_text", text: secret(WATCHDOG_TOKEN_CONFIG_KEY) },
          { name: "PAGERDUTY_ROUTING_KEY", type: "secret_text", text: secret(PAGERDUTY_ROUTING_KEY_CONFIG_KEY) },
        ],
        migrations: workerMigrations(scriptName, ref(names.worker, WORKERS_SCRIPTS_LOOKUP, "results"), STATUS_PAGE_MIGRATIONS),
      },
    },
    {
      ...base,
      type: CRON_TRIGGER_TYPE,
      name: names.cron,
      inputs: { accountId, scriptName: ref(names.worker, WORKERS_SCRIPT_TYPE, "scriptName"), schedules: [{ cron: cronForInterval(page.probeEvery.seconds) }] },
    },
  ];
  if (settings.cloudflareZoneId) {
    resources.push({
      ...base,
      type: CUSTOM_DOMAIN_TYPE,
      name: names.domain,
      inputs: { accountId, zoneId: settings.cloudflareZoneId, hostname: page.hostname, service: ref(names.worker, WORKERS_SCRIPT_TYPE, "scriptName") },
    });
  }
  const lookups: PlanLookup[] = [{ token: WORKERS_SCRIPTS_LOOKUP, name: names.worker, provider: "cloudflare", args: { accountId } }];
  return { components: [component], lookups, resources };
}
