/**
 * The PagerDuty renderer: users (looked up by email), schedules and escalation policies on the
 * on-call component; a service per spec service with Events v2 integrations for the metrics
 * backends, on each service's component.
 */
import type { Model } from "../../specification/model";
import type { RenderSettings } from "../../plan/plan";
import { secret } from "../../plan/plan";
import type { BackendDescriptor } from "../descriptor";
import { inventory } from "./inventory";
import type { PlanFragment } from "../../plan/components";
import { onCallComponent, serviceComponent, stackComponent } from "../../plan/components";
import { pagerDutyUsers } from "./users";
import { pagerDutySchedules } from "./schedules";
import { pagerDutyEscalationPolicies } from "./escalationPolicies";
import { pagerDutyServices } from "./services";
import { pagerdutyLimitProblems } from "./limits";

/** Everything PagerDuty provisions for one environment; empty when PagerDuty is not one of its backends. */
export function render(model: Model, _settings: RenderSettings): PlanFragment {
  if (!model.backends.includes("pagerduty")) return { components: [], lookups: [], resources: [] };
  const users = pagerDutyUsers(model);
  const services = pagerDutyServices(model);
  const resources = [...users.resources, ...pagerDutySchedules(model), ...pagerDutyEscalationPolicies(model), ...services];
  const serviceIds = [...new Set(services.map((r) => r.parent))];
  const components = [stackComponent(model), onCallComponent(model), ...serviceIds.map((id) => serviceComponent(model, id))];
  return { components, lookups: users.lookups, resources };
}

/** The pagerduty backend (@pulumi/pagerduty). */
export const descriptor: BackendDescriptor = {
  id: "pagerduty",
  package: "pagerduty",
  sdk: () => require("@pulumi/pagerduty"),
  render,
  inventory,
  limits: pagerdutyLimitProblems,
  provider: (base) => ({ ...base, type: "pulumi:providers:pagerduty", inputs: { token: secret("pagerduty:token") } }),
};
