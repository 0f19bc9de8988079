/** Cross-reference step: every PromQL query parses, and ratio SLIs range over {{window}}. */
import type { Spec } from "../schema";
import type { Diagnostic, Locator } from "../diagnostics";
import { promqlSyntaxError } from "../promql";
import type { Path } from "./common";

/** PromQL of SLIs, alerts, heartbeats and dashboard panels, in that order. */
export function checkQueries(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const promql = (at: Path, q: string) => {
    const err = promqlSyntaxError(q);
    if (err) out.push(locate(at, "InvalidPromQL", `PromQL does not parse: ${err.message}`));
  };
  spec.services.forEach((svc, si) => {
    svc.slos.forEach((slo, li) => {
      for (const part of ["errors", "good", "total"] as const) {
        const q = slo.sli[part]?.prometheus;
        if (q === undefined) continue;
        const at: Path = ["services", si, "slos", li, "sli", part, "prometheus"];
        promql(at, q);
        if (!/\{\{\s*window\s*\}\}/.test(q)) out.push(locate(at, "MissingWindowPlaceholder", "a ratio SLI query needs {{window}} as its range", `write e.g. rate(metric[{{window}}]) so each burn-rate window gets its own range`));
      }
      if (slo.sli.latency?.prometheus) promql(["services", si, "slos", li, "sli", "latency", "prometheus"], slo.sli.latency.prometheus);
    });
    svc.alerts.forEach((a, ai) => a.query.prometheus && promql(["services", si, "alerts", ai, "query", "prometheus"], a.query.prometheus));
    svc.heartbeats.forEach((h, hi) => h.prometheus && promql(["services", si, "heartbeats", hi, "prometheus"], h.prometheus));
  });
  spec.dashboards.forEach((d, di) => d.panels.forEach((p, pi) => p.query.prometheus && promql(["dashboards", di, "panels", pi, "query", "prometheus"], p.query.prometheus)));
  return out;
}
