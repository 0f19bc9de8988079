/** audit(model) -> the alert inventory and every finding, each placed at a spec path. */
import type { Model } from "../specification/model";
import type { Spec } from "../specification/schema";
import { formatPath } from "../specification/diagnostics";
import { AUDIT_RULES, isSpecRule, type RuleId } from "./catalogue";
import type { Finding, SpecPath } from "./finding";
import type { Level } from "./ruleText";
import { alertInventory, type InventoryEntry } from "./inventory";
import { renderedInventory, type RenderedItem } from "./rendered";
import type { Plan } from "../plan/plan";
import { AUDIT_CHECKS } from "./rules";
import { specPathsFromModel, specPathsFromSpec } from "./specPaths";

/** What `readiness audit` reports for one environment. */
export interface AuditReport {
  environment: string;
  paging: boolean;
  /** Every alert, with the spec path it comes from. */
  alerts: (InventoryEntry & { path: string })[];
  /** Every rendered item that can notify, per backend (empty when the audit was given no plan). */
  rendered: RenderedItem[];
  /** Findings, errors first, then by where they are in the spec. */
  findings: Finding[];
}

/** Inputs of an audit besides the Model. */
export interface AuditOptions {
  /** Start of the four weeks the coverage-gap rule examines. */
  now: Date;
  /** The validated spec the model came from, so paths are the file's own positions; without it, the Model's order. */
  spec?: Spec;
  /** The environment's rendered plan, so the inventory lists what is deployed, not only what the spec says. */
  plan?: Plan;
  /** Only these rules (default: all). */
  rules?: readonly RuleId[];
}

const LEVEL_RANK: Record<Level, number> = { error: 0, warning: 1, info: 2 };

/** Audits one environment. Pure: the same model, spec and `now` give the same report. */
export function audit(model: Model, options: AuditOptions): AuditReport {
  const paths = options.spec ? specPathsFromSpec(options.spec, model.environment) : specPathsFromModel(model);
  const ids = (options.rules ?? AUDIT_RULES.map((r) => r.id)).filter(isSpecRule);
  const findings: Finding[] = ids.flatMap((id) =>
    AUDIT_CHECKS[id]({ model, now: options.now }).map((f) => {
      const segments = paths(f.subject);
      return { ...f, rule: id, path: formatPath(segments), segments };
    }),
  );
  findings.sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || comparePaths(a.segments, b.segments) || cmp(a.rule, b.rule) || cmp(a.message, b.message));
  const alerts = alertInventory(model).map((e) => ({ ...e, path: formatPath(paths(e.subject)) }));
  const rendered = options.plan ? renderedInventory(model, options.plan) : [];
  return { environment: model.environment, paging: model.paging, alerts, rendered, findings };
}

/** True when the report has a finding that fails the audit. */
export function hasErrors(report: Pick<AuditReport, "findings">): boolean {
  return report.findings.some((f) => f.level === "error");
}

/** Counts of findings per level. */
export function countByLevel(findings: readonly Pick<Finding, "level">[]): Record<Level, number> {
  const out: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.level]++;
  return out;
}

function comparePaths(a: SpecPath, b: SpecPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return cmp(String(x), String(y));
  }
  return a.length - b.length;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
