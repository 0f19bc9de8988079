/** The shape of an audit rule: a pure function of the Model and the instant the audit is about. */
import type { Model } from "../specification/model";
import type { RuleFinding } from "./finding";

/** What every rule sees. */
export interface AuditContext {
  model: Model;
  /** The start of the period forward-looking rules (coverage gaps) examine; passed in, never read from a clock. */
  now: Date;
}

/** One audit rule. */
export type AuditRule = (ctx: AuditContext) => RuleFinding[];
