/**
 * What a provider folder tells the rest of readiness about itself. Each folder's index.ts exports
 * one, and backends/registry.ts lists them: adding a backend is its folder, one registry line and
 * the `Backend` union member (plus its SDK's types in plan/sdkTypes.ts, which tsc needs statically).
 */
import type { Backend, Model } from "../specification/model";
import type { Plan, PlannedResource, PlanResource, RenderSettings } from "../plan/plan";
import type { PlanFragment } from "../plan/components";
import type { Delivery } from "../alerting/routingTree";

/** One backend: its Pulumi package, how its resources are rendered, and its provider. */
export interface BackendDescriptor {
  id: Backend;
  /** The Pulumi package (`pulumi:providers:<package>`, `<package>:...` type tokens). */
  package: string;
  /** The SDK module, loaded only when a plan is materialized with it (the SDKs are large). */
  sdk(): Record<string, unknown>;
  /** The backend's resources for one environment. */
  render(model: Model, settings: RenderSettings): PlanFragment;
  /**
   * The provider its resources are created with, configured from stack config; part of the plan so
   * the Pulumi program registers exactly the plan's resources. `rendered` is what `render` made, for
   * settings only some resources need.
   */
  provider(base: ProviderBase, settings: RenderSettings, rendered: PlanFragment): PlanResource;
  /** The deployed items it can notify through, for the audit's inventory. */
  inventory: NotifyingInventory;
  /** The values it would render for one environment that the provider refuses or cannot keep (its folder's limits.ts). */
  limits(model: Model): LimitProblem[];
}

/** Where in the spec a refused value comes from: an item of a service by id, a service's own field, or an escalation by id. */
export type SpecRef =
  | { service: string; list: "checks" | "alerts" | "slos" | "heartbeats"; id: string; field: string[] }
  | { service: string; field: string[] }
  | { escalation: string; field: string[] };

/** A value a provider would refuse, with what it allows. */
export interface LimitProblem {
  at: SpecRef;
  message: string;
  hint?: string;
}

/** The name, parent and provider every provider resource shares. */
export interface ProviderBase {
  name: Backend;
  parent: string;
  provider: Backend;
}

/**
 * What a backend renders that can notify someone, described so the audit's inventory can read it
 * from any plan without knowing the provider: which rendered resources hold such items and how to
 * read them, and how the backend routes an alert by its labels. `sources` and `quiet` together
 * name every resource type the backend renders, so a new type must be classified.
 */
export interface NotifyingInventory {
  /** Rendered resources holding items that can notify, and how to read those items. */
  sources: NotifyingSource[];
  /** The resources it renders that notify nobody themselves (routing, dashboards, probes whose alerts are rules). */
  quiet: ResourceSelector[];
  /** Where an alert rule with these labels is delivered: the backend's rendered routing tree. */
  delivery?(model: Model, plan: Plan): (labels: Record<string, string>) => Delivery;
  /**
   * The alert rules `readiness export` prints for an environment whose plan holds none of
   * `sources`; the audit lists them as export-only, so the export is reviewed too.
   */
  exported?(model: Model): LabelledItem[];
}

/** Rendered resources of one type; for Kubernetes custom resources (one token for every kind), of one `kind` input. */
export interface ResourceSelector {
  type: string;
  kind?: string;
}

/** Rendered resources holding items that can notify. */
export interface NotifyingSource {
  resources: ResourceSelector;
  /** What the audit lists the items as. */
  itemKind: "rule" | "monitor" | "synthetic" | "notification";
  /** The notifying items one such resource holds. */
  read(resource: PlannedResource, model: Model): NotifyingItem[];
}

/** An alert rule as rendered, delivered by its labels (`severity`, `service`, `watchdog`) through the backend's `delivery`. */
export interface LabelledItem {
  name: string;
  labels: Record<string, string>;
}

/** An item that names its own recipients (a monitor's @-handles, a notification's emails). */
export interface AddressedItem {
  name: string;
  /** The service it belongs to; empty when none. */
  service: string;
  /** Its severity as rendered; anything but a spec severity reads as `info`. */
  severity: string | undefined;
  /** The watchdog, which reaches only the dead man's switch. */
  watchdog?: true;
  delivery: Delivery;
}

/** One deployed item that can notify. */
export type NotifyingItem = LabelledItem | AddressedItem;

/** Whether a rendered resource is one the selector names. */
export function selects(selector: ResourceSelector, resource: Pick<PlannedResource, "type" | "inputs">): boolean {
  return resource.type === selector.type && (selector.kind === undefined || (resource.inputs as { kind?: unknown }).kind === selector.kind);
}
