/**
 * Datadog webhooks behind the `@webhook-<name>` handles of routes with a `webhook`: one per
 * distinct URL across the default routes and every override. The URL may carry a token, so it is
 * a Pulumi secret and plans show only its host.
 */
import type { Model } from "../../specification/model";
import { allRoutes, redactWebhook } from "../../specification/routes";
import type { PlanResource } from "../../plan/plan";
import { secretValue } from "../../plan/plan";
import { routingComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { DATADOG_WEBHOOK_TYPE } from "./types";
import { datadogWebhookName } from "./handles";

/** A webhook per distinct route URL, sorted by name. */
export function datadogRouteWebhooks(model: Model): PlanResource[] {
  const urls = new Map<string, string>();
  for (const route of allRoutes(model)) for (const t of route.targets) if (t.kind === "webhook") urls.set(datadogWebhookName(model, t.url), t.url);
  return [...urls.keys()].sort().map(
    (name): PlanResource => ({
      type: DATADOG_WEBHOOK_TYPE,
      name: logicalName(name),
      parent: routingComponent(model).name,
      provider: "datadog",
      inputs: { name, url: secretValue(urls.get(name) as string, redactWebhook(urls.get(name) as string)), encodeAs: "json" },
    }),
  );
}
