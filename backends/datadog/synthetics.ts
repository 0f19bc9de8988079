/**
 * Datadog Synthetics API tests for the spec's checks. `alertAfter` consecutive failures alert
 * through `minFailureDuration`: with a run every `tickEvery` seconds, the n-th consecutive failure
 * lands (n - 1) runs after the first, so the test must stay failed that long. Retries stay at 0:
 * a retry repeats the request within the same run, which is not the consecutive runs the spec counts.
 */
import type { Check, Model, Service, Severity } from "../../specification/model";
import type { ElementOf, InputOf, PlanResource } from "../../plan/plan";
import { serviceComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { requestTimeoutSeconds, TICK_EVERY_S } from "./limits";

export const SYNTHETICS_TEST_TYPE = "datadog:index/syntheticsTest:SyntheticsTest";

/** Public locations every test runs from: one per continent the customers are on. */
export const SYNTHETICS_LOCATIONS = ["aws:eu-central-1", "aws:us-east-2", "aws:us-west-2"];

/** The periods Datadog offers for API tests, in seconds (its UI's choices, within the provider's range: limits.ts). */
export const TICK_EVERY_CHOICES = [TICK_EVERY_S.min, 60, 300, 900, 1800, 3600, 21600, 43200, 86400, TICK_EVERY_S.max];

/** Datadog monitor priority (1 highest) per severity. */
const PRIORITY: Record<Severity, number> = { page: 1, ticket: 3, info: 5 };

/** The longest period Datadog offers that is not longer than `every` (so a check never runs less often than written), or its shortest. */
export function tickEvery(everySeconds: number): number {
  const fit = TICK_EVERY_CHOICES.filter((c) => c <= everySeconds);
  return fit.length ? fit[fit.length - 1] : TICK_EVERY_CHOICES[0];
}

/** Seconds a test must stay failed before it alerts, so that `alertAfter` consecutive runs failed. */
export function minFailureDuration(check: Pick<Check, "alertAfter" | "every">): number {
  return Math.max(0, check.alertAfter - 1) * tickEvery(check.every.seconds);
}

/** The assertions the spec's `expect` asks for. */
export function assertions(check: Check): ElementOf<InputOf<typeof SYNTHETICS_TEST_TYPE, "assertions">>[] {
  const out: ElementOf<InputOf<typeof SYNTHETICS_TEST_TYPE, "assertions">>[] = [
    { type: "statusCode", operator: "is", target: String(check.expect.status) },
    // The budget to the millisecond: the request timeout is whole seconds, so this assertion is what keeps a 300ms or 1.5s budget.
    { type: "responseTime", operator: "lessThan", target: String(check.expect.within.ms) },
  ];
  if (check.expect.bodyContains !== undefined) out.push({ type: "body", operator: "contains", target: check.expect.bodyContains });
  return out;
}

/** The notification text: what failed, the runbook, then the handles. No trailing whitespace (Datadog strips it, which would show as a diff). */
export function checkMessage(service: Service, check: Check, handles: string[]): string {
  const lines = [
    `${service.name}: ${check.method} ${check.url} failed ${check.alertAfter} checks in a row (expecting ${check.expect.status} within ${check.expect.within.text}).`,
  ];
  const runbook = check.runbookUrl ?? service.runbookUrl;
  if (runbook) lines.push("", `Runbook: ${runbook}`);
  if (handles.length) lines.push("", handles.join(" "));
  return lines.map((l) => l.trimEnd()).join("\n").trim();
}

/** One API test for a check; `handles` are the notification handles of the check's severity. */
export function syntheticsTest(model: Model, service: Service, check: Check, handles: string[]): PlanResource {
  const every = tickEvery(check.every.seconds);
  return {
    type: SYNTHETICS_TEST_TYPE,
    name: logicalName(service.id, check.id),
    parent: serviceComponent(model, service.id).name,
    provider: "datadog",
    inputs: {
      name: `${service.name} ${check.id} (${model.environment})`,
      type: "api",
      subtype: "http",
      status: "live",
      locations: SYNTHETICS_LOCATIONS,
      requestDefinition: { method: check.method, url: check.url, timeout: requestTimeoutSeconds(check) },
      assertions: assertions(check),
      optionsList: {
        tickEvery: every,
        minFailureDuration: minFailureDuration(check),
        minLocationFailed: 1,
        retry: { count: 0, interval: 300 },
        followRedirects: true,
        monitorPriority: PRIORITY[check.severity],
        monitorOptions: { renotifyInterval: 0 },
      },
      message: checkMessage(service, check, handles),
      tags: [`check:${check.id}`, `env:${model.environment}`, "managed-by:readiness", `service:${service.id}`, `severity:${check.severity}`],
    },
  };
}
