/** Cross-reference step: stacks split by owner need every service to have a team. */
import type { Spec } from "../schema";
import type { Diagnostic, Locator } from "../diagnostics";
import { serviceTeam } from "../owner";

/** `stacks: { by: owner }` puts each service in its team's stack: every service needs a team. */
export function checkStackOwners(spec: Spec, locate: Locator): Diagnostic[] {
  const byOwner = Object.entries(spec.environments).find(([, e]) => e.stacks?.by === "owner")?.[0];
  if (byOwner === undefined) return [];
  return spec.services.flatMap((svc, si) =>
    serviceTeam(svc, spec.system) === undefined ? [locate(["services", si], "NoOwner", `service "${svc.id}" has no owner, and environments.${byOwner}.stacks.by: owner puts each service in its team's stack`, "set services[].owner, declare the service in a team file (its name is the team), or set system.owner")] : [],
  );
}
