import type { PlannedResource } from "../../plan/plan";

/**
 * A rendered resource's inputs as plain PlanValues, for assertions on any resource type: renderers
 * return `PlanResource`s typed per SDK, whose union only has the inputs every type shares.
 */
export function inputsOf(r: PlannedResource | undefined): PlannedResource["inputs"] {
  return r?.inputs ?? {};
}
