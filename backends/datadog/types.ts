/** Type tokens of the Datadog resources more than one renderer names (so no renderer imports another for a constant). */

/** A Datadog monitor. */
export const DATADOG_MONITOR_TYPE = "datadog:index/monitor:Monitor";
/** A Datadog webhook integration, named in monitor messages as `@webhook-<name>`. */
export const DATADOG_WEBHOOK_TYPE = "datadog:index/webhook:Webhook";
