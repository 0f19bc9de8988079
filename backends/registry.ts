/**
 * The backends readiness provisions, each from its provider folder's descriptor. Every table that
 * lists backends (rendering, provider resources, SDK constructors, the provider of a type token,
 * the audit's inventory of what can notify) reads this one.
 */
import type { Backend } from "../specification/model";
import type { BackendDescriptor } from "./descriptor";
import { descriptor as grafana } from "./grafana";
import { descriptor as datadog } from "./datadog";
import { descriptor as pagerduty } from "./pagerduty";
import { descriptor as cloudflare } from "./cloudflare";
import { descriptor as prometheus } from "./prometheus";

/**
 * Every backend by id; `Record<Backend, ...>` makes a new backend fail to compile until it is listed.
 * Listed in the order the audit shows their deployed items.
 */
export const REGISTRY: Readonly<Record<Backend, BackendDescriptor>> = { prometheus, grafana, datadog, pagerduty, cloudflare };

/** Type token of a backend's provider resource. */
export function providerType(backend: Backend): string {
  return `pulumi:providers:${REGISTRY[backend].package}`;
}

/** The backend whose provider package a type token belongs to, if any. */
export function backendOfToken(token: string): Backend | undefined {
  const pkg = token.startsWith("pulumi:providers:") ? token.slice("pulumi:providers:".length) : token.split(":")[0];
  return (Object.keys(REGISTRY) as Backend[]).find((b) => REGISTRY[b].package === pkg);
}
