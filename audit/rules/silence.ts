/** Rules against alerting that is silent when it matters: pages that come too late, no watchdog switch. */
import type { AuditRule } from "../rule";
import type { RuleFinding } from "../finding";
import { detectionSeconds } from "../../slos/burnRate";
import { humanize } from "../../specification/duration";

/**
 * Longest a total outage may go unpaged. The workbook's fast pair pages a 99.9% SLO within a
 * minute; 15 minutes is already a long time for customers to be down with nobody looking.
 */
export const MAX_PAGE_DETECTION_SECONDS = 15 * 60;

/**
 * `page-detection-too-slow`: per SLO, the fastest page of a total outage (100% errors); per paging
 * check, `alertAfter x every`; per paging spec alert, its `for`. Only where paging is on: in a
 * `paging: false` environment nothing pages, so there is nothing to be late.
 */
export const pageDetectionTooSlow: AuditRule = ({ model }) => {
  if (!model.paging) return [];
  const limit = MAX_PAGE_DETECTION_SECONDS;
  return model.services.flatMap((s) => {
    const out: RuleFinding[] = [];
    for (const slo of s.slos) {
      const pages = slo.alerts.filter((a) => a.severity === "page");
      if (pages.length === 0) continue;
      const times = pages.map((a) => detectionSeconds(a, slo.errorBudget, 1)).filter((t): t is number => t !== undefined);
      const fastest = times.length ? Math.min(...times) : undefined;
      if (fastest === undefined || fastest <= limit) continue;
      const fast = pages.find((a) => detectionSeconds(a, slo.errorBudget, 1) === fastest) ?? pages[0];
      out.push({
        rule: "page-detection-too-slow",
        level: "warning",
        message: `a total outage of ${s.id}/${slo.id} (${slo.objective}%) pages only after ${humanize(fastest)}: ${fast.factor}x the budget is ${Math.round(fast.factor * slo.errorBudget * 1000) / 10}% of the ${fast.long.text} window`,
        hint: `page on a shorter long window (alerting.windows, e.g. 14.4x over 15m/2m), or pair the SLO with a check or threshold alert that pages within ${humanize(limit)}`,
        subject: { kind: "slo", service: s.id, slo: slo.id, field: "alerting" },
      });
    }
    for (const c of s.checks.filter((c) => c.severity === "page" && c.alertAfter * c.every.seconds > limit)) {
      out.push({
        rule: "page-detection-too-slow",
        level: "warning",
        message: `check ${s.id}/${c.id} pages only after ${humanize(c.alertAfter * c.every.seconds)} of failures (${c.alertAfter} x every ${c.every.text})`,
        hint: `probe more often (\`every\`) or lower \`alertAfter\` so that alertAfter x every is at most ${humanize(limit)}`,
        subject: { kind: "check", service: s.id, check: c.id, field: "every" },
      });
    }
    for (const a of s.alerts.filter((a) => a.severity === "page" && a.for.seconds > limit)) {
      out.push({
        rule: "page-detection-too-slow",
        level: "warning",
        message: `alert ${s.id}/${a.id} pages only after its condition held for ${a.for.text}`,
        hint: `shorten \`for\` to at most ${humanize(limit)}`,
        subject: { kind: "alert", service: s.id, alert: a.id, field: "for" },
      });
    }
    return out;
  });
};

/**
 * `watchdog-no-switch`: the always-firing watchdog needs an external dead man's switch; the status
 * page Worker is it, so a spec with alerting and no status page has nothing noticing the alerting
 * pipeline itself stop.
 */
export const watchdogNoSwitch: AuditRule = ({ model }) => {
  if (model.statusPage && !model.statusPage.notServed) return [];
  const alerting = model.services.some((s) => s.slos.length + s.alerts.length + s.checks.length + s.heartbeats.length > 0);
  if (!alerting) return [];
  // A page nobody serves cannot receive the watchdog's posts either (statusPageCheck.ts).
  const why = model.statusPage?.notServed ? `the status page ${model.statusPage.hostname} is ${model.statusPage.notServed}` : "the spec has no status page";
  return [
    {
      rule: "watchdog-no-switch",
      level: "warning",
      message: `nothing outside the alerting pipeline notices it stop: the watchdog (ReadinessWatchdog) has no dead man's switch, because ${why}`,
      hint: model.statusPage
        ? "set the stack setting named above, so the status page Worker is served at its hostname and receives the watchdog"
        : "add `statusPage:` (its Worker receives the watchdog and pages through PagerDuty when it stops), or route alerts labelled watchdog=\"true\" to a dead man's switch of your own",
      subject: { kind: "environment" },
    },
  ];
};
