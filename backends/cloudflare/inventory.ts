/**
 * What Cloudflare renders that can notify: the notification policies of its health checks, each
 * delivered to its email mechanisms. Emails wake nobody: a Cloudflare notification is never a page.
 */
import type { PlanValue } from "../../plan/plan";
import type { NotifyingInventory } from "../descriptor";
import { HEALTHCHECK_TYPE, NOTIFICATION_POLICY_TYPE } from "./healthchecks";
import { CRON_TRIGGER_TYPE, CUSTOM_DOMAIN_TYPE, KV_NAMESPACE_TYPE, WORKERS_SCRIPT_TYPE } from "./statusPage";

type Obj = { [key: string]: PlanValue };

/** Cloudflare's notifying items; the status page Worker shows state and pages only through the watchdogs' switch. */
export const inventory: NotifyingInventory = {
  sources: [
    {
      resources: { type: NOTIFICATION_POLICY_TYPE },
      itemKind: "notification",
      read: (r, model) => {
        const description = typeof r.inputs.description === "string" ? r.inputs.description : "";
        const mechanisms = (r.inputs.mechanisms ?? {}) as Obj;
        const emails = ((mechanisms.emails ?? []) as Obj[]).map((e) => `email:${String(e.id)}`);
        const service = model.services.find((s) => r.name === s.id || r.name.startsWith(`${s.id}/`))?.id ?? "";
        return [{ name: String(r.inputs.name), service, severity: /\((page|ticket|info)\)$/.exec(description)?.[1], delivery: { routes: emails, wakes: [] } }];
      },
    },
  ],
  quiet: [HEALTHCHECK_TYPE, WORKERS_SCRIPT_TYPE, KV_NAMESPACE_TYPE, CRON_TRIGGER_TYPE, CUSTOM_DOMAIN_TYPE].map((type) => ({ type })),
};
