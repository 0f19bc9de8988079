/**
 * What a reviewer reads first: a change to monitoring in the spec's own words (an SLO objective, an
 * alert's threshold, who can be woken), before any provider resource is mentioned.
 */

/** The concept a semantic change is about, in the order a reviewer cares about them. */
export type SemanticKind =
  | "paging"
  | "routing"
  | "schedule"
  | "escalation"
  | "slo"
  | "burn-rate"
  | "alert"
  | "check"
  | "heartbeat"
  | "status-page";

/** Kinds in report order: who gets woken first, then what wakes them. */
export const SEMANTIC_KINDS: readonly SemanticKind[] = ["paging", "routing", "schedule", "escalation", "slo", "burn-rate", "alert", "check", "heartbeat", "status-page"];

/** Whether the thing appeared, disappeared, changed, or was renamed through `previously:`. */
export type ChangeAction = "added" | "removed" | "changed" | "renamed";

/** One field that differs, both sides already written for a reader (`99.9%`, `5m`, `above 0.05`). */
export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

/** One row of the two-week on-call table: who is on call in [from, to) before and after. */
export interface OnCallRow {
  /** Local time in the schedule's zone with its offset, `2026-03-09T09:00:00-04:00`. */
  from: string;
  to: string;
  before?: string;
  after?: string;
}

/** Who is on call for one schedule over a stretch of days, before and after the change. */
export interface OnCallTable {
  schedule: string;
  timezone: string;
  /** First day shown, YYYY-MM-DD (from `--now`). */
  fromDate: string;
  days: number;
  rows: OnCallRow[];
}

/** One change to monitoring as a user would describe it. */
export interface SemanticChange {
  kind: SemanticKind;
  action: ChangeAction;
  /** What changed, by spec ids: `billing-api/availability`, `page`, `billing-primary`. */
  subject: string;
  /** The earlier id, for renames. */
  previousSubject?: string;
  /** Field-level differences (for added/removed: the thing's main settings on one side). */
  fields: FieldChange[];
  /** Schedules only: who is on call over the next days, before and after, when that differs. */
  onCall?: OnCallTable;
  /** The included team file that holds the subject (diff/changeOrigin.ts); unset for the root spec. */
  file?: string;
}
