/**
 * `no-query-for-backend`: each metrics backend evaluates only its own query language, so an item
 * without a query for an enabled backend is silently missing from it.
 */
import type { Backend, BackendQuery, Model, Sli } from "../../specification/model";
import type { AuditRule } from "../rule";
import type { RuleFinding, SpecRef } from "../finding";

/** The query key each metrics backend evaluates. */
export const QUERY_KEY: Partial<Record<Backend, keyof BackendQuery>> = { grafana: "prometheus", datadog: "datadog", prometheus: "prometheus" };

/** Metrics backends the environment enables, with the query key each needs. */
function metricsBackends(model: Pick<Model, "backends">): { backend: Backend; key: keyof BackendQuery }[] {
  return model.backends.flatMap((backend) => {
    const key = QUERY_KEY[backend];
    return key ? [{ backend, key }] : [];
  });
}

/** True when an SLI can be computed from one query language. */
export function sliHasQuery(sli: Sli, key: keyof BackendQuery): boolean {
  if (sli.kind === "latency") return Boolean(sli[key]);
  return Boolean(sli.total[key]) && Boolean(sli.errors?.[key] ?? sli.good?.[key]);
}

/** An SLO, alert or heartbeat with no query for an enabled metrics backend. */
export const noQueryForBackend: AuditRule = ({ model }) => {
  const backends = metricsBackends(model);
  if (backends.length === 0) return [];
  const out: RuleFinding[] = [];
  const judge = (what: string, subject: SpecRef, has: (key: keyof BackendQuery) => boolean) => {
    const missing = backends.filter((b) => !has(b.key));
    if (missing.length === 0) return;
    const none = missing.length === backends.length;
    out.push({
      rule: "no-query-for-backend",
      level: none ? "error" : "warning",
      message: `${what} has no ${missing.map((m) => m.key).join(" or ")} query, so ${missing.map((m) => m.backend).join(" and ")} ${none ? "cannot evaluate it and nothing watches it" : "leaves it out"} in ${model.environment}`,
      hint: `add ${missing.map((m) => `\`${m.key}:\``).join(" and ")} beside the existing quer${none ? "y" : "ies"}, or drop ${missing.map((m) => m.backend).join(" and ")} from environments.${model.environment}.backends`,
      subject,
    });
  };
  for (const s of model.services) {
    for (const slo of s.slos) judge(`SLO ${s.id}/${slo.id}`, { kind: "slo", service: s.id, slo: slo.id, field: "sli" }, (k) => sliHasQuery(slo.sli, k));
    for (const a of s.alerts) judge(`alert ${s.id}/${a.id}`, { kind: "alert", service: s.id, alert: a.id, field: "query" }, (k) => Boolean(a.query[k]));
    for (const h of s.heartbeats) judge(`heartbeat ${s.id}/${h.id}`, { kind: "heartbeat", service: s.id, heartbeat: h.id }, (k) => Boolean(h[k]));
  }
  return out;
};
