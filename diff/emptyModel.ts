/** The base of a diff when the spec (or the environment) did not exist yet: everything is added. */
import type { Model } from "../specification/model";

/**
 * A Model with nothing in it for an environment. It keeps the other side's paging policy, so that a
 * new spec shows what it adds rather than a paging flip from a policy nobody wrote.
 */
export function emptyModel(like: Model): Model {
  return {
    apiVersion: "readiness/v1",
    environment: like.environment,
    paging: like.paging,
    backends: [],
    scrapeInterval: like.scrapeInterval,
    system: { name: like.system.name },
    routing: {
      page: { severity: "page", targets: [] },
      ticket: { severity: "ticket", targets: [] },
      info: { severity: "info", targets: [] },
    },
    oncall: { timezone: like.oncall.timezone, people: [], schedules: [], escalations: [] },
    services: [],
    dashboards: [],
    phases: [],
    signoffs: [],
    file: like.file,
  };
}
