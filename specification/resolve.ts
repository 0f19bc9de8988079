/**
 * resolve(spec, env) -> Model: one environment, every default applied here and nowhere else.
 *
 * Pure and deterministic: no clock, no I/O. Lists are sorted by id so the order of the spec does
 * not matter; order that means something (rotation members, escalation levels, panels, declared
 * burn-rate windows) is kept. Each part of the Model is one step in resolve/.
 */
import type { Spec } from "./schema";
import type { Backend, Model } from "./model";
import { BACKENDS } from "./model";
import { seconds } from "./duration";
import { substitute, type ResolveContext } from "./resolve/context";
import { dur } from "./resolve/values";
import { resolveRouting } from "./resolve/routing";
import { resolveOncall } from "./resolve/oncall";
import { resolveServices } from "./resolve/services";
import { resolveDashboards } from "./resolve/dashboards";
import { resolveStatusPage } from "./resolve/statusPage";
import { resolvePhases, resolveSignoffs } from "./resolve/signoffs";
import { statusPageNotServed, type StatusPageServing } from "./statusPageCheck";


/**
 * Resolves one environment of a validated spec. Throws only if `env` is not declared. `serving`
 * is what the environment's stack config says about the status page's hostname; without it the
 * page is taken to be served (a caller that does not read stack config).
 */
export function resolve(spec: Spec, env: string, file = "readiness.yaml", serving?: StatusPageServing): Model {
  const environment = spec.environments[env];
  if (!environment) throw new Error(`environment "${env}" is not declared; declared: ${Object.keys(spec.environments).join(", ")}`);
  const s = substitute(spec, env, environment.vars) as Spec;
  const backends = BACKENDS.filter((b: Backend) => environment.backends.includes(b));
  const notServed = s.statusPage ? statusPageNotServed(env, backends, serving) : undefined;
  const ctx: ResolveContext = {
    spec: s,
    paging: environment.paging,
    scrapeInterval: environment.scrapeInterval ? dur(environment.scrapeInterval) : seconds(60),
    ...(notServed ? { statusPageNotServed: notServed } : {}),
  };
  const oncall = resolveOncall(ctx);
  return {
    apiVersion: "readiness/v1",
    environment: env,
    paging: ctx.paging,
    backends,
    scrapeInterval: ctx.scrapeInterval,
    system: { name: s.system.name, owner: s.system.owner, description: s.system.description, runbookBase: s.system.runbookBase },
    routing: resolveRouting(ctx),
    oncall,
    services: resolveServices(ctx),
    dashboards: resolveDashboards(ctx),
    statusPage: resolveStatusPage(ctx),
    phases: resolvePhases(ctx),
    signoffs: resolveSignoffs(ctx, oncall.people),
    file,
  };
}
