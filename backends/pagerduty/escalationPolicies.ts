/** PagerDuty escalation policies: one per spec escalation, levels in order, `repeat` as loops. */
import type { EscalationTarget, Model } from "../../specification/model";
import type { ElementOf, InputOf, PlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { onCallComponent } from "../../plan/components";
import { aliasNames, logicalName } from "../../plan/naming";
import { PD_ESCALATION_POLICY, PD_SCHEDULE } from "./tokens";
import { userRef } from "./users";
import { environmentName } from "./environmentName";

/** Minutes before a level escalates; PagerDuty takes whole minutes and at least one. */
export function escalationDelayInMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** One escalation target, as the SDK's `EscalationPolicyRuleTarget`. */
type RuleTarget = ElementOf<ElementOf<InputOf<typeof PD_ESCALATION_POLICY, "rules">>["targets"]>;

function target(model: Model, t: EscalationTarget): RuleTarget {
  return t.kind === "schedule"
    ? { type: "schedule_reference", id: ref(logicalName(t.schedule), PD_SCHEDULE, "id") }
    : { type: "user_reference", id: userRef(model, t.person) };
}

/** One escalation policy per spec escalation, on the on-call component. */
export function pagerDutyEscalationPolicies(model: Model): PlanResource[] {
  return model.oncall.escalations.map((escalation) => {
    const aliases = aliasNames(escalation.previously, (id) => logicalName(id));
    return {
      type: PD_ESCALATION_POLICY,
      name: logicalName(escalation.id),
      parent: onCallComponent(model).name,
      provider: "pagerduty" as const,
      inputs: {
        name: environmentName(model, escalation.name),
        numLoops: escalation.repeat,
        rules: escalation.levels.map((level) => ({
          escalationDelayInMinutes: escalationDelayInMinutes(level.escalateAfter.seconds),
          targets: level.notify.map((t) => target(model, t)),
        })),
      },
      ...(model.paging ? { protect: true } : {}),
      ...(aliases ? { aliases } : {}),
    };
  });
}
