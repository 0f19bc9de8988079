/** SLO rules: critical services need one, every SLO needs a page that can fire, on sane windows. */
import type { AuditRule } from "../rule";
import type { RuleFinding } from "../finding";
import { formatSeconds } from "../../specification/duration";
import { burnCannotFire, windowTooShort } from "../predicates";
import { MIN_SCRAPES_PER_WINDOW } from "../../slos/burnRate";

/** `critical-service-no-slo`. */
export const criticalServiceNoSlo: AuditRule = ({ model }) =>
  model.services
    .filter((s) => s.tier === "critical" && s.slos.length === 0)
    .map((s): RuleFinding => ({
      rule: "critical-service-no-slo",
      level: "error",
      message: `critical service ${s.id} has no SLO, so nothing pages on its error budget`,
      hint: "add an availability SLO (errors over total requests) under `slos`",
      subject: { kind: "service", service: s.id, field: "slos" },
    }));

/** `slo-no-page-alert`: only where paging is on, since elsewhere every page is a ticket by design. */
export const sloNoPageAlert: AuditRule = ({ model }) => {
  if (!model.paging) return [];
  return model.services.flatMap((s) =>
    s.slos
      .filter((slo) => !slo.alerts.some((a) => a.severity === "page"))
      .map((slo): RuleFinding => ({
        rule: "slo-no-page-alert",
        level: "error",
        message: `SLO ${s.id}/${slo.id} has no page-severity burn-rate alert in ${model.environment}, so a fast burn can spend its budget before anyone looks`,
        hint: "keep the default windows (drop `alerting`) or add a `severity: page` window such as 14.4x over 1h/5m",
        subject: { kind: "slo", service: s.id, slo: slo.id, field: "alerting" },
      })),
  );
};

/** `page-cannot-fire`: factor x budget >= 1 needs an error ratio above 100%. */
export const pageCannotFire: AuditRule = ({ model }) =>
  model.services.flatMap((s) =>
    s.slos.flatMap((slo) =>
      slo.alerts
        .filter((a) => burnCannotFire(a.factor, slo.errorBudget))
        .map((a): RuleFinding => {
          const needed = Math.round(a.factor * slo.errorBudget * 1000) / 10;
          const maxFactor = Math.floor((1 / slo.errorBudget) * 10) / 10;
          return {
            rule: "page-cannot-fire",
            level: "error",
            message: `${a.severity} alert ${s.id}/${slo.id}/${a.id} can never fire: ${a.factor}x the ${slo.objective}% SLO's budget needs ${needed}% of events to fail`,
            hint: `use a factor below ${maxFactor} for this objective, or raise the objective (14.4x needs an objective of at least 93.06%)`,
            subject: { kind: "burnRateAlert", service: s.id, slo: slo.id, alert: a.id, field: "factor" },
          };
        }),
    ),
  );

/** `window-shorter-than-scrapes`: only where Grafana evaluates the rules on scraped series. */
export const windowShorterThanScrapes: AuditRule = ({ model }) => {
  if (!model.backends.includes("grafana")) return [];
  const scrape = model.scrapeInterval;
  return model.services.flatMap((s) =>
    s.slos.flatMap((slo) =>
      slo.alerts
        .filter((a) => windowTooShort(a.short.seconds, scrape.seconds))
        .map((a): RuleFinding => ({
          rule: "window-shorter-than-scrapes",
          level: "warning",
          message: `burn-rate alert ${s.id}/${slo.id}/${a.id} uses a ${a.short.text} short window, fewer than ${MIN_SCRAPES_PER_WINDOW} scrapes at ${scrape.text}`,
          hint: `make the short window at least ${formatSeconds(MIN_SCRAPES_PER_WINDOW * scrape.seconds)}, or lower environments.${model.environment}.scrapeInterval`,
          subject: { kind: "burnRateAlert", service: s.id, slo: slo.id, alert: a.id, field: "short" },
        })),
    ),
  );
};
