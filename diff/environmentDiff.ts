/** One environment's diff: the semantic layer first, then the resources, with what it was compared to. */
import type { Model } from "../specification/model";
import type { Plan } from "../plan/plan";
import { semanticDiff } from "./semanticDiff";
import { resourceDiff, type ResourceChange } from "./resourceDiff";
import type { SemanticChange } from "./semanticChange";
import { emptyModel } from "./emptyModel";
import type { BeforeResources } from "./beforeResources";

/** Everything `readiness diff` reports for one environment. */
export interface EnvironmentDiff {
  environment: string;
  /** What the change is compared with: `HEAD:readiness.yaml`, `origin/main:readiness.yaml`, `environment staging`. */
  base: string;
  /** Facts about the comparison a reader must know, e.g. that the base had no spec. */
  notes: string[];
  semantic: SemanticChange[];
  resources: ResourceChange[];
}

/** One side of a diff: the resolved Model and, when rendered, its Plan. */
export interface DiffSide {
  model: Model;
  plan?: Plan;
}

/** The side a diff compares with: its resources may be read on demand from a cached base. */
export interface BeforeSide {
  model: Model;
  plan?: Plan | BeforeResources;
}

/** What environmentDiff compares. */
export interface DiffInput {
  base: string;
  notes?: string[];
  /** Undefined when the base has no spec or no such environment: everything is added. */
  before?: BeforeSide;
  after: DiffSide;
  /** First day of the on-call tables, YYYY-MM-DD. */
  fromDate: string;
  days?: number;
}

/** Diffs two sides; resources are compared only when the after side has a plan. */
export function environmentDiff(input: DiffInput): EnvironmentDiff {
  const beforeModel = input.before?.model ?? emptyModel(input.after.model);
  return {
    environment: input.after.model.environment,
    base: input.base,
    notes: input.notes ?? [],
    semantic: semanticDiff(beforeModel, input.after.model, { fromDate: input.fromDate, days: input.days }),
    resources: input.after.plan ? resourceDiff(input.before?.plan, input.after.plan) : [],
  };
}

/** True when the change does nothing to monitoring or resources (what `--exit-code` turns into 0). */
export function isEmptyDiff(d: EnvironmentDiff): boolean {
  return d.semantic.length === 0 && d.resources.length === 0;
}

/** Every warning of the resource layer, in resource order. */
export function diffWarnings(d: EnvironmentDiff): string[] {
  return d.resources.flatMap((r) => r.warnings);
}
