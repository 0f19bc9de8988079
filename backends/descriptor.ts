/**
 * What a provider folder tells the rest of readiness about itself. Each folder's index.ts exports
 * one, and backends/registry.ts lists them: adding a backend is its folder, one registry line and
 * the `Backend` union member (plus its SDK's types in plan/sdkTypes.ts, which tsc needs statically).
 */
import type { Backend, Model } from "../specification/model";
import type { PlanResource, RenderSettings } from "../plan/plan";
import type { PlanFragment } from "../plan/components";

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
}

/** The name, parent and provider every provider resource shares. */
export interface ProviderBase {
  name: Backend;
  parent: string;
  provider: Backend;
}
