/**
 * What PagerDuty refuses in the names readiness derives from the spec. Source:
 * PagerDuty/terraform-provider-pagerduty, util/util.go `ValidateIsAllowedString`, used by
 * pagerduty/resource_pagerduty_service.go (`name`: `NoNonPrintableChars`) and
 * pagerduty/resource_pagerduty_escalation_policy.go (`name`: `NoNonPrintableCharsOrSpecialChars`).
 */
import type { Model } from "../../specification/model";
import type { LimitProblem } from "../descriptor";
import { environmentName } from "./environmentName";

/** Escalation policy names may not hold these (`NoNonPrintableCharsOrSpecialChars`). */
export const ESCALATION_NAME_FORBIDDEN = ["\\", "/", "&", "<", ">"];

/**
 * Why PagerDuty refuses a name, or undefined: blank, a character Go's `unicode.IsPrint` rejects
 * (anything outside letters, marks, numbers, punctuation, symbols and the ASCII space), a trailing
 * space, or one of `forbidden`.
 */
export function pagerdutyNameProblem(name: string, forbidden: readonly string[] = []): string | undefined {
  if (name === "") return "is blank";
  if (/[\p{C}\p{Zl}\p{Zp}]|[^\P{Zs} ]/u.test(name)) return "holds a non-printable character";
  if (name.endsWith(" ")) return "ends with a space";
  const bad = forbidden.filter((c) => name.includes(c));
  return bad.length ? `holds ${bad.map((c) => `"${c}"`).join(", ")}` : undefined;
}

/** The PagerDuty service and escalation policy names of one environment that PagerDuty would refuse. */
export function pagerdutyLimitProblems(model: Model): LimitProblem[] {
  const out: LimitProblem[] = [];
  for (const service of model.services) {
    const problem = pagerdutyNameProblem(environmentName(model, service.name));
    if (problem) out.push({ at: { service: service.id, field: ["name"] }, message: `PagerDuty refuses the service name ${JSON.stringify(service.name)}: it ${problem}`, hint: "PagerDuty service names are printable text without a trailing space" });
  }
  for (const escalation of model.oncall.escalations) {
    const problem = pagerdutyNameProblem(environmentName(model, escalation.name), ESCALATION_NAME_FORBIDDEN);
    if (problem)
      out.push({
        at: { escalation: escalation.id, field: ["name"] },
        message: `PagerDuty refuses the escalation policy name ${JSON.stringify(escalation.name)}: it ${problem}`,
        hint: `PagerDuty escalation policy names may not hold ${ESCALATION_NAME_FORBIDDEN.join(" ")} or non-printable characters`,
      });
  }
  return out;
}
