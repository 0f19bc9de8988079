/**
 * renderPlan(model, settings) -> Plan: every enabled backend rendered and merged.
 *
 * Each backend's renderer and provider come from its descriptor in the registry. The merge sorts
 * everything, so the plan is byte-identical for the same spec whatever its order.
 */
import type { Model } from "../specification/model";
import type { Plan, PlanComponent, PlannedLookup, PlannedResource, RenderSettings } from "../plan/plan";
import { stackComponent } from "../plan/components";
import { withRenameAliases } from "../plan/renames";
import { REGISTRY } from "./registry";

export function renderPlan(model: Model, settings: RenderSettings): Plan {
  const root = stackComponent(model);
  const components = new Map<string, PlanComponent>([[key(root), root]]);
  const lookups = new Map<string, PlannedLookup>();
  const resources = new Map<string, PlannedResource>();
  for (const backend of model.backends) {
    const { render, provider: providerOf } = REGISTRY[backend];
    const fragment = render(model, settings);
    const provider = providerOf({ name: backend, parent: root.name, provider: backend }, settings, fragment);
    resources.set(key(provider), provider);
    for (const c of fragment.components) components.set(key(c), c);
    for (const l of fragment.lookups) lookups.set(`${l.token}::${l.name}`, l);
    for (const r of fragment.resources) {
      if (resources.has(key(r))) throw new Error(`two resources named ${r.name} of type ${r.type}: logical names must be unique per type`);
      resources.set(key(r), r);
    }
  }
  const byName = new Map([...components.values()].map((c) => [c.name, c]));
  for (const r of resources.values())
    if (!byName.has(r.parent)) throw new Error(`resource ${r.type} ${r.name} names parent ${r.parent}, which is not a component of the plan`);
  const plan: Plan = {
    environment: model.environment,
    components: [...components.values()].sort((a, b) => depth(a, byName) - depth(b, byName) || cmp(a.type, b.type) || cmp(a.name, b.name)),
    lookups: [...lookups.values()].sort((a, b) => cmp(a.token, b.token) || cmp(a.name, b.name)),
    resources: [...resources.values()].sort((a, b) => cmp(a.provider, b.provider) || cmp(a.type, b.type) || cmp(a.name, b.name)),
  };
  return withRenameAliases(plan, model);
}

function key(x: { type: string; name: string }): string {
  return `${x.type}::${x.name}`;
}

function depth(c: PlanComponent, byName: Map<string, PlanComponent>): number {
  let d = 0;
  for (let p = c.parent; p !== undefined && d < 10; p = byName.get(p)?.parent) d++;
  return d;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
