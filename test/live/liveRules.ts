/**
 * The rule file the live tests load: what the spec renders, less one group (never deployed) and
 * with one group changed by hand (drift) so that one of its rules fails every evaluation.
 */
import { isAlertRule, type PromRuleGroup } from "../../rules/rule";
import { ruleGroupsYaml } from "../../rules/ruleFile";

/** The group left out of the loaded rules. */
export const UNLOADED_GROUP = "checkout-slos";
/** The group changed by hand. */
export const DRIFTED_GROUP = "shop-slos";
/** Fails at evaluation: two series on the right-hand side match the one on the left. */
export const FAILING_EXPR = 'vector(1) + on() (label_replace(vector(1), "a", "1", "", "") or label_replace(vector(1), "a", "2", "", ""))';

/** The loaded rule file's text and the alert whose rule was changed. */
export function loadedRules(groups: PromRuleGroup[]): { text: string; changedAlert: string } {
  let changedAlert = "";
  const loaded = groups
    .filter((g) => g.name !== UNLOADED_GROUP)
    .map((g) => {
      if (g.name !== DRIFTED_GROUP) return g;
      const rules = g.rules.map((r) => {
        if (!isAlertRule(r) || changedAlert) return r;
        changedAlert = r.alert;
        return { ...r, expr: FAILING_EXPR };
      });
      return { ...g, rules };
    });
  return { text: ruleGroupsYaml(loaded), changedAlert };
}
