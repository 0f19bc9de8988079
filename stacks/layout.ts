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

/**
 * `<system>-<env>-<stack>`: the Pulumi stack name of a part, e.g. `shop-prod-shared`,
 * `shop-prod-shard-03`, `shop-prod-team-payments`. The system is in the name so two specs deployed
 * from one Pulumi project never share (and so take over) a stack.
 */
export function pulumiStackName(system: string, environment: string, part: string): string {
  return `${system}-${environment}-${part}`;
}

/** The Pulumi stack name of each part: split, `<system>-<env>-<part>`; not split, `<env>` alone (the one stack, as `pulumi up --stack prod` names it). */
export function stackNamer(system: string, environment: string, split: boolean): (part: string) => string {
  return (part) => (split ? pulumiStackName(system, environment, part) : environment);
}

/** Part names a layout can have (partition.ts): what identifies one of an environment's split stacks among a project's. */
const PART_NAME = /^(shared|routing|shard-\d+|team-[a-z0-9-]+)$/;

/** Whether `stack` is named as a split stack of `system`'s `environment` (one the layout had, or has). */
export function isEnvironmentStack(stack: string, system: string, environment: string): boolean {
  const prefix = `${system}-${environment}-`;
  return stack.startsWith(prefix) && PART_NAME.test(stack.slice(prefix.length));
}
