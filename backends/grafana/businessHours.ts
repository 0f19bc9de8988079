/**
 * Business hours in Grafana: a mute timing covering the hours outside them (in the hours' time
 * zone, so daylight saving time is followed) and, under every contact-point policy of the severity
 * branches, a nested policy for alerts labelled `active_during="business-hours"` that inherits
 * the contact point and carries the mute timing. A mute timing rather than the newer active
 * timings, which older Grafana versions reject.
 */
import type { BusinessHours, Model } from "../../specification/model";
import { businessHoursGate } from "../../alerting/businessHours";
import { WEEKDAY_NAMES } from "../../specification/schema";
import type { ElementOf, InputOf, PlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { routingComponent } from "../../plan/components";
import { accountScopedName, logicalName } from "../../plan/naming";
import { ACTIVE_DURING_LABEL, BUSINESS_HOURS } from "../../rules/businessHoursGuard";

export const MUTE_TIMING_TYPE = "grafana:alerting/muteTiming:MuteTiming";

/** Name of the mute timing (mute timings are per Grafana organisation, like the policy tree). */
export const OUTSIDE_BUSINESS_HOURS = `outside-${BUSINESS_HOURS}`;

type Policy = ElementOf<InputOf<"grafana:alerting/notificationPolicy:NotificationPolicy", "policies">>;
type Interval = ElementOf<InputOf<typeof MUTE_TIMING_TYPE, "intervals">>;

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The week outside business hours: the working days before and after the hours, and the other days whole. */
export function outsideIntervals(hours: BusinessHours): Interval[] {
  const from = hours.from.hour * 60 + hours.from.minute;
  const to = hours.to.hour * 60 + hours.to.minute;
  const times = [...(from > 0 ? [{ start: "00:00", end: hhmm(from) }] : []), ...(to < 1440 ? [{ start: hhmm(to), end: "24:00" }] : [])];
  const off = [0, 1, 2, 3, 4, 5, 6].filter((d) => !hours.days.includes(d));
  const out: Interval[] = [];
  if (times.length) out.push({ weekdays: hours.days.map((d) => WEEKDAY_NAMES[d]), times, location: hours.timezone });
  if (off.length) out.push({ weekdays: off.map((d) => WEEKDAY_NAMES[d]), location: hours.timezone });
  return out;
}

/** The mute timing, when any alert Grafana evaluates is limited to business hours and the hours have an outside. */
export function grafanaMuteTiming(model: Model): PlanResource[] {
  const hours = businessHoursGate(model, "prometheus");
  if (!hours) return [];
  const intervals = outsideIntervals(hours);
  if (intervals.length === 0) return [];
  return [{ type: MUTE_TIMING_TYPE, name: logicalName(OUTSIDE_BUSINESS_HOURS), parent: routingComponent(model).name, provider: "grafana", inputs: { name: accountScopedName(model, OUTSIDE_BUSINESS_HOURS), intervals } }];
}

/** The severity branches with a muted nested policy under each contact-point policy. */
export function withBusinessHours(model: Model, branches: Policy[]): Policy[] {
  if (grafanaMuteTiming(model).length === 0) return branches;
  // By reference, so Pulumi creates the mute timing before the policy names it.
  const muted: Policy = { matchers: [{ label: ACTIVE_DURING_LABEL, match: "=", value: BUSINESS_HOURS }], muteTimings: [ref(logicalName(OUTSIDE_BUSINESS_HOURS), MUTE_TIMING_TYPE, "name")] };
  const withMuted = (p: Policy): Policy => ({ ...p, policies: [...(Array.isArray(p.policies) ? p.policies : []), muted] });
  return branches.map((branch) => (Array.isArray(branch.policies) ? { ...branch, policies: branch.policies.map((p) => withMuted(p as Policy)) } : branch));
}
