/**
 * What Datadog refuses or cannot express, for the synthetic tests readiness derives from the spec's
 * checks. Sources: DataDog/terraform-provider-datadog (datadog/resource_datadog_synthetics_test_.go)
 * and Datadog's synthetics API as it documents the fields.
 */
import type { Check, Model } from "../../specification/model";
import type { LimitProblem } from "../descriptor";
import { formatMs } from "../../specification/latency";

/**
 * An API test's period, in seconds: resource_datadog_synthetics_test_.go, `options_list.tick_every`,
 * `validation.IntBetween(30, 604800)` for API tests.
 */
export const TICK_EVERY_S = { min: 30, max: 604_800 };

/**
 * The request timeout, in whole seconds: the provider's `request_definition.timeout` is a
 * `schema.TypeInt` ("Timeout in seconds for the test. Defaults to `60`"), sent with `SetTimeout`
 * only when set, so 0 means the 60s default; 60s is also the longest an API test waits (Datadog's
 * HTTP test documentation). A fraction of a second cannot be sent: the `responseTime` assertion,
 * in milliseconds, keeps such a budget.
 */
export const REQUEST_TIMEOUT_S = { min: 1, max: 60 };

/** The request timeout a check's budget becomes: whole seconds, rounded up so the assertion decides, at least 1. */
export function requestTimeoutSeconds(check: Pick<Check, "expect">): number {
  return Math.min(REQUEST_TIMEOUT_S.max, Math.max(REQUEST_TIMEOUT_S.min, Math.ceil(check.expect.within.ms / 1000)));
}

/** The values of one environment's Datadog synthetic tests that Datadog would refuse or could not keep. */
export function datadogLimitProblems(model: Model): LimitProblem[] {
  const out: LimitProblem[] = [];
  for (const service of model.services) {
    for (const check of service.checks) {
      if (check.expect.within.ms > REQUEST_TIMEOUT_S.max * 1000)
        out.push({
          at: { service: service.id, list: "checks", id: check.id, field: ["expect", "within"] },
          message: `Datadog synthetic API tests wait at most ${formatMs(REQUEST_TIMEOUT_S.max * 1000)} for an answer; a budget of ${check.expect.within.text} cannot be kept there`,
          hint: `lower within to ${formatMs(REQUEST_TIMEOUT_S.max * 1000)} or less`,
        });
    }
  }
  return out;
}
