/**
 * OpenSLO v1 (`apiVersion: openslo/v1`) as readiness services and SLOs.
 *
 * Carried over: `Service` display names, `SLO` service, objective (first objective's `target` or
 * `targetPercent`), rolling `timeWindow`, description and ratio indicators (inline or by
 * `indicatorRef` to an `SLI` document) with Prometheus metric sources. A `counter: true` query is a
 * counter: readiness rates it per window (`sum(rate(q[{{window}}]))`); otherwise the query is
 * taken as written. The annotations `readiness/slo-id` and `readiness/alerting-windows` (written by
 * `readiness export openslo`) restore the SLO id and custom burn-rate windows, so export and import
 * round-trip. Not carried, and listed with file:line: threshold (latency) indicators, non-Prometheus
 * sources, calendar windows, timeslice budgeting, further objectives, alert policies, labels.
 */
import { mergeServices, parseSource, specId, type ImportResult, type NotCarried, type SourceDoc, type SpecService, type SpecSlo } from "../imported";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Annotation holding the readiness SLO id. */
export const SLO_ID_ANNOTATION = "readiness/slo-id";
/** Annotation holding custom burn-rate windows as JSON. */
export const WINDOWS_ANNOTATION = "readiness/alerting-windows";

function kindOf(v: unknown): string | undefined {
  return isObj(v) && v.apiVersion === "openslo/v1" && typeof v.kind === "string" ? v.kind : undefined;
}

function metadataName(v: Obj): string | undefined {
  return isObj(v.metadata) && typeof v.metadata.name === "string" ? v.metadata.name : undefined;
}

