/**
 * PagerDuty schedules: one layer per spec schedule, whose start is a fixed timestamp derived from
 * the spec (never "now", which would show a diff on every run), written with the zone's offset.
 */
import type { Coverage, Model, Schedule } from "../../specification/model";
import type { ElementOf, InputOf, PlanResource } from "../../plan/plan";
import { onCallComponent } from "../../plan/components";
import { aliasNames, logicalName } from "../../plan/naming";
import { coverageLengthMinutes } from "../../oncall/coverageHours";
import { firstHandoff } from "../../oncall/rotation";
import { formatWithOffset, zone } from "../../oncall/zone";
import { PD_SCHEDULE } from "./tokens";
import { userRef } from "./users";
import { environmentName } from "./environmentName";

/** Seconds in one turn of a rotation, as PagerDuty's `rotationTurnLengthSeconds`. */
export function rotationTurnLengthSeconds(schedule: Pick<Schedule, "rotation">): number {
  return schedule.rotation === "daily" ? 86_400 : 604_800;
}

/** The first handoff in the schedule's zone with its UTC offset, e.g. `2025-01-06T09:00:00-05:00`. */
export function layerStart(schedule: Schedule): string {
  return formatWithOffset(firstHandoff(schedule).getTime(), zone(schedule.timezone));
}

/**
 * PagerDuty layer restrictions for coverage hours: one daily restriction when every day has the
 * same window, else one weekly restriction per covered day; none for around-the-clock coverage.
 */
/** One schedule layer, as the SDK's `ScheduleLayer`. */
type Layer = ElementOf<InputOf<typeof PD_SCHEDULE, "layers">>;

export function layerRestrictions(coverage: Coverage | undefined): NonNullable<Layer["restrictions"]> & unknown[] {
  if (!coverage) return [];
  const durationSeconds = coverageLengthMinutes(coverage) * 60;
  const everyDay = coverage.days.length === 7;
  if (everyDay && durationSeconds >= 86_400) return [];
  const p2 = (n: number) => String(n).padStart(2, "0");
  const startTimeOfDay = `${p2(coverage.from.hour)}:${p2(coverage.from.minute)}:00`;
  if (everyDay) return [{ type: "daily_restriction", startTimeOfDay, durationSeconds }];
  // PagerDuty counts weekdays 1 = Monday ... 7 = Sunday; the Model counts 0 = Sunday.
  return coverage.days
    .map((d) => (d === 0 ? 7 : d))
    .sort((a, b) => a - b)
    .map((startDayOfWeek) => ({ type: "weekly_restriction", startDayOfWeek, startTimeOfDay, durationSeconds }));
}

/** One schedule resource per spec schedule, on the on-call component. */
export function pagerDutySchedules(model: Model): PlanResource[] {
  return model.oncall.schedules.map((schedule) => {
    const start = layerStart(schedule);
    const restrictions = layerRestrictions(schedule.coverage);
    const layer: Layer = {
      name: schedule.name,
      start,
      rotationVirtualStart: start,
      rotationTurnLengthSeconds: rotationTurnLengthSeconds(schedule),
      users: schedule.members.map((m) => userRef(model, m)),
      ...(restrictions.length ? { restrictions } : {}),
    };
    const aliases = aliasNames(schedule.previously, (id) => logicalName(id));
    return {
      type: PD_SCHEDULE,
      name: logicalName(schedule.id),
      parent: onCallComponent(model).name,
      provider: "pagerduty" as const,
      inputs: {
        name: environmentName(model, schedule.name),
        description: `${schedule.rotation} rotation, handoff ${schedule.handoff.text} (managed by readiness)`,
        timeZone: schedule.timezone,
        layers: [layer],
      },
      ...(model.paging ? { protect: true } : {}),
      ...(aliases ? { aliases } : {}),
    };
  });
}
