/**
 * Business hours in Datadog: a recurring downtime over the hours outside them, in the hours' own
 * time zone (Datadog follows daylight saving time), muting the monitors of alerts declared
 * `activeDuring: businessHours`. A downtime rather than the monitor's `schedulingOptions.customSchedule`,
 * because a custom schedule sets the instants a monitor is evaluated, not a window it may notify in.
 *
 * The monitors are picked by tags, so a new business-hours alert joins without touching the
 * downtime: `active_during:business-hours` plus the environment and system tags, so another
 * system or environment sharing the Datadog organisation is never muted by this one.
 */
import type { BusinessHours, Model } from "../../specification/model";
import { businessHoursGate } from "../../alerting/businessHours";
import type { PlanResource } from "../../plan/plan";
import { stackComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { BUSINESS_HOURS } from "../../rules/businessHoursGuard";

/** Pulumi type token of a Datadog downtime schedule. */
export const DATADOG_DOWNTIME_TYPE = "datadog:index/downtimeSchedule:DowntimeSchedule";

const RRULE_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;
/**
 * Recurrences start on the first matching day of the week of 2025-01-05 (a Sunday), the same
 * fixed past date for every spec, so the plan never depends on when it is rendered.
 */
const FIRST_SUNDAY = Date.UTC(2025, 0, 5);

/** Tags that mark a monitor as muted outside business hours. */
export function businessHoursTags(model: Model): string[] {
  return [`active_during:${BUSINESS_HOURS}`, `system:${model.system.name}`];
}

/** One stretch of time outside business hours, in local minutes of the week from Sunday 00:00. */
interface OffStretch {
  start: number;
  minutes: number;
}

/** The stretches of the week outside business hours, in order from Sunday 00:00. */
export function outsideHours(hours: BusinessHours): OffStretch[] {
  const from = hours.from.hour * 60 + hours.from.minute;
  const to = hours.to.hour * 60 + hours.to.minute;
  const open = hours.days.map((d) => [d * DAY_MINUTES + from, d * DAY_MINUTES + to]).sort((a, b) => a[0] - b[0]);
  const off: OffStretch[] = [];
  open.forEach(([, end], i) => {
    const nextStart = i + 1 < open.length ? open[i + 1][0] : open[0][0] + WEEK_MINUTES;
    if (nextStart > end) off.push({ start: end % WEEK_MINUTES, minutes: nextStart - end });
  });
  return off.sort((a, b) => a.start - b.start);
}

function durationText(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/** Weekly recurrences of the stretches, those with the same start time and length sharing one RRULE. */
export function downtimeRecurrences(hours: BusinessHours): { duration: string; rrule: string; start: string }[] {
  const byShape = new Map<string, OffStretch[]>();
  for (const s of outsideHours(hours)) {
    const key = `${s.start % DAY_MINUTES}/${s.minutes}`;
    byShape.set(key, [...(byShape.get(key) ?? []), s]);
  }
  return [...byShape.values()].map((stretches) => {
    const first = stretches[0];
    const day = Math.floor(first.start / DAY_MINUTES);
    const minute = first.start % DAY_MINUTES;
    const date = new Date(FIRST_SUNDAY + day * 86400000).toISOString().slice(0, 10);
    const hhmm = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
    return {
      duration: durationText(first.minutes),
      rrule: `FREQ=WEEKLY;BYDAY=${stretches.map((s) => RRULE_DAYS[Math.floor(s.start / DAY_MINUTES)]).join(",")}`,
      start: `${date}T${hhmm}:00`,
    };
  });
}

/** The downtime of the environment's business-hours monitors, when any alert is limited to business hours. */
export function datadogBusinessHoursDowntime(model: Model): PlanResource[] {
  const hours = businessHoursGate(model, "datadog");
  if (!hours) return [];
  const recurrences = downtimeRecurrences(hours);
  if (recurrences.length === 0) return [];
  return [
    {
      type: DATADOG_DOWNTIME_TYPE,
      name: logicalName(BUSINESS_HOURS),
      parent: stackComponent(model).name,
      provider: "datadog",
      inputs: {
        scope: "*",
        monitorIdentifier: { monitorTags: [...businessHoursTags(model), `env:${model.environment}`, "managed-by:readiness"].sort() },
        recurringSchedule: { timezone: hours.timezone, recurrences },
        displayTimezone: hours.timezone,
        message: "Outside business hours: these alerts notify only during them (readiness `activeDuring: businessHours`).",
        // Datadog's defaults, stated so they never show as a diff: a monitor still alerting when
        // the downtime ends at the start of business hours notifies then.
        notifyEndStates: ["alert", "no data", "warn"],
        notifyEndTypes: ["canceled", "expired"],
      },
    },
  ];
}
