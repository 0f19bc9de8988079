/**
 * What the audit reports: findings with stable rule ids, each pointing at the spec item to fix.
 *
 * Rules see the Model, where lists are sorted by id, so a finding names its subject by ids
 * (`SpecRef`); `specPaths` turns that into the path the item was written at, and the CLI turns the
 * path into `file:line:col` with the loader's locator.
 */
import type { Severity } from "../specification/model";
import type { RuleId } from "./catalogue";
import type { Level } from "./ruleText";


/** The spec item a finding is about, named by ids; `field` is a key under it (`runbook`, `for`). */
export type SpecRef =
  | { kind: "environment"; field?: string }
  | { kind: "route"; severity: Severity }
  | { kind: "schedule"; schedule: string; field?: string }
  | { kind: "escalation"; escalation: string; level?: number; field?: string }
  | { kind: "service"; service: string; field?: string }
  | { kind: "slo"; service: string; slo: string; field?: string }
  | { kind: "burnRateAlert"; service: string; slo: string; alert: string; field?: string }
  | { kind: "alert"; service: string; alert: string; field?: string }
  | { kind: "check"; service: string; check: string; field?: string }
  | { kind: "heartbeat"; service: string; heartbeat: string; field?: string }
  | { kind: "statusPage" };

/** A path into the spec, as segments (`["services", 0, "alerts", 1]`). */
export type SpecPath = (string | number)[];

/** One problem the audit found. */
export interface Finding {
  /** Stable rule id, e.g. `runbook-missing`; tools and suppressions key on it. */
  rule: RuleId;
  level: Level;
  /** What is wrong, with the values involved. */
  message: string;
  /** How to fix it. */
  hint: string;
  /** Where in the spec, as written in messages: `services[0].alerts[1]`. */
  path: string;
  /** The same path as segments, for the locator. */
  segments: SpecPath;
  subject: SpecRef;
}

/** A finding with its position in the spec file. */
export interface LocatedFinding extends Finding {
  location: { file: string; line: number; col: number };
}

/** What a rule reports before the audit places it in the spec. */
export interface RuleFinding {
  rule: RuleId;
  level: Level;
  message: string;
  hint: string;
  subject: SpecRef;
}