/** Imports OpenSLO files given as (file name, text). */
export function importOpenSlo(files: { file: string; text: string }[]): ImportResult {
  const notCarried: NotCarried[] = [];
  const errors: NotCarried[] = [];
  const docs: SourceDoc[] = [];
  for (const { file, text } of files) {
    const parsed = parseSource(text, file);
    errors.push(...parsed.errors);
    for (const d of parsed.docs) {
      if (kindOf(d.value)) docs.push(d);
      else errors.push({ file, line: d.line(["apiVersion"]), message: "not an OpenSLO v1 document (apiVersion: openslo/v1)" });
    }
  }
  const names = new Map<string, string>();
  const slis = new Map<string, { src: SourceDoc; spec: unknown }>();
  for (const d of docs) {
    const v = d.value as Obj;
    const name = metadataName(v);
    if (!name) continue;
    if (v.kind === "Service") names.set(name, isObj(v.metadata) && typeof v.metadata.displayName === "string" ? v.metadata.displayName : name);
    if (v.kind === "SLI") slis.set(name, { src: d, spec: v.spec });
  }
  const services: SpecService[] = [];
  for (const d of docs) {
    const v = d.value as Obj;
    const at = (path: (string | number)[], message: string): NotCarried => ({ file: d.file, line: d.line(path), message });
    if (v.kind === "Service" || v.kind === "SLI") continue;
    if (v.kind !== "SLO") {
      notCarried.push(at(["kind"], `kind ${String(v.kind)} is not imported`));
      continue;
    }
    const name = metadataName(v);
    const spec = isObj(v.spec) ? v.spec : undefined;
    if (!name || !spec || typeof spec.service !== "string") {
      errors.push(at(["metadata"], "an SLO needs metadata.name and spec.service"));
      continue;
    }
    const annotations = isObj(v.metadata) && isObj(v.metadata.annotations) ? v.metadata.annotations : {};
    if (isObj(v.metadata) && v.metadata.labels !== undefined) notCarried.push(at(["metadata", "labels"], `${name}: labels`));
    const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
    const first = objectives[0];
    const objective = isObj(first) ? (typeof first.targetPercent === "number" ? first.targetPercent : typeof first.target === "number" ? first.target * 100 : undefined) : undefined;
    if (objective === undefined) {
      errors.push(at(["spec", "objectives"], `${name}: needs an objective with target or targetPercent`));
      continue;
    }
    if (objectives.length > 1) notCarried.push(at(["spec", "objectives", 1], `${name}: only the first objective is carried over`));
    const tw = Array.isArray(spec.timeWindow) && isObj(spec.timeWindow[0]) ? spec.timeWindow[0] : {};
    if (tw.isRolling === false) notCarried.push(at(["spec", "timeWindow"], `${name}: a calendar window is carried over as a rolling one`));
    if (spec.budgetingMethod !== undefined && spec.budgetingMethod !== "Occurrences") notCarried.push(at(["spec", "budgetingMethod"], `${name}: ${String(spec.budgetingMethod)} budgeting is carried over as Occurrences`));
    if (spec.alertPolicies !== undefined) notCarried.push(at(["spec", "alertPolicies"], `${name}: alert policies (readiness derives multiwindow burn-rate alerts)`));
    let indicator: unknown;
    let indicatorAt: (path: (string | number)[]) => number = (p) => d.line(["spec", "indicator", ...p]);
    if (isObj(spec.indicator)) indicator = spec.indicator.spec;
    else if (typeof spec.indicatorRef === "string" && slis.has(spec.indicatorRef)) {
      const ref = slis.get(spec.indicatorRef)!;
      indicator = ref.spec;
      indicatorAt = (p) => ref.src.line(["spec", ...p.slice(1)]);
    }
    const ratio = isObj(indicator) && isObj(indicator.ratioMetric) ? indicator.ratioMetric : undefined;
    if (!ratio) {
      notCarried.push({ file: d.file, line: indicatorAt(["spec"]), message: `${name}: only ratio indicators are carried over (threshold or missing indicator); the SLO is left out` });
      continue;
    }
    const query = (key: string): string | undefined => {
      const part = ratio[key];
      const source = isObj(part) && isObj(part.metricSource) ? part.metricSource : undefined;
      if (!source) return undefined;
      const q = isObj(source.spec) && typeof source.spec.query === "string" ? source.spec.query : undefined;
      if (String(source.type).toLowerCase() !== "prometheus" || !q) {
        notCarried.push({ file: d.file, line: indicatorAt(["spec", "ratioMetric", key]), message: `${name}: ${key} is not a Prometheus query` });
        return undefined;
      }
      if (ratio.counter === true) return `sum(rate(${q}[{{window}}]))`;
      if (!q.includes("{{window}}")) notCarried.push({ file: d.file, line: indicatorAt(["spec", "ratioMetric", key]), message: `${name}: ${key} is not a counter; taken as written, so every burn-rate window reads the same value` });
      return q;
    };
    const total = query("total");
    const bad = query("bad");
    const good = bad === undefined ? query("good") : undefined;
    if (!total || (!bad && !good)) {
      notCarried.push(at(["spec"], `${name}: needs Prometheus total and good or bad queries; the SLO is left out`));
      continue;
    }
    const slo: SpecSlo = {
      // `checkout-availability` of service checkout is the SLO `availability` of service `checkout`.
      id: typeof annotations[SLO_ID_ANNOTATION] === "string" ? annotations[SLO_ID_ANNOTATION] : specId(name.startsWith(`${spec.service}-`) ? name.slice(spec.service.length + 1) : name),
      ...(typeof spec.description === "string" ? { description: spec.description } : {}),
      objective: Number(objective.toPrecision(12)),
      window: typeof tw.duration === "string" ? tw.duration : "30d",
      sli: { ...(bad ? { errors: { prometheus: bad } } : { good: { prometheus: good! } }), total: { prometheus: total } },
    };
    const windows = annotations[WINDOWS_ANNOTATION];
    if (typeof windows === "string") {
      try {
        slo.alerting = { windows: JSON.parse(windows) };
      } catch {
        errors.push(at(["metadata", "annotations", WINDOWS_ANNOTATION], `${name}: ${WINDOWS_ANNOTATION} is not JSON`));
      }
    }
    const serviceName = spec.service;
    services.push({ id: specId(serviceName), name: names.get(serviceName) ?? serviceName, tier: "standard", slos: [slo] });
  }
  return { services: mergeServices(services), notCarried, errors };
}
