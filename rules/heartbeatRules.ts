/** Prometheus rules for heartbeats: a job that must report success every `every` (+ `grace`). */
import type { Heartbeat, Model, Service } from "../specification/model";
import type { PromAlertRule } from "./rule";
import { alertName, atLeast, leastUrgent, sortedRecord } from "./naming";

/** Shorter gaps are scrape hiccups or restarts, not a lost heartbeat. */
const MIN_ABSENT_SECONDS = 5 * 60;

/**
 * A rule for a late heartbeat (`time() - last success > every + grace`) and one for a heartbeat
 * metric that is gone, since a missing timestamp can never look late.
 */
export function heartbeatRules(model: Model, service: Service, hb: Heartbeat): PromAlertRule[] {
  const metric = hb.prometheus;
  if (!metric) return [];
  const limit = hb.every.seconds + hb.grace.seconds;
  const labels = sortedRecord({ env: model.environment, heartbeat: hb.id, service: service.id, severity: hb.severity });
  const absentDelay = atLeast(hb.grace, MIN_ABSENT_SECONDS);
  return [
    {
      alert: alertName(service.id, hb.id, "heartbeat-missed"),
      expr: `time() - max(${metric}) > ${limit}`,
      labels,
      annotations: sortedRecord({
        summary: `${service.name}: ${hb.summary}`,
        description: `No success of ${hb.id} for more than ${hb.every.text} + ${hb.grace.text} grace.`,
        runbook_url: hb.runbookUrl ?? service.runbookUrl,
      }),
    },
    {
      alert: alertName(service.id, hb.id, "heartbeat-absent"),
      expr: `absent(${metric})`,
      for: absentDelay.text,
      labels: { ...labels, severity: leastUrgent([service.absenceSeverity, hb.severity]) },
      annotations: sortedRecord({
        summary: `${service.name}: ${hb.summary} (heartbeat metric missing)`,
        description: `The heartbeat metric of ${hb.id} has been missing for ${absentDelay.text}, so a late run cannot be seen.`,
        runbook_url: hb.runbookUrl ?? service.runbookUrl,
      }),
    },
  ];
}
