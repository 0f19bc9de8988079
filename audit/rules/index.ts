/** Every audit rule, in the order of the catalogue. */
import type { SpecRuleId } from "../catalogue";
import type { AuditRule } from "../rule";
import { runbookMissing } from "./runbooks";
import { escalationLastLevelSinglePerson, escalationPersonNotInSchedule, escalationSingleLevel, oncallCoverageGap, scheduleSingleMember } from "./oncall";
import { criticalServiceNoSlo, pageCannotFire, sloNoPageAlert, windowShorterThanScrapes } from "./slos";
import { noQueryForBackend } from "./queries";
import { checkPagesOnFirstFailure, pageWithoutFor } from "./flapping";
import { criticalServiceNotOnStatusPage } from "./statusPage";
import { routeWithoutTarget } from "./routing";
import { pageDetectionTooSlow, watchdogNoSwitch } from "./silence";

/** Each rule id with the function that checks it; a new id fails to compile until it has one. */
export const AUDIT_CHECKS: Record<SpecRuleId, AuditRule> = {
  "check-pages-on-first-failure": checkPagesOnFirstFailure,
  "critical-service-no-slo": criticalServiceNoSlo,
  "critical-service-not-on-status-page": criticalServiceNotOnStatusPage,
  "escalation-last-level-single-person": escalationLastLevelSinglePerson,
  "escalation-person-not-in-schedule": escalationPersonNotInSchedule,
  "escalation-single-level": escalationSingleLevel,
  "no-query-for-backend": noQueryForBackend,
  "oncall-coverage-gap": oncallCoverageGap,
  "page-cannot-fire": pageCannotFire,
  "page-detection-too-slow": pageDetectionTooSlow,
  "page-without-for": pageWithoutFor,
  "route-without-target": routeWithoutTarget,
  "runbook-missing": runbookMissing,
  "schedule-single-member": scheduleSingleMember,
  "slo-no-page-alert": sloNoPageAlert,
  "watchdog-no-switch": watchdogNoSwitch,
  "window-shorter-than-scrapes": windowShorterThanScrapes,
};
