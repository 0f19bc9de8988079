/**
 * The inventory of what is deployed: every rendered item that can notify anyone, per backend,
 * read from the rendered output rather than the Model, so nothing a renderer adds (absence,
 * recording-broken and watchdog rules, synthetics, Cloudflare notifications) escapes review.
 *
 * Each backend's descriptor says which of its rendered resources hold such items, how to read them
 * and how it routes an alert rule by its labels (backends/<provider>/inventory.ts); this reads them
 * all alike. An alert rule's `severity` and `service` labels say what it is, and the `watchdog`
 * label marks the rule that reaches only the dead man's switch. Route overrides therefore show as
 * the target that is actually rendered for each alert, and an item wakes the people of its
 * escalation only where it opens a high-urgency PagerDuty incident. Where a backend's rules are
 * not deployed, the rules its export prints are listed, marked export-only.
 * Recording rules, dashboards and health checks themselves notify nobody and are not listed.
 */
import type { Backend, Model, Severity } from "../specification/model";
import { SEVERITIES } from "../specification/model";
import type { Plan } from "../plan/plan";
import { WATCHDOG_LABEL } from "../rules/watchdogRules";
import { REGISTRY } from "../backends/registry";
import { selects, type NotifyingInventory, type NotifyingItem } from "../backends/descriptor";

/** Where an item is deployed: a backend that renders items that can notify. */
export type RenderedBackend = Backend;
/** The backends whose descriptors declare items that can notify, in the order the inventory lists them. */
export const RENDERED_BACKENDS: readonly RenderedBackend[] = (Object.keys(REGISTRY) as Backend[]).filter((b) => REGISTRY[b].inventory.sources.length > 0);

/** One deployed thing that can notify someone. */
export interface RenderedItem {
  backend: RenderedBackend;
  kind: "rule" | "monitor" | "synthetic" | "notification";
  /** The alert name, monitor name or notification name as deployed. */
  name: string;
  /** The service it belongs to; empty for the watchdog. */
  service: string;
  /** The severity it is delivered at (`none` for the watchdog, which reaches only the switch). */
  severity: Severity | "none";
  /** Where it is delivered. */
  routes: string[];
  /** Person ids it can wake. */
  wakes: string[];
  /**
   * True for rules of a backend the environment does not deploy (no `prometheus` backend): they
   * are what `readiness export prometheus` prints, listed so the export is reviewed.
   */
  exportOnly?: true;
}

function isSeverity(s: string | undefined): s is Severity {
  return s !== undefined && (SEVERITIES as readonly string[]).includes(s);
}

/** Every rendered item of the environment that can notify, by backend then service then name. */
export function renderedInventory(model: Model, plan: Plan): RenderedItem[] {
  const items: RenderedItem[] = [];
  for (const backend of RENDERED_BACKENDS) items.push(...backendItems(backend, REGISTRY[backend].inventory, model, plan));
  const rank = (b: RenderedBackend) => RENDERED_BACKENDS.indexOf(b);
  return items.sort((a, b) => rank(a.backend) - rank(b.backend) || cmp(a.service, b.service) || cmp(a.name, b.name) || cmp(a.severity, b.severity));
}

/** One backend's items as rendered in the plan, else (where it declares an export) those its export prints. */
function backendItems(backend: Backend, inventory: NotifyingInventory, model: Model, plan: Plan): RenderedItem[] {
  let route: ((labels: Record<string, string>) => { routes: string[]; wakes: string[] }) | undefined;
  const item = (kind: RenderedItem["kind"], i: NotifyingItem): RenderedItem => {
    if ("labels" in i) {
      route ??= inventory.delivery?.(model, plan) ?? (() => ({ routes: [], wakes: [] }));
      const watchdog = i.labels[WATCHDOG_LABEL] === "true";
      const d = route(i.labels);
      return { backend, kind, name: i.name, service: watchdog ? "" : i.labels.service ?? "", severity: watchdog ? "none" : isSeverity(i.labels.severity) ? i.labels.severity : "info", routes: d.routes, wakes: d.wakes };
    }
    return { backend, kind, name: i.name, service: i.service, severity: i.watchdog ? "none" : isSeverity(i.severity) ? i.severity : "info", routes: i.delivery.routes, wakes: i.delivery.wakes };
  };
  const out: RenderedItem[] = [];
  for (const r of plan.resources)
    for (const source of inventory.sources) if (selects(source.resources, r)) out.push(...source.read(r, model).map((i) => item(source.itemKind, i)));
  const deployed = plan.resources.some((r) => inventory.sources.some((s) => selects(s.resources, r)));
  if (!deployed && inventory.exported) return inventory.exported(model).map((i) => ({ ...item("rule", i), exportOnly: true }));
  return out;
}

/** Number of rendered notifying items per backend. */
export function countByBackend(items: readonly RenderedItem[]): Partial<Record<RenderedBackend, number>> {
  const out: Partial<Record<RenderedBackend, number>> = Object.fromEntries(RENDERED_BACKENDS.map((b) => [b, 0]));
  for (const i of items) out[i.backend] = (out[i.backend] ?? 0) + 1;
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
