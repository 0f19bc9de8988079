/**
 * Backend -> the Pulumi provider package that provisions it. They share a name except
 * `prometheus`, whose prometheus-operator custom resources are created through `kubernetes`.
 */
import type { Backend } from "../specification/model";

/** The Pulumi package (`pulumi:providers:<package>`, `<package>:...` type tokens) of each backend. */
export const PROVIDER_PACKAGES: Record<Backend, string> = {
  grafana: "grafana",
  datadog: "datadog",
  pagerduty: "pagerduty",
  cloudflare: "cloudflare",
  prometheus: "kubernetes",
};

/** Type token of a backend's provider resource. */
export function providerType(backend: Backend): string {
  return `pulumi:providers:${PROVIDER_PACKAGES[backend]}`;
}

/** The backend whose provider package a type token belongs to, if any. */
export function backendOfToken(token: string): Backend | undefined {
  const pkg = token.startsWith("pulumi:providers:") ? token.slice("pulumi:providers:".length) : token.split(":")[0];
  return (Object.keys(PROVIDER_PACKAGES) as Backend[]).find((b) => PROVIDER_PACKAGES[b] === pkg);
}
