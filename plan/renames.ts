/**
 * `previously:` ids become Pulumi aliases on every resource whose logical name they shaped, in one
 * place, so that no renderer can forget them: renaming a check must not delete and recreate its
 * synthetic check, health check and rule group, nor renaming a service its dashboard.
 *
 * It relies on the naming contract (plan/naming.ts, plan/components.ts): a resource owned by
 * a service (parented on its ServiceMonitoring or one of its ServiceSlo components) has the service
 * id as its first name segment, or as the prefix of a derived one (`billing-api-alerts`), and an
 * item id (SLO, alert, check, heartbeat) as its second segment when it belongs to one item.
 * Resources elsewhere in the tree (routing, on-call, status page) keep the aliases their renderer set.
 */
import type { Model, Service } from "../specification/model";
import type { Plan, PlanComponent, PlannedResource } from "./plan";

/** Every current and earlier spelling of one name segment. */
function spellings(seg: string, index: number, service: Service): string[] {
  if (seg === service.id) return [seg, ...service.previously];
  if (seg.startsWith(`${service.id}-`)) return [seg, ...service.previously.map((p) => `${p}${seg.slice(service.id.length)}`)];
  if (index === 1) {
    const items = [...service.slos, ...service.alerts, ...service.checks, ...service.heartbeats].filter((i) => i.id === seg);
    // An id shared by two kinds of item cannot say whose earlier ids apply.
    if (items.length === 1) return [seg, ...items[0].previously];
  }
  return [seg];
}

/** The names a resource of this service may have had: every combination of earlier spellings. */
function earlierNames(name: string, service: Service): string[] {
  let names = [""];
  name.split("/").forEach((seg, i) => {
    const options = spellings(seg, i, service);
    names = names.flatMap((prefix) => options.map((o) => (prefix === "" ? o : `${prefix}/${o}`)));
  });
  return names.filter((n) => n !== name);
}

function owningService(parent: string | undefined, services: Map<string, Service>): Service | undefined {
  if (parent === undefined) return undefined;
  return services.get(parent) ?? services.get(parent.split("/")[0]);
}

/** The plan with rename aliases added; aliases that name a current resource of the same type are dropped. */
export function withRenameAliases(plan: Plan, model: Model): Plan {
  const services = new Map(model.services.filter((s) => s.previously.length || hasRenamedItem(s)).map((s) => [s.id, s]));
  if (services.size === 0) return plan;
  const taken = new Set(plan.resources.map((r) => `${r.type}::${r.name}`));
  const componentNames = new Set(plan.components.map((c) => `${c.type}::${c.name}`));

  const merge = (current: string[] | undefined, extra: string[], type: string, inUse: Set<string>) => {
    const all = [...new Set([...(current ?? []), ...extra])].filter((n) => !inUse.has(`${type}::${n}`)).sort();
    return all.length ? all : undefined;
  };
  const serviceOf = (r: { parent?: string; type: string; name: string }) =>
    r.type === "readiness:service:ServiceMonitoring" ? services.get(r.name) : owningService(r.parent, services);

  const resources = plan.resources.map((r): PlannedResource => {
    const service = serviceOf(r);
    if (!service) return r;
    const aliases = merge(r.aliases, earlierNames(r.name, service), r.type, taken);
    return aliases ? { ...r, aliases } : r;
  });
  const components = plan.components.map((c): PlanComponent => {
    const service = serviceOf(c);
    if (!service) return c;
    const aliases = merge(c.aliases, earlierNames(c.name, service), c.type, componentNames);
    return aliases ? { ...c, aliases } : c;
  });
  return { ...plan, components, resources };
}

function hasRenamedItem(s: Service): boolean {
  return [...s.slos, ...s.alerts, ...s.checks, ...s.heartbeats].some((i) => i.previously.length > 0);
}
