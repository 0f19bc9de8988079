/**
 * Prometheus rules for synthetic checks, on `probe_success` as exported by Grafana synthetic
 * monitoring (job `<service>/<check>`) and the Blackbox exporter.
 */
import type { Check, Model, Service } from "../specification/model";
import type { PromAlertRule } from "./rule";
import { alertName, leastUrgent, quote, sortedRecord } from "./naming";
import { seconds } from "../specification/duration";

/** The probe_success selector of a check. */
export function probeSelector(service: Pick<Service, "id">, check: Pick<Check, "id" | "url">): string {
  return `probe_success{job=${quote(`${service.id}/${check.id}`)}, instance=${quote(check.url)}}`;
}

/** The rules of a check: its probes failing, and its probe results missing. */
export function checkRules(model: Model, service: Service, check: Check): PromAlertRule[] {
  const sel = probeSelector(service, check);
  const range = seconds(check.alertAfter * check.every.seconds).text;
  return [checkFailingRule(model, service, check, sel, range), probeAbsentRule(model, service, check, sel)];
}

/**
 * Fires once the last `alertAfter` probes all failed. The range is `alertAfter x every`: a range
 * one second shorter (as this used to be) misses one of the probes whenever the probe lands in
 * that second before the evaluation, and since Prometheus scrapes and evaluates at fixed phases,
 * such a check never fired at all (the live test found it with 2s probes, where it is half the
 * cases). Prometheus 2 ranges include their left edge, so at an exact alignment the range holds
 * one probe more and the alert fires one probe later; it is never lost. Requiring `alertAfter`
 * samples keeps a new check's first failure from firing on its own. Probes far apart (15m) cannot
 * use `for`, because an instant selector looks back only 5m.
 */
function checkFailingRule(model: Model, service: Service, check: Check, sel: string, range: string): PromAlertRule {
  return {
    alert: alertName(service.id, check.id, "check-failing"),
    expr: `max_over_time(${sel}[${range}]) == 0 and count_over_time(${sel}[${range}]) >= ${check.alertAfter}`,
    labels: sortedRecord({ check: check.id, env: model.environment, service: service.id, severity: check.severity }),
    annotations: sortedRecord({
      summary: `${service.name}: ${check.method} ${check.url} failed ${check.alertAfter} checks in a row`,
      description: `The ${check.id} check (every ${check.every.text}, expecting ${check.expect.status} within ${check.expect.within.text}) failed its last ${check.alertAfter} runs.`,
      runbook_url: check.runbookUrl ?? service.runbookUrl,
    }),
  };
}

/**
 * Fires once the last `alertAfter` probes each took longer than the check's budget: how a backend
 * that cannot time a probe out that early (Synthetic Monitoring's 1s minimum timeout) keeps a
 * `within: 300ms`, on the probe's own `probe_duration_seconds`. Window and count as check-failing,
 * so a slow check alerts after as many runs as a failing one.
 */
export function checkSlowRule(model: Model, service: Service, check: Check): PromAlertRule {
  const sel = `probe_duration_seconds{job=${quote(`${service.id}/${check.id}`)}, instance=${quote(check.url)}}`;
  const range = seconds(check.alertAfter * check.every.seconds).text;
  return {
    alert: alertName(service.id, check.id, "check-slow"),
    expr: `min_over_time(${sel}[${range}]) > ${check.expect.within.seconds} and count_over_time(${sel}[${range}]) >= ${check.alertAfter}`,
    labels: sortedRecord({ check: check.id, env: model.environment, service: service.id, severity: check.severity }),
    annotations: sortedRecord({
      summary: `${service.name}: ${check.method} ${check.url} slower than ${check.expect.within.text} ${check.alertAfter} checks in a row`,
      description: `The ${check.id} check (every ${check.every.text}) took longer than its ${check.expect.within.text} budget on each of its last ${check.alertAfter} runs.`,
      runbook_url: check.runbookUrl ?? service.runbookUrl,
    }),
  };
}

/** Results may be this late before their absence alerts: a missed probe or a prober restart is not blindness. */
const MIN_ABSENT_SECONDS = 5 * 60;

/**
 * When `probe_success` stops arriving (the prober is down, the check was deleted by hand, the
 * job label changed) the failing rule sees nothing and stays quiet; this one fires once no result
 * has arrived for two probe intervals (at least 5m). `absent_over_time` rather than `absent`,
 * since probes further apart than the 5m lookback would look absent between runs.
 */
function probeAbsentRule(model: Model, service: Service, check: Check, sel: string): PromAlertRule {
  const range = seconds(Math.max(2 * check.every.seconds, MIN_ABSENT_SECONDS));
  return {
    alert: alertName(service.id, check.id, "check-results-absent"),
    expr: `absent_over_time(${sel}[${range.text}])`,
    labels: sortedRecord({ check: check.id, env: model.environment, service: service.id, severity: leastUrgent([service.absenceSeverity, check.severity]) }),
    annotations: sortedRecord({
      summary: `${service.name}: no results from the ${check.id} check`,
      description: `No probe_success for ${check.method} ${check.url} in ${range.text}: the check is not running or its results do not arrive, so a failure would not alert.`,
      runbook_url: check.runbookUrl ?? service.runbookUrl,
    }),
  };
}
