/**
 * Sloth `prometheus/v1` specs as readiness services and SLOs.
 *
 * Carried over: service, SLO name (as id), objective, description, event queries (`error_query`
 * and `total_query`, Sloth's `{{.window}}` becoming `{{window}}`), and a disabled page or ticket
 * alert (the remaining windows of Sloth's table, which is readiness's default for 30d). Sloth has
 * no window in its spec: SLOs get Sloth's default of 30d. Not carried, and listed with file:line:
 * labels, alert names, labels and annotations, `raw` error-ratio SLIs and plugins, and other
 * Sloth versions (Kubernetes `PrometheusServiceLevel`, OpenSLO).
 */
import { mergeServices, parseSource, specId, type ImportResult, type NotCarried, type SpecService, type SpecSlo } from "../imported";

/** Sloth's default multiwindow table for 30d, as readiness burn windows. */
const SLOTH_WINDOWS: NonNullable<SpecSlo["alerting"]>["windows"] = [
  { id: "page-fast", severity: "page", long: "1h", short: "5m", factor: 14.4 },
  { id: "page-slow", severity: "page", long: "6h", short: "30m", factor: 6 },
  { id: "ticket-fast", severity: "ticket", long: "1d", short: "2h", factor: 3 },
  { id: "ticket-slow", severity: "ticket", long: "3d", short: "6h", factor: 1 },
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function windowQuery(q: string): string {
  return q.replace(/\{\{\s*\.window\s*\}\}/g, "{{window}}");
}

/** Imports Sloth files given as (file name, text). */
export function importSloth(files: { file: string; text: string }[]): ImportResult {
  const services: SpecService[] = [];
  const notCarried: NotCarried[] = [];
  const errors: NotCarried[] = [];
  for (const { file, text } of files) {
    const parsed = parseSource(text, file);
    errors.push(...parsed.errors);
    for (const src of parsed.docs) {
      const v = src.value;
      const at = (path: (string | number)[], message: string) => ({ file, line: src.line(path), message });
      if (!isObj(v) || v.version !== "prometheus/v1") {
        errors.push(at(["version"], `not a Sloth prometheus/v1 spec (version: ${JSON.stringify(isObj(v) ? v.version : undefined)})`));
        continue;
      }
      if (typeof v.service !== "string" || !Array.isArray(v.slos)) {
        errors.push(at([], "a Sloth spec needs `service` and `slos`"));
        continue;
      }
      if (v.labels !== undefined) notCarried.push(at(["labels"], "labels: readiness labels alerts by service, slo, env and severity itself"));
      const slos: SpecSlo[] = [];
      v.slos.forEach((s: unknown, i: number) => {
        const p = ["slos", i];
        if (!isObj(s) || typeof s.name !== "string" || typeof s.objective !== "number") {
          errors.push(at(p, "an SLO needs `name` and a numeric `objective`"));
          return;
        }
        const sli = isObj(s.sli) ? s.sli : {};
        const events = isObj(sli.events) ? sli.events : undefined;
        if (!events || typeof events.error_query !== "string" || typeof events.total_query !== "string") {
          const kind = sli.raw !== undefined ? "a raw error-ratio SLI" : sli.plugin !== undefined ? "a plugin SLI" : "an SLI without events";
          notCarried.push(at([...p, "sli"], `${s.name}: ${kind} cannot be carried over (readiness needs error and total queries); the SLO is left out`));
          return;
        }
        const slo: SpecSlo = {
          id: specId(s.name),
          ...(typeof s.description === "string" ? { description: s.description } : {}),
          objective: s.objective,
          window: "30d",
          sli: { errors: { prometheus: windowQuery(events.error_query) }, total: { prometheus: windowQuery(events.total_query) } },
        };
        if (s.labels !== undefined) notCarried.push(at([...p, "labels"], `${s.name}: labels`));
        const alerting = isObj(s.alerting) ? s.alerting : {};
        for (const key of ["name", "labels", "annotations"]) if (alerting[key] !== undefined) notCarried.push(at([...p, "alerting", key], `${s.name}: alerting.${key} (readiness names and labels its alerts)`));
        const disabled = (["page", "ticket"] as const).filter((sev) => {
          const a = alerting[`${sev}_alert`];
          if (isObj(a)) for (const key of ["labels", "annotations"]) if (a[key] !== undefined) notCarried.push(at([...p, "alerting", `${sev}_alert`, key], `${s.name}: ${sev}_alert.${key}`));
          return isObj(a) && a.disable === true;
        });
        if (disabled.length) {
          const windows = SLOTH_WINDOWS.filter((w) => !disabled.includes(w.severity as "page" | "ticket"));
          if (windows.length) slo.alerting = { windows };
          else notCarried.push(at([...p, "alerting"], `${s.name}: both alerts disabled; readiness always alerts on an SLO, so the default windows apply`));
        }
        slos.push(slo);
      });
      services.push({ id: specId(v.service), name: v.service, tier: "standard", slos });
    }
  }
  return { services: mergeServices(services), notCarried, errors };
}
