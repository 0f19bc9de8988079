/**
 * What Grafana and its Synthetic Monitoring API refuse, for the values readiness derives from the
 * spec. Sources: grafana/synthetic-monitoring-agent (the API validates checks with the agent's own
 * `Check.Validate`), grafana/grafana (uids, rule titles), grafana/terraform-provider-grafana.
 * limitProblems.ts checks the rendered values against them.
 */
import type { Check } from "../../specification/model";

/**
 * A check's period, in ms: synthetic-monitoring-agent pkg/pb/synthetic_monitoring/checks_extra.go,
 * `minCheckFrequency`/`maxCheckFrequency` (1s..1h) in `Check.validateFrequency`; the Terraform
 * provider's `frequency` says the same (internal/resources/syntheticmonitoring/resource_check.go,
 * `validation.IntBetween(1000, 3600000)`).
 */
export const SM_FREQUENCY_MS = { min: 1000, max: 3_600_000 };

/**
 * An HTTP check's timeout, in ms: checks_extra.go `validateTimeout`, default case:
 * `minCheckTimeout` (1s) to `min(frequency, maxCheckTimeout)` (1 minute). The provider documents
 * 180s, which is `MaxScriptedTimeout`, for k6 checks only; the API refuses it for HTTP.
 */
export const SM_TIMEOUT_MS = { min: 1000, max: 60_000 };

/** A check's target must be a valid label value: checks_extra.go `validateTarget`, `maxValidLabelValueLength`. */
export const SM_TARGET_MAX = 2048;

/** Check label values: checks_extra.go `validateLabelValue`, `MaxLabelValueLength`, non-empty. */
export const SM_LABEL_VALUE_MAX = 128;

/**
 * Folder, dashboard and rule uids: grafana/grafana pkg/util/shortid_generator.go, `MaxUIDLength`
 * and `ValidateUID` (letters, digits, `-`, `_`); the Terraform provider checks folder uids with the
 * same characters (internal/resources/grafana/resource_folder.go, `folderUIDValidation`).
 */
export const GRAFANA_UID = { max: 40, pattern: /^[a-zA-Z0-9_-]+$/ };

/**
 * Alert rule titles and rule group names: grafana/grafana pkg/services/ngalert/store
 * (`AlertRuleMaxTitleLength`, `AlertRuleMaxRuleGroupNameLength`, both 190), checked in
 * pkg/services/ngalert/api/validation/api_ruler_validation.go.
 */
export const RULE_TITLE_MAX = 190;
export const RULE_GROUP_NAME_MAX = 190;

/** The largest timeout Synthetic Monitoring allows a check running every `frequencyMs`. */
export function smMaxTimeoutMs(frequencyMs: number): number {
  return Math.min(frequencyMs, SM_TIMEOUT_MS.max);
}

/** A check's period in Synthetic Monitoring: `every`, brought into 1s..1h (a longer period runs hourly, more often than written, never less). */
export function smFrequencyMs(check: Pick<Check, "every">): number {
  return Math.min(SM_FREQUENCY_MS.max, Math.max(SM_FREQUENCY_MS.min, check.every.seconds * 1000));
}

/**
 * The timeout a check's budget becomes. Under 1s the probe gets the 1s minimum and the budget is
 * kept by the check-slow rule on `probe_duration_seconds` (`smBudgetByRule`); over the maximum,
 * `validate` refuses the check, so the clamp only keeps a plan of an unvalidated model typed.
 */
export function smTimeoutMs(check: Pick<Check, "every" | "expect">): number {
  return Math.min(smMaxTimeoutMs(smFrequencyMs(check)), Math.max(SM_TIMEOUT_MS.min, check.expect.within.ms));
}

/** True when Synthetic Monitoring cannot time out at the budget, so a rule on the probe's duration enforces it. */
export function smBudgetByRule(check: Pick<Check, "expect">): boolean {
  return check.expect.within.ms < SM_TIMEOUT_MS.min;
}
