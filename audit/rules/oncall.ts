/**
 * On-call rules: rotations with nobody to hand over to, escalations that end too early, people
 * woken outside any rotation, and hours when a page reaches nobody.
 */
import type { AuditRule } from "../rule";
import type { RuleFinding } from "../finding";
import { coverageGaps } from "../../oncall/coverageGaps";
import { endsWithLonePerson, hasTooFewLevels, isSingleMemberRotation } from "../predicates";

/** How far ahead coverage gaps are looked for. */
export const COVERAGE_HORIZON_DAYS = 28;

/** `schedule-single-member`. */
export const scheduleSingleMember: AuditRule = ({ model }) =>
  // Paging findings mean nothing where nothing pages (`paging: false`); the same spec's paging environments report them.
  (model.paging ? model.oncall.schedules : [])
    .filter((s) => isSingleMemberRotation(s.members.length))
    .map((s): RuleFinding => ({
      rule: "schedule-single-member",
      level: "warning",
      message: `schedule ${s.id} has ${s.members.length === 0 ? "no members" : `one member (${s.members[0]})`}, who is on call every ${s.rotation === "weekly" ? "week" : "day"} with nobody to hand over to`,
      hint: "add at least one more person to `members`",
      subject: { kind: "schedule", schedule: s.id, field: "members" },
    }));

/** `escalation-single-level`. */
export const escalationSingleLevel: AuditRule = ({ model }) =>
  (model.paging ? model.oncall.escalations : [])
    .filter((e) => hasTooFewLevels(e.levels.length))
    .map((e): RuleFinding => ({
      rule: "escalation-single-level",
      level: "warning",
      message: `escalation ${e.id} has ${e.levels.length} level${e.levels.length === 1 ? "" : "s"}: a page nobody acknowledges goes nowhere else`,
      hint: "add a second level (a secondary schedule or a manager) with `escalateAfter` on the first",
      subject: { kind: "escalation", escalation: e.id, field: "levels" },
    }));

/** `escalation-last-level-single-person`. */
export const escalationLastLevelSinglePerson: AuditRule = ({ model }) =>
  (model.paging ? model.oncall.escalations : []).flatMap((e): RuleFinding[] => {
    const last = e.levels[e.levels.length - 1];
    if (!last || !endsWithLonePerson(last.notify, e.repeat)) return [];
    const who = last.notify[0].kind === "person" ? last.notify[0].person : "";
    return [
      {
        rule: "escalation-last-level-single-person",
        level: "warning",
        message: `escalation ${e.id} ends with ${who} alone and does not repeat: if ${who} misses it, the page is dropped`,
        hint: "set `repeat: 1` or more, or notify a schedule (or a second person) at the last level",
        subject: { kind: "escalation", escalation: e.id, level: e.levels.length - 1 },
      },
    ];
  });

/** `escalation-person-not-in-schedule`. */
export const escalationPersonNotInSchedule: AuditRule = ({ model }) => {
  if (!model.paging) return [];
  const rostered = new Set(model.oncall.schedules.flatMap((s) => s.members));
  const out: RuleFinding[] = [];
  for (const e of model.oncall.escalations) {
    e.levels.forEach((level, i) => {
      for (const t of level.notify) {
        if (t.kind !== "person" || rostered.has(t.person)) continue;
        out.push({
          rule: "escalation-person-not-in-schedule",
          level: "warning",
          message: `escalation ${e.id} notifies ${t.person} directly at level ${i + 1}, and ${t.person} is in no schedule: they can be woken at any hour`,
          hint: `put ${t.person} in a schedule with at least one other member and notify that schedule instead (a one-person schedule trips schedule-single-member)`,
          subject: { kind: "escalation", escalation: e.id, level: i },
        });
      }
    });
  }
  return out;
};

/** `oncall-coverage-gap`: hours in the next four weeks when a page reaches nobody. */
export const oncallCoverageGap: AuditRule = ({ model, now }) => {
  const to = new Date(now.getTime() + COVERAGE_HORIZON_DAYS * 86_400_000);
  return coverageGaps(model, now, to)
    .filter((e) => e.hours > 0)
    .map((e) => {
      const first = e.gaps[0];
      const reasons = e.schedules.filter((s) => s.hours > 0).map((s) => `${s.schedule}: ${[...new Set(s.gaps.map((g) => g.reason))].join(", ")}`);
      return {
        rule: "oncall-coverage-gap" as const,
        level: "error" as const,
        message: `pages routed to escalation ${e.escalation} reach nobody for ${round(e.hours)} hours in the ${COVERAGE_HORIZON_DAYS} days from ${day(now)} (${e.gaps.length} gap${e.gaps.length === 1 ? "" : "s"}, first ${iso(first.from)} to ${iso(first.to)}; ${reasons.join("; ")})`,
        hint: "cover the missing hours with another schedule at some level, widen `coverage`, or notify a person at a later level",
        subject: { kind: "escalation" as const, escalation: e.escalation },
      };
    });
};

function round(h: number): string {
  return Number.isInteger(h) ? String(h) : h.toFixed(1);
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function iso(d: Date): string {
  return `${d.toISOString().slice(0, 16)}Z`;
}
