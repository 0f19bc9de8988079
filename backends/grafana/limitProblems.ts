/** The values readiness renders for Grafana, checked against the limits Grafana enforces (limits.ts). */
import type { Model } from "../../specification/model";
import type { LimitProblem } from "../descriptor";
import { formatMs } from "../../specification/latency";
import { prometheusRuleGroups } from "../../rules/groups";
import { smCheck, withSlowProbeRules } from "./syntheticChecks";
import { checkJob } from "./dashboards";
import { grafanaRule } from "./ruleGroups";
import { GRAFANA_UID, RULE_GROUP_NAME_MAX, RULE_TITLE_MAX, SM_LABEL_VALUE_MAX, SM_TARGET_MAX, SM_TIMEOUT_MS, smFrequencyMs, smMaxTimeoutMs } from "./limits";

/** The values of one environment's Grafana resources that Grafana would refuse. */
export function grafanaLimitProblems(model: Model): LimitProblem[] {
  const out: LimitProblem[] = [];
  for (const service of model.services) {
    for (const check of service.checks) {
      const at = (field: string[]) => ({ service: service.id, list: "checks" as const, id: check.id, field });
      const max = smMaxTimeoutMs(smFrequencyMs(check));
      if (check.expect.within.ms > max)
        out.push({
          at: at(["expect", "within"]),
          message: `Grafana Synthetic Monitoring times an HTTP check out after 1s to ${formatMs(max)} (at most the check's period and 1m); a budget of ${check.expect.within.text} cannot be kept there`,
          hint: `lower within to ${formatMs(max)} or less${check.every.seconds * 1000 < SM_TIMEOUT_MS.max ? ", or run the check less often" : ""}`,
        });
      const rendered = smCheck(model, check).inputs as { target: string; job: string; labels: Record<string, string> };
      if (rendered.target.length > SM_TARGET_MAX) out.push({ at: at(["http"]), message: `Grafana Synthetic Monitoring takes a target URL of at most ${SM_TARGET_MAX} characters; this one has ${rendered.target.length}` });
      for (const [name, value] of Object.entries(rendered.labels))
        if (value.length > SM_LABEL_VALUE_MAX) out.push({ at: at(["id"]), message: `Grafana Synthetic Monitoring takes label values of at most ${SM_LABEL_VALUE_MAX} characters; the check's ${name} label has ${value.length}` });
      if (checkJob(service.id, check.id).length > SM_LABEL_VALUE_MAX) out.push({ at: at(["id"]), message: `Grafana Synthetic Monitoring's job label (${service.id}/${check.id}) is over ${SM_LABEL_VALUE_MAX} characters` });
    }
  }
  for (const group of withSlowProbeRules(model, prometheusRuleGroups(model))) {
    if (group.name.length > RULE_GROUP_NAME_MAX) out.push({ at: { service: group.service, field: ["id"] }, message: `Grafana takes rule group names of at most ${RULE_GROUP_NAME_MAX} characters; ${group.name} has ${group.name.length}`, hint: "use a shorter service id" });
    for (const rule of group.rules) {
      // Settings only choose the data source the rule reads; titles and uids do not depend on them.
      const rendered = grafanaRule(group, rule, { grafanaDatasourceUid: "", cloudflareAccountId: "" }, model.environment);
      const title = String(rendered.name);
      const uid = String(rendered.uid);
      if (title.length > RULE_TITLE_MAX) out.push({ at: { service: group.service, field: ["id"] }, message: `Grafana takes alert rule titles of at most ${RULE_TITLE_MAX} characters; ${title.slice(0, 40)}... has ${title.length}`, hint: "use shorter ids" });
      if (!uid || uid.length > GRAFANA_UID.max || !GRAFANA_UID.pattern.test(uid)) out.push({ at: { service: group.service, field: ["id"] }, message: `Grafana refuses the rule uid ${uid}: at most ${GRAFANA_UID.max} letters, digits, - or _` });
    }
  }
  return out;
}
