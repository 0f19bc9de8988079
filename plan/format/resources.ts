/** The plan's resources as the text and Markdown forms group and name them: by provider, then component. */
import type { Plan, PlannedResource } from "../plan";
import { CUSTOM_RESOURCE_TYPE } from "../sdkTypes";

/** Resources by provider, then by parent component, in plan order. */
export function groups(plan: Plan): Map<string, Map<string, PlannedResource[]>> {
  const out = new Map<string, Map<string, PlannedResource[]>>();
  for (const r of plan.resources) {
    const byParent = out.get(r.provider) ?? new Map<string, PlannedResource[]>();
    byParent.set(r.parent, [...(byParent.get(r.parent) ?? []), r]);
    out.set(r.provider, byParent);
  }
  return out;
}

/** A type token without its module (`grafana:ContactPoint`). */
export function shortType(type: string): string {
  const m = /^([^:]+):[^:]+:(\w+)$/.exec(type);
  return m ? `${m[1]}:${m[2]}` : type;
}

/** A custom resource is shown as its kind (`kubernetes:PrometheusRule`), which says what it is. */
export function resourceType(r: PlannedResource): string {
  return r.type === CUSTOM_RESOURCE_TYPE && typeof r.inputs.kind === "string" ? `kubernetes:${r.inputs.kind}` : shortType(r.type);
}
