/**
 * Where a Model item was written in the spec. The Model sorts lists by id, so list positions in
 * the Model are not positions in the file; this maps ids back to the spec's own positions.
 */
import type { Model } from "../specification/model";
import type { Spec } from "../specification/schema";
import { parseDuration } from "../specification/duration";
import type { SpecPath, SpecRef } from "./finding";

/** Turns a finding's subject into the spec path it was written at. */
export type SpecPaths = (ref: SpecRef) => SpecPath;

/** The ids of a spec (or model) in written order: all `specPaths` needs. */
interface Layout {
  environment: string;
  services: {
    id: string;
    slos: { id: string; windows?: string[] }[];
    alerts: string[];
    checks: string[];
    heartbeats: string[];
  }[];
  schedules: string[];
  escalations: string[];
}

/** Paths into the spec file as written, for one environment. */
export function specPathsFromSpec(spec: Spec, environment: string): SpecPaths {
  return pathsOf({
    environment,
    services: spec.services.map((s) => ({
      id: s.id,
      // Burn-rate windows declared in the spec get the resolver's default id when they have none.
      slos: s.slos.map((slo) => ({ id: slo.id, windows: slo.alerting?.windows.map((w) => w.id ?? `${w.severity}-${normalize(w.long)}-${normalize(w.short)}`) })),
      alerts: s.alerts.map((a) => a.id),
      checks: s.checks.map((c) => c.id),
      heartbeats: s.heartbeats.map((h) => h.id),
    })),
    schedules: spec.oncall?.schedules.map((s) => s.id) ?? [],
    escalations: spec.oncall?.escalations.map((e) => e.id) ?? [],
  });
}

/** Paths as if the spec listed everything in the Model's order (for hand-built models). */
export function specPathsFromModel(model: Model): SpecPaths {
  return pathsOf({
    environment: model.environment,
    services: model.services.map((s) => ({
      id: s.id,
      slos: s.slos.map((slo) => ({ id: slo.id })),
      alerts: s.alerts.map((a) => a.id),
      checks: s.checks.map((c) => c.id),
      heartbeats: s.heartbeats.map((h) => h.id),
    })),
    schedules: model.oncall.schedules.map((s) => s.id),
    escalations: model.oncall.escalations.map((e) => e.id),
  });
}

function pathsOf(layout: Layout): SpecPaths {
  // An id the layout lacks keeps the id in the path, so the finding still names its subject.
  const at = (list: readonly string[], id: string): string | number => {
    const i = list.indexOf(id);
    return i < 0 ? id : i;
  };
  const service = (id: string): SpecPath => ["services", at(layout.services.map((s) => s.id), id)];
  const svc = (id: string) => layout.services.find((s) => s.id === id);
  const withField = (path: SpecPath, field: string | undefined): SpecPath => (field ? [...path, field] : path);
  return (ref) => {
    switch (ref.kind) {
      case "environment":
        return withField(["environments", layout.environment], ref.field);
      case "route":
        return ["routing", ref.severity];
      case "schedule":
        return withField(["oncall", "schedules", at(layout.schedules, ref.schedule)], ref.field);
      case "escalation": {
        const base: SpecPath = ["oncall", "escalations", at(layout.escalations, ref.escalation)];
        return withField(ref.level === undefined ? base : [...base, "levels", ref.level], ref.field);
      }
      case "service":
        return withField(service(ref.service), ref.field);
      case "slo":
        return withField([...service(ref.service), "slos", at(svc(ref.service)?.slos.map((s) => s.id) ?? [], ref.slo)], ref.field);
      case "burnRateAlert": {
        const slos = svc(ref.service)?.slos ?? [];
        const slo: SpecPath = [...service(ref.service), "slos", at(slos.map((s) => s.id), ref.slo)];
        const windows = slos.find((s) => s.id === ref.slo)?.windows;
        // Default windows are not written anywhere: point at the SLO, where `alerting` would go.
        if (!windows) return slo;
        return withField([...slo, "alerting", "windows", at(windows, ref.alert)], ref.field);
      }
      case "alert":
        return withField([...service(ref.service), "alerts", at(svc(ref.service)?.alerts ?? [], ref.alert)], ref.field);
      case "check":
        return withField([...service(ref.service), "checks", at(svc(ref.service)?.checks ?? [], ref.check)], ref.field);
      case "heartbeat":
        return withField([...service(ref.service), "heartbeats", at(svc(ref.service)?.heartbeats ?? [], ref.heartbeat)], ref.field);
      case "statusPage":
        return ["statusPage"];
    }
  };
}

/** A duration as the resolver spells it in default window ids (`60m` -> `1h`). */
function normalize(text: string): string {
  return parseDuration(text)?.text ?? text;
}
