/** How an alert's condition reads to a person, the same in the audit, the diff and rule text. */
import type { Alert } from "./model";

/** `above 0.05`, `below 1`, or `up 50% on 1d before`. */
export function conditionText(condition: Alert["condition"]): string {
  return condition.op === "increase" ? `up ${condition.percent}% on ${condition.window.text} before` : `${condition.op} ${condition.threshold}`;
}

/** The fixed threshold of a condition, for dashboard lines; a relative increase has none. */
export function fixedThreshold(condition: Alert["condition"]): number | undefined {
  return condition.op === "increase" ? undefined : condition.threshold;
}
