/** Resolve step: dashboards, sorted by id, panels in the order written. */
import type { Dashboard } from "../model";
import type { ResolveContext } from "./context";
import { byId, query } from "./values";

/** Every dashboard with its panels' queries trimmed. */
export function resolveDashboards(ctx: ResolveContext): Dashboard[] {
  return byId(ctx.spec.dashboards.map((d) => ({ id: d.id, title: d.title, panels: d.panels.map((p) => ({ title: p.title, unit: p.unit, query: query(p.query) ?? {} })) })));
}
