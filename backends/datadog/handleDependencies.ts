/**
 * Datadog names what a monitor notifies by text: `@pagerduty-<service object>`, `@webhook-<webhook>`
 * in its message. Pulumi cannot see a name inside a string, so without a `dependsOn` a monitor may be
 * created before the webhook it names (Datadog then refuses it, or notifies nowhere until the next
 * update). The dependencies are read back from the rendered text, not from the routes that wrote
 * it, so a handle added anywhere (a new renderer, a new route kind) is covered or stops the render.
 *
 * Handles that name something readiness does not create are external by kind, and only these:
 * `@slack-<channel>` (Datadog's Slack integration, configured in Datadog's Slack tile) and
 * `@<email address>` (nothing to create). Any other handle is an error.
 */
import type { PlanDependency, PlannedResource, PlanValue } from "../../plan/plan";
import { isConcat } from "../../plan/plan";
import { UserError } from "../../files/userError";
import { PD_SERVICE_OBJECT_TYPE } from "./pagerduty";
import { DATADOG_WEBHOOK_TYPE } from "./types";

/** The inputs Datadog reads notification handles from (monitors, synthetic tests, downtimes). */
const NOTIFYING_INPUTS = ["message", "escalationMessage"] as const;

/**
 * A handle is `@` at the start of a line or after whitespace, up to the next whitespace: what
 * Datadog's message editor treats as a mention. An `@` inside a word (`ops@acme.test`, a URL's
 * user) is not one.
 */
const HANDLE = /(?<=^|\s)@(\S+)/g;

/** A Datadog email handle: `@` then an address. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Every handle in a text, in order, without the `@`. */
export function datadogHandles(text: string): string[] {
  return [...text.matchAll(HANDLE)].map((m) => m[1]);
}

/** The handles of one resource's notifying inputs (the literal parts of a concatenation too). */
function handlesOf(r: PlannedResource): string[] {
  const texts = (v: PlanValue | undefined): string[] => (typeof v === "string" ? [v] : isConcat(v) ? v.$concat.filter((p): p is string => typeof p === "string") : []);
  return NOTIFYING_INPUTS.flatMap((k) => texts(r.inputs[k])).flatMap(datadogHandles);
}

/** Whether a handle names something outside readiness by design (see the file comment). */
export function isExternalHandle(handle: string): boolean {
  return handle.startsWith("slack-") || EMAIL.test(handle);
}

/**
 * The resources with each gaining a `dependsOn` on every resource its handles name; throws a
 * UserError naming the resource and handle when a handle names nothing readiness creates and is
 * not external by kind.
 */
export function withHandleDependencies<R extends PlannedResource>(resources: R[]): R[] {
  const definers = new Map<string, { type: string; name: string }>();
  for (const r of resources) {
    if (r.type === PD_SERVICE_OBJECT_TYPE && typeof r.inputs.serviceName === "string") definers.set(`pagerduty-${r.inputs.serviceName}`, r);
    if (r.type === DATADOG_WEBHOOK_TYPE && typeof r.inputs.name === "string") definers.set(`webhook-${r.inputs.name}`, r);
  }
  return resources.map((r) => {
    const deps: PlanDependency[] = [];
    for (const handle of new Set(handlesOf(r))) {
      const target = definers.get(handle);
      if (target) deps.push({ type: target.type, name: target.name, because: `@${handle}` });
      else if (!isExternalHandle(handle))
        throw new UserError(1, `${r.type} ${r.name}: its message notifies @${handle}, which no resource readiness creates defines (only @slack-<channel> and @<email> may name something outside readiness); ${hint(handle)}`);
    }
    return deps.length ? { ...r, dependsOn: [...(r.dependsOn ?? []), ...deps] } : r;
  });
}

/** What to do about a handle nothing defines. */
function hint(handle: string): string {
  // An escalation route renders @pagerduty-<service>, whose service object exists only with the PagerDuty backend.
  if (handle.startsWith("pagerduty-")) return "Datadog reaches PagerDuty through the service objects readiness creates with the pagerduty backend: add pagerduty to the environment's backends, or route Datadog's severities to slack, email or a webhook";
  return "an `@` at the start of a word in alert text is a Datadog handle: reword it (e.g. `at` instead of `@`)";
}
