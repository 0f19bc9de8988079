/** Rules against pages that fire on one bad sample: they wake people for blips and flap. */
import type { AuditRule } from "../rule";
import type { RuleFinding } from "../finding";
import { MIN_PAGING_CHECK_FAILURES, pagesOnFirstFailure, pagesWithoutFor } from "../predicates";
import { conditionText } from "../../specification/alertCondition";

/**
 * `page-without-for`: spec alerts that page with `for: 0s`. Burn-rate alerts are not held to it:
 * both windows must exceed the factor, and the short one (5m for 1h) is their debounce, so a `for`
 * only delays them (the default table has none, as Sloth's; `window-shorter-than-scrapes` guards
 * a short window too short to debounce).
 */
export const pageWithoutFor: AuditRule = ({ model }) =>
  model.services.flatMap((s) => [
    ...s.alerts
      .filter((a) => pagesWithoutFor(a.severity, a.for.seconds))
      .map((a): RuleFinding => ({
        rule: "page-without-for",
        level: "warning",
        message: `alert ${s.id}/${a.id} pages with \`for: ${a.for.text}\`: a single evaluation ${conditionText(a.condition)} wakes someone, and it will flap`,
        hint: "set `for:` to a few evaluation intervals (e.g. 5m)",
        subject: { kind: "alert", service: s.id, alert: a.id, field: "for" },
      })),
  ]);

/** `check-pages-on-first-failure`. */
export const checkPagesOnFirstFailure: AuditRule = ({ model }) =>
  model.services.flatMap((s) =>
    s.checks
      .filter((c) => pagesOnFirstFailure(c.severity, c.alertAfter))
      .map((c): RuleFinding => ({
        rule: "check-pages-on-first-failure",
        level: "warning",
        message: `check ${s.id}/${c.id} pages after ${c.alertAfter} failed request${c.alertAfter === 1 ? "" : "s"}: one network blip wakes someone`,
        hint: `set \`alertAfter: ${MIN_PAGING_CHECK_FAILURES}\` or more`,
        subject: { kind: "check", service: s.id, check: c.id, field: "alertAfter" },
      })),
  );
