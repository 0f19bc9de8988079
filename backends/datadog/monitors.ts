/**
 * Datadog monitors: `slo alert` burn-rate monitors per SLO window pair (guarded against low traffic
 * by a composite), `query alert` monitors for the spec's alerts, and staleness monitors for heartbeats. Only things with a Datadog query render.
 */
import type { Alert, Duration, Model, Service, Severity } from "../../specification/model";
import type { PlanComponent, PlanConcat, PlanInputs, PlanRef, PlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { logicalName } from "../../plan/naming";
import { serviceComponent, sloComponent, stackComponent, type PlanFragment } from "../../plan/components";
import type { RenderSettings } from "../../plan/plan";
import { DATADOG_SLO_TYPE, datadogSloResource, datadogSloResources, sloTags } from "./slos";
import { notifyHandles } from "./handles";
import { DATADOG_MONITOR_TYPE } from "./types";
import { statusPageHandles } from "./statusPageAlerts";
import { pinnedUrgency, routeFor } from "../../specification/routes";
import { datadogChangeShift } from "../../specification/limits/datadog";
import { businessHoursTags, datadogBusinessHoursDowntime } from "./businessHours";
import { datadogBurnRateQuery, datadogTrafficQuery } from "../../slos/datadog";
import { burnDescription } from "../../rules/sloRules";


/** Placeholder the SLO id takes inside a burn-rate query until it is known at deploy time. */
const SLO_ID = "\u0000slo-id\u0000";

/** A string built at deploy time from text and references (`pulumi.concat` in materialize). */
export function concatValue(parts: (string | PlanRef<string>)[]): PlanConcat {
  return { $concat: parts };
}

/** Monitor priority, 1 (highest) to 5; the SDK and the API take it as a string. */
const PRIORITY: Record<Severity, string> = { page: "1", ticket: "3", info: "5" };

/**
 * Priority of a monitor: by severity, unless its route pins an urgency (P1 for high, P3 for low),
 * which is what Datadog passes on to PagerDuty. Where paging is off the resolver has already
 * lowered `high` to `low`, and a page is never rendered, so nothing gets P1 there.
 */
function priorityOf(model: Model, service: Service, severity: Severity, alertId?: string): string {
  const urgency = pinnedUrgency(routeFor(model, service.id, severity, alertId));
  return urgency === "high" && model.paging ? "1" : urgency === "low" ? "3" : PRIORITY[severity];
}

/** Monitor message: summary, details, runbook, then who is notified; no trailing whitespace (perpetual diff). */
export function monitorMessage(model: Model, service: Service, severity: Severity, lines: (string | undefined)[], runbook?: string, alertId?: string): string {
  // The status page's handle last: it is not a route, it only shows the state (alerting/statusPageAlerts.ts).
  const handles = [...notifyHandles(model, service.id, severity, alertId), ...statusPageHandles(model, service.id, severity)];
  return [...lines, runbook ? `Runbook: ${runbook}` : undefined, handles.length ? handles.join(" ") : undefined]
    .filter((l): l is string => l !== undefined && l.trim() !== "")
    .map((l) => l.trimEnd())
    .join("\n\n");
}

/**
 * A metric term in Datadog's query grammar, `space_aggr:metric{tags}`: a heartbeat names a bare
 * metric (`billing.charge_run.last_success{env:prod}`), which Datadog's monitor API refuses
 * without the space aggregator every other term has; one already written is kept. A bare metric
 * name gets the scope `{*}` (all tags), which the grammar requires too.
 */
export function withSpaceAggregator(metric: string, aggregator: "sum" | "avg" | "max" | "min"): string {
  const m = metric.trim();
  const scoped = m.includes("{") || m.includes("(") ? m : `${m}{*}`;
  return /^(avg|sum|min|max|count|p\d+(\.\d+)?):/.test(scoped) ? scoped : `${aggregator}:${scoped}`;
}

/** Datadog `last_` evaluation window covering a duration, at least 5m (hours when whole). */
export function evaluationWindow(d: Duration): string {
  const s = Math.max(300, d.seconds);
  return s % 3600 === 0 ? `last_${s / 3600}h` : `last_${Math.ceil(s / 60)}m`;
}

/** Options set on every monitor so the provider's defaults never show up as a diff. */
function baseOptions(notifyNoData: boolean, noDataMinutes: number): Partial<PlanInputs<typeof DATADOG_MONITOR_TYPE>> {
  return { notifyNoData, noDataTimeframe: notifyNoData ? Math.max(10, noDataMinutes) : 10, requireFullWindow: false, includeTags: true, renotifyInterval: 0 };
}

/**
 * Burn-rate monitors of one SLO, one per window pair Datadog can express. With the low-traffic
 * guard on, a pair is three monitors, because an `slo alert` query cannot count events: the
 * `slo alert` itself and a traffic monitor (`<pair>/traffic`, in alert while the short window holds
 * `minEvents` events), both silent and tagged `constituent:true`, and the composite
 * `<pair>/guarded` (`<burn id> && <traffic id>`) that notifies: Datadog's own pattern for "alert
 * on the error rate only when hits are above a number" (docs.datadoghq.com, "Composite Monitor Use
 * Cases"). The `slo alert` keeps its name, so turning the guard on updates it in place rather than
 * replacing it (a monitor's `type` forces a replacement in terraform-provider-datadog).
 */
function burnRateMonitors(model: Model, service: Service): PlanResource[] {
  return service.slos.flatMap((slo) => {
    const sloResource = datadogSloResource(model, service, slo);
    if (!sloResource) return [];
    return slo.alerts.flatMap((alert): PlanResource[] => {
      const query = datadogBurnRateQuery(SLO_ID, slo, alert);
      if (!query) return [];
      const [before, after] = query.split(SLO_ID);
      const name = logicalName(service.id, slo.id, alert.id);
      const title = `${service.name}: ${slo.id} SLO burning ${alert.factor}x over ${alert.windowLabel}`;
      const tags = [...sloTags(model, service, slo), `severity:${alert.severity}`, `window:${alert.windowLabel}`];
      const notifying = (lines: string[]) => ({
        message: monitorMessage(model, service, alert.severity, lines, service.runbookUrl),
        priority: priorityOf(model, service, alert.severity),
        tags: [...tags].sort(),
      });
      const burn: PlanResource = {
        type: DATADOG_MONITOR_TYPE,
        name,
        parent: sloComponent(service.id, slo.id).name,
        provider: "datadog",
        inputs: {
          name: title,
          type: "slo alert",
          query: concatValue([before, ref(sloResource.name, DATADOG_SLO_TYPE, "id"), after]),
          ...notifying([burnDescription(slo, alert)]),
          monitorThresholds: { critical: String(alert.factor) },
          ...baseOptions(false, 0),
        },
      };
      const traffic = datadogTrafficQuery(slo, alert);
      if (!traffic) return [burn];
      const guard = `Low-traffic guard: fires only while the last ${alert.short.text} hold at least ${alert.minEvents} events, so one failure cannot cross the ${alert.factor}x threshold.`;
      const silent = (what: string) => ({
        message: `Part of "${title}" (${logicalName(name, "guarded")}), which notifies; ${what}`,
        priority: PRIORITY.info,
        tags: [...tags, "constituent:true"].sort(),
      });
      const trafficMonitor: PlanResource = {
        type: DATADOG_MONITOR_TYPE,
        name: logicalName(name, "traffic"),
        parent: burn.parent,
        provider: "datadog",
        inputs: {
          name: `${service.name}: ${slo.id} SLO has ${alert.minEvents}+ events in ${alert.short.text} (guard of ${alert.factor}x over ${alert.windowLabel})`,
          type: "query alert",
          query: traffic,
          ...silent(`in alert while the traffic is enough for the burn rate to mean something.`),
          monitorThresholds: { critical: String(alert.minEvents) },
          ...baseOptions(false, 0),
        },
      };
      const composite: PlanResource = {
        type: DATADOG_MONITOR_TYPE,
        name: logicalName(name, "guarded"),
        parent: burn.parent,
        provider: "datadog",
        inputs: {
          name: title,
          type: "composite",
          query: concatValue([ref(name, DATADOG_MONITOR_TYPE, "id"), " && ", ref(trafficMonitor.name, DATADOG_MONITOR_TYPE, "id")]),
          ...notifying([burnDescription(slo, alert), guard]),
          ...baseOptions(false, 0),
        },
      };
      const silentBurn = { ...burn.inputs, name: `${title} (before the low-traffic guard)`, ...silent("alone it would fire on one failure among a handful of requests.") };
      return [{ ...burn, inputs: silentBurn }, trafficMonitor, composite];
    });
  });
}

function alertMonitors(model: Model, service: Service): PlanResource[] {
  return service.alerts.flatMap((alert): PlanResource[] => {
    if (!alert.query.datadog) return [];
    const condition = monitorCondition(alert, alert.query.datadog);
    if (!condition) return [];
    const notifyNoData = alert.noData === "alerting";
    const hours = alert.businessHoursOnly && model.oncall.businessHours ? businessHoursTags(model) : [];
    return [
      {
        type: DATADOG_MONITOR_TYPE,
        name: logicalName(service.id, alert.id),
        parent: serviceComponent(model, service.id).name,
        provider: "datadog",
        inputs: {
          name: `${service.name}: ${alert.summary}`,
          type: "query alert",
          query: condition.query,
          message: monitorMessage(model, service, alert.severity, [alert.summary, alert.description], alert.runbookUrl ?? service.runbookUrl, alert.id),
          monitorThresholds: { critical: condition.critical },
          priority: priorityOf(model, service, alert.severity, alert.id),
          tags: [...sloTags(model, service), `alert:${alert.id}`, `severity:${alert.severity}`, ...hours].sort(),
          ...baseOptions(notifyNoData, 2 * Math.ceil(Math.max(300, alert.for.seconds) / 60)),
        },
      },
    ];
  });
}

function heartbeatMonitors(model: Model, service: Service): PlanResource[] {
  return service.heartbeats.flatMap((hb): PlanResource[] => {
    if (!hb.datadog) return [];
    const limit: Duration = { seconds: hb.every.seconds + hb.grace.seconds, text: "" };
    return [
      {
        type: DATADOG_MONITOR_TYPE,
        name: logicalName(service.id, hb.id),
        parent: serviceComponent(model, service.id).name,
        provider: "datadog",
        inputs: {
          name: `${service.name}: ${hb.summary}`,
          type: "query alert",
          // A success reports the metric; none within every + grace leaves the window empty or zero.
          query: `sum(${evaluationWindow(limit)}):${withSpaceAggregator(hb.datadog, "sum")}.as_count() < 1`,
          message: monitorMessage(model, service, hb.severity, [hb.summary, `No success of ${hb.id} within ${hb.every.text} + ${hb.grace.text} grace.`], hb.runbookUrl ?? service.runbookUrl),
          monitorThresholds: { critical: "1" },
          priority: priorityOf(model, service, hb.severity),
          tags: [...sloTags(model, service), `heartbeat:${hb.id}`, `severity:${hb.severity}`].sort(),
          ...baseOptions(true, Math.ceil(limit.seconds / 60)),
        },
      },
    ];
  });
}

/**
 * A monitor's query and critical threshold: `avg(last_5m):Q > 5`, or for a relative increase the
 * change-alert form `pct_change(avg(last_5m),last_1d):Q > 50` (the percent change of the
 * window's average against the same window `1d` before).
 */
export function monitorCondition(alert: Alert, query: string): { query: string; critical: string } | undefined {
  const c = alert.condition;
  if (c.op !== "increase") return { query: `avg(${evaluationWindow(alert.for)}):${query} ${c.op === "above" ? ">" : "<"} ${c.threshold}`, critical: String(c.threshold) };
  const shift = datadogChangeShift(c.window);
  return shift ? { query: `pct_change(avg(${evaluationWindow(alert.for)}),${shift}):${query} > ${c.percent}`, critical: String(c.percent) } : undefined;
}

/** Datadog monitors of an environment: burn-rate, spec alert and heartbeat monitors. */
export function datadogMonitorResources(model: Model): PlanResource[] {
  return model.services.flatMap((s) => [...burnRateMonitors(model, s), ...alertMonitors(model, s), ...heartbeatMonitors(model, s)]);
}

/** Datadog SLOs and monitors as a fragment for the Datadog renderer to merge; empty unless Datadog is enabled. */
export function renderDatadogSloAndMonitors(model: Model, _settings: RenderSettings): PlanFragment {
  if (!model.backends.includes("datadog")) return { components: [], lookups: [], resources: [] };
  const resources = [...datadogSloResources(model), ...datadogMonitorResources(model), ...datadogBusinessHoursDowntime(model)];
  const components: PlanComponent[] = [stackComponent(model)];
  // A set, not a scan per SLO: at 1,000 services the scan was millions of name builds.
  const parents = new Set(resources.map((r) => r.parent));
  for (const s of model.services) {
    components.push(serviceComponent(model, s.id));
    for (const slo of s.slos) if (parents.has(logicalName(s.id, slo.id))) components.push(sloComponent(s.id, slo.id));
  }
  return { components, lookups: [], resources };
}
