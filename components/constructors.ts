/**
 * Type token -> SDK constructor, found from the token itself (`pkg:module/file:Name`, or
 * `pkg:group.domain:Name` as Kubernetes spells `kubernetes:apiextensions.k8s.io:CustomResource`),
 * so a renderer that emits a new resource type needs no registration here. Provider packages load
 * only when a plan uses them (they are large). Kubernetes' `kubernetes:core/v1:Secret` is found one
 * level down, under its API version.
 */
import type { Backend } from "../specification/model";
import { providerType, REGISTRY } from "../backends/registry";

/** A resource constructor as every Pulumi SDK class has it. */
export type ResourceConstructor = new (name: string, args: Record<string, unknown>, opts?: unknown) => Record<string, unknown>;

function moduleOf(pkg: Record<string, unknown>, mod: string): Record<string, unknown> {
  if (mod === "index") return pkg;
  const key = Object.keys(pkg).find((k) => k.toLowerCase() === mod.toLowerCase());
  if (!key) throw new Error(`no module ${mod} in the provider package`);
  return pkg[key] as Record<string, unknown>;
}

/** `pulumi:providers:<package>` or a resource token -> its constructor. */
export function constructorFor(backend: Backend, token: string): ResourceConstructor {
  const pkg = REGISTRY[backend].sdk();
  if (token === providerType(backend)) return pkg.Provider as ResourceConstructor;
  const m = /^[^:]+:([^/]+)\/([^:]+):(\w+)$/.exec(token) ?? /^[^:/]+:([a-z0-9]+)\.[a-z0-9.-]+():(\w+)$/.exec(token);
  if (!m) throw new Error(`not a resource type token: ${token}`);
  const mod = moduleOf(pkg, m[1]);
  // Kubernetes nests classes by API version (`kubernetes:core/v1:Secret` is core.v1.Secret).
  const ctor = mod[m[3]] ?? (mod[m[2]] as Record<string, unknown> | undefined)?.[m[3]];
  if (typeof ctor !== "function") throw new Error(`${token}: no such resource in the ${backend} provider`);
  return ctor as ResourceConstructor;
}

/** An invoke token (`pagerduty:index/getUser:getUser`) -> its Output-returning form. */
export function invokeFor(backend: Backend, token: string): (args: Record<string, unknown>, opts?: unknown) => unknown {
  const pkg = REGISTRY[backend].sdk();
  const m = /^[^:]+:([^/]+)\/[^:]+:(\w+)$/.exec(token);
  if (!m) throw new Error(`not an invoke token: ${token}`);
  const fn = moduleOf(pkg, m[1])[`${m[2]}Output`];
  if (typeof fn !== "function") throw new Error(`${token}: no such function in the ${backend} provider`);
  return fn as (args: Record<string, unknown>, opts?: unknown) => unknown;
}
