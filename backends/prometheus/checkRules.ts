/**
 * Prometheus rules for synthetic checks, on `probe_success` as exported by Grafana synthetic
 * monitoring (job `<service>/<check>`) and the Blackbox exporter.
 */
import type { Check, Model, Service } from "../../specification/model";
import type { PromAlertRule } from "./rules";
import { alertName, quote, sortedRecord } from "./naming";
import { seconds } from "../../specification/duration";

/** The probe_success selector of a check. */
export function probeSelector(service: Pick<Service, "id">, check: Pick<Check, "id" | "url">): string {
  return `probe_success{job=${quote(`${service.id}/${check.id}`)}, instance=${quote(check.url)}}`;
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
export function checkRules(model: Model, service: Service, check: Check): PromAlertRule[] {
  const sel = probeSelector(service, check);
  const range = seconds(check.alertAfter * check.every.seconds).text;
  return [
    {
      alert: alertName(service.id, check.id, "check-failing"),
      expr: `max_over_time(${sel}[${range}]) == 0 and count_over_time(${sel}[${range}]) >= ${check.alertAfter}`,
      labels: sortedRecord({ check: check.id, env: model.environment, service: service.id, severity: check.severity }),
      annotations: sortedRecord({
        summary: `${service.name}: ${check.method} ${check.url} failed ${check.alertAfter} checks in a row`,
        description: `The ${check.id} check (every ${check.every.text}, expecting ${check.expect.status} within ${check.expect.within.text}) failed its last ${check.alertAfter} runs.`,
        runbook_url: service.runbookUrl,
      }),
    },
  ];
}
