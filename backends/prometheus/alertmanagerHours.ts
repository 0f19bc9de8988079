/**
 * Business hours in the Alertmanager configuration: a `business-hours` time interval with the
 * zone as its `location` (Alertmanager follows daylight saving time, unlike the PromQL guard), and
 * under every route that delivers a severity a first child for alerts labelled
 * `active_during="business-hours"` with that interval as its `active_time_intervals`: the same
 * receiver, only inside the hours. The child sits under the leaves too, so PagerDuty routing per
 * service is kept.
 */
import type { BusinessHours, Model } from "../../specification/model";
import { businessHoursGate } from "../../alerting/businessHours";
import { WEEKDAY_NAMES } from "../../specification/schema";
import type { AlertmanagerConfig, AmRoute, AmTimeInterval } from "./alertmanagerSchema";
import { ACTIVE_DURING_LABEL, BUSINESS_HOURS, weekdayRuns } from "../../rules/businessHoursGuard";

function hhmm(c: { hour: number; minute: number }): string {
  return `${String(c.hour).padStart(2, "0")}:${String(c.minute).padStart(2, "0")}`;
}

/** The hours as an Alertmanager time interval: weekday ranges (`monday:friday`), times, location. */
export function businessHoursInterval(hours: BusinessHours): AmTimeInterval {
  // Alertmanager ranges do not wrap past Saturday, so a run such as saturday..monday is split.
  const weekdays = weekdayRuns(hours.days).flatMap(({ first, length }) => {
    const last = first + length - 1;
    const parts = last > 6 ? [[first, 6], [0, last - 7]] : [[first, last]];
    return parts.map(([a, b]) => (a === b ? WEEKDAY_NAMES[a] : `${WEEKDAY_NAMES[a]}:${WEEKDAY_NAMES[b]}`));
  });
  return { name: BUSINESS_HOURS, time_intervals: [{ weekdays, times: [{ start_time: hhmm(hours.from), end_time: hhmm(hours.to) }], location: hours.timezone }] };
}

function gate(route: AmRoute): AmRoute {
  const child: AmRoute = { receiver: route.receiver, matchers: [`${ACTIVE_DURING_LABEL}=${JSON.stringify(BUSINESS_HOURS)}`], active_time_intervals: [BUSINESS_HOURS] };
  return { ...route, routes: [...(route.routes ?? []).map(gate), child] };
}

/** The configuration with business hours applied, when any alert is limited to them. */
export function withBusinessHours(model: Model, config: AlertmanagerConfig): AlertmanagerConfig {
  const hours = businessHoursGate(model, "prometheus");
  if (!hours) return config;
  // Only the severity routes deliver to people; the watchdog, the incident-log webhook and the status page see everything.
  // `severity="..."` exactly: the status page's `severity=~` route shows state and is not gated.
  const routes = (config.route.routes ?? []).map((r) => (r.matchers?.some((m) => m.startsWith('severity="')) ? gate(r) : r));
  return { ...config, route: { ...config.route, routes }, time_intervals: [businessHoursInterval(hours)] };
}
