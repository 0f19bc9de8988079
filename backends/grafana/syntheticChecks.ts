/**
 * Grafana Synthetic Monitoring HTTP checks for the spec's checks. The check only probes; alerting
 * after `alertAfter` failures comes from the service's rule group, which selects `probe_success`
 * by the check's job, so Grafana and Prometheus users alert the same way.
 */
import type { Check, Model } from "../../specification/model";
import type { PlanLookup, PlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { serviceComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { checkJob } from "./dashboards";
import { smBudgetByRule, smFrequencyMs, smTimeoutMs } from "./limits";
import type { PromRuleGroup } from "../../rules/rule";
import { checkSlowRule } from "../../rules/checkRules";

export const SM_CHECK_TYPE = "grafana:syntheticMonitoring/check:Check";
export const SM_PROBES_TOKEN = "grafana:syntheticMonitoring/getProbes:getProbes";

/** A regular expression matching the literal text (the body must contain it). */
export function literalRegexp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The lookup of the public probe locations the checks run from. */
export function probesLookup(): PlanLookup {
  return { token: SM_PROBES_TOKEN, name: "probes", provider: "grafana", args: { filterDeprecated: true } };
}

/** One HTTP check. */
export function smCheck(model: Model, check: Check): PlanResource {
  const http: { [key: string]: string | number | boolean | string[] | number[] } = {
    method: check.method,
    validStatusCodes: [check.expect.status],
    ipVersion: "V4",
    noFollowRedirects: false,
    failIfNotSsl: check.url.startsWith("https://"),
  };
  if (check.expect.bodyContains !== undefined) http.failIfBodyNotMatchesRegexps = [literalRegexp(check.expect.bodyContains)];
  return {
    type: SM_CHECK_TYPE,
    name: logicalName(check.serviceId, check.id),
    parent: serviceComponent(model, check.serviceId).name,
    provider: "grafana",
    inputs: {
      job: checkJob(check.serviceId, check.id),
      target: check.url,
      enabled: true,
      frequency: smFrequencyMs(check),
      // A budget under Synthetic Monitoring's 1s minimum is kept by the check-slow rule instead (limits.ts).
      timeout: smTimeoutMs(check),
      // The ids of all probe locations (the lookup's `probes` map, values sorted by name).
      probes: ref("probes", SM_PROBES_TOKEN, "probes", "values"),
      labels: { env: model.environment, service: check.serviceId, check: check.id },
      // Synthetic Monitoring's own alerts would duplicate the rule group's.
      alertSensitivity: "none",
      basicMetricsOnly: true,
      settings: { http },
    },
  };
}

/** Checks of every service, and the probe lookup when there is at least one. */
export function grafanaSyntheticChecks(model: Model): { lookups: PlanLookup[]; resources: PlanResource[] } {
  const resources = model.services.flatMap((s) => s.checks.map((c) => smCheck(model, c)));
  return { lookups: resources.length ? [probesLookup()] : [], resources };
}

/**
 * The rule groups with a check-slow rule beside each check whose budget Synthetic Monitoring
 * cannot time out at (under 1s), in the service's alerts group with the check's other rules.
 */
export function withSlowProbeRules(model: Model, groups: PromRuleGroup[]): PromRuleGroup[] {
  return groups.map((group) => {
    const service = model.services.find((s) => s.id === group.service);
    if (!service || group.name !== `${service.id}-alerts`) return group;
    const slow = service.checks.filter(smBudgetByRule).map((c) => checkSlowRule(model, service, c));
    return slow.length ? { ...group, rules: [...group.rules, ...slow] } : group;
  });
}
