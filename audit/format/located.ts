/** The report renderers read: the audit with its findings placed in the spec file. */
import type { AuditReport } from "../audit";
import type { LocatedFinding } from "../finding";

/** An audit report whose findings carry `file:line:col`. */
export interface LocatedReport extends Omit<AuditReport, "findings"> {
  /** The spec file the locations point into. */
  file: string;
  findings: LocatedFinding[];
}
