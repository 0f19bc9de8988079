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


/** Resolves one environment of a validated spec. Throws only if `env` is not declared. */
export function resolve(spec: Spec, env: string, file = "readiness.yaml"): Model {
  const environment = spec.environments[env];
  if (!environment) throw new Error(`environment "${env}" is not declared; declared: ${Object.keys(spec.environments).join(", ")}`);
  const s = substitute(spec, env, environment.vars) as Spec;
  const ctx: ResolveContext = { spec: s, paging: environment.paging, scrapeInterval: environment.scrapeInterval ? dur(environment.scrapeInterval) : seconds(60) };
  const oncall = resolveOncall(ctx);
  return {
    apiVersion: "readiness/v1",
    environment: env,
    paging: ctx.paging,
    backends: BACKENDS.filter((b: Backend) => environment.backends.includes(b)),
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
