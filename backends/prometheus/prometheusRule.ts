/**
 * The rule file as a prometheus-operator `PrometheusRule` custom resource
 * (`readiness export prometheus --format prometheusrule`): the same groups under `spec`, named
 * `readiness-<env>` and labelled so that a `ruleSelector` can pick it up.
 */
import { parse, stringify } from "yaml";
import type { Model } from "../../specification/model";
import { ruleGroupsYaml, GENERATED_HEADER } from "../../rules/ruleFile";
import { prometheusRuleGroups } from "../../rules/groups";

/** Labels on every custom resource readiness writes for prometheus-operator. */
export function operatorLabels(model: Model): Record<string, string> {
  return { "app.kubernetes.io/managed-by": "readiness", "readiness/environment": model.environment };
}

/** The PrometheusRule object of one environment. */
export function prometheusRuleResource(model: Model): Record<string, unknown> {
  // One source of truth for rule objects: the rule file's own YAML, read back as data.
  const groups = (parse(ruleGroupsYaml(prometheusRuleGroups(model))) as { groups: unknown[] }).groups;
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: `readiness-${model.environment}`, labels: operatorLabels(model) },
    spec: { groups },
  };
}

/** The PrometheusRule as YAML. */
export function renderPrometheusRule(model: Model): string {
  return `${GENERATED_HEADER}\n# environment: ${model.environment}\n${stringify(prometheusRuleResource(model), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
