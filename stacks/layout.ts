/** The stacks of one environment as the spec lays them out: the plan, split (or whole). */
import type { Model } from "../specification/model";
import type { Spec } from "../specification/schema";
import type { RenderSettings } from "../plan/plan";
import { renderPlan } from "../backends/render";
import { serviceTeam } from "../specification/owner";
import { partitionPlan, shardOf, SHARED, type StackPart } from "./partition";

/** Every stack of `model`'s environment; one `shared` stack holding the whole plan when the spec declares no split. */
export function layoutStacks(spec: Spec, model: Model, settings: RenderSettings): StackPart[] {
  // The program asks twice (its stack, then what it exports); the same objects give the same layout.
  if (last && last.spec === spec && last.model === model && last.settings === settings) return last.parts;
  const parts = computeLayout(spec, model, settings);
  last = { spec, model, settings, parts };
  return parts;
}

let last: { spec: Spec; model: Model; settings: RenderSettings; parts: StackPart[] } | undefined;

function computeLayout(spec: Spec, model: Model, settings: RenderSettings): StackPart[] {
  const plan = renderPlan(model, settings);
  const layout = spec.environments[model.environment]?.stacks;
  if (!layout) return [{ name: SHARED, services: [], plan, reads: [] }];
  const services = model.services.map((s) => ({ id: s.id, owner: serviceTeam(s, model.system) }));
  return partitionPlan(plan, shardOf(services, layout));
}

/** `<env>-<stack>`: the Pulumi stack name of a part, e.g. `prod-shared`, `prod-shard-03`, `prod-team-payments`. */
export function pulumiStackName(environment: string, part: string): string {
  return `${environment}-${part}`;
}
