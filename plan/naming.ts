/**
 * Logical names are a contract: built from spec ids only (never list positions or titles), joined
 * with `/`, so reordering the spec changes nothing and a rename goes through `previously:` aliases.
 */

/** The one way to build a logical name from spec ids. */
export function logicalName(...ids: (string | undefined)[]): string {
  return ids.filter((s): s is string => s !== undefined && s !== "").join("/");
}

/**
 * The name of an object whose name is unique per Grafana org or Datadog account (contact points,
 * mute timings, PagerDuty service objects, webhooks): `<system>-<environment>-<name>`, so staging
 * and prod, or two systems, sharing an org or account never overwrite each other's.
 */
export function accountScopedName(model: { system: { name: string }; environment: string }, name: string): string {
  return `${model.system.name}-${model.environment}-${name}`;
}

/** Logical names the resource had under each earlier id of one of its parts. */
export function aliasNames(previous: string[], build: (id: string) => string): string[] | undefined {
  return previous.length ? previous.map(build).sort() : undefined;
}
