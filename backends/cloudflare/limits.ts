/**
 * What Cloudflare health checks can express for the spec's checks. Source:
 * cloudflare/terraform-provider-cloudflare internal/services/healthcheck/schema.go: `timeout` and
 * `interval` are `Int64Attribute`s in seconds, and a health check asserts status and body only,
 * never the response time.
 */
import type { Model } from "../../specification/model";
import type { LimitProblem } from "../descriptor";
import { cloudflareCanProbe, healthcheckTimeoutSeconds } from "./healthchecks";

/** Backends that run the spec's checks with a response-time bound to the millisecond. */
const PRECISE = ["grafana", "datadog", "prometheus"] as const;

/**
 * Budgets of a fraction of a second that only Cloudflare would run: its whole-second timeout would
 * let a slower answer pass, and it has no response-time assertion, so such a check is refused.
 * With another check backend enabled, that one keeps the budget and Cloudflare's looser probe
 * only adds its email.
 */
export function cloudflareLimitProblems(model: Model): LimitProblem[] {
  if (model.backends.some((b) => (PRECISE as readonly string[]).includes(b))) return [];
  const out: LimitProblem[] = [];
  for (const service of model.services) {
    for (const check of service.checks) {
      if (!cloudflareCanProbe(check) || check.expect.within.ms % 1000 === 0) continue;
      out.push({
        at: { service: service.id, list: "checks", id: check.id, field: ["expect", "within"] },
        message: `Cloudflare health checks time out in whole seconds and cannot assert a response time, and no other backend of environment ${model.environment} runs this check; a budget of ${check.expect.within.text} would be loosened to ${healthcheckTimeoutSeconds(check)}s`,
        hint: "write whole seconds, or enable grafana, datadog or prometheus for this environment",
      });
    }
  }
  return out;
}
