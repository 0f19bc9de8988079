/**
 * OpenSLO v1 (`apiVersion: openslo/v1`) and v1alpha (Sloth's dialect) as readiness services and SLOs.
 *
 * Carried over: `Service` display names, `SLO` service, objective (first objective's `target` or
 * `targetPercent`), `timeWindow` (rolling, or a calendar week, month or quarter: ./timeWindow), description and ratio indicators (inline or by
 * `indicatorRef` to an `SLI` document) with Prometheus metric sources. A `counter: true` query is
 * rated per window (counterQuery: a selector wrapped, an already-rated query kept, with a located
 * note when it is changed); otherwise the query is taken as written. The annotations `readiness/slo-id` and `readiness/alerting-windows` (written by
 * `readiness export openslo`) restore the SLO id and custom burn-rate windows, so export and import
 * round-trip. Not carried, and listed with file:line: threshold (latency) indicators, non-Prometheus
 * sources, other calendar windows and their time zone, timeslice budgeting, further objectives, alert policies, labels.
 */
import { importedV1alphaWindow, importedV1Window } from "./timeWindow";
import { mergeServices, parseSource, specId, type ImportResult, type NotCarried, type SourceDoc, type SpecService, type SpecSlo } from "../imported";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Annotation holding the readiness SLO id. */
export const SLO_ID_ANNOTATION = "readiness/slo-id";
/** Annotation holding custom burn-rate windows as JSON. */
export const WINDOWS_ANNOTATION = "readiness/alerting-windows";
/** Annotation holding a latency SLI's threshold and histogram (`{"threshold":"300ms","prometheus":"..."}`). */
export const LATENCY_ANNOTATION = "readiness/latency";

function kindOf(v: unknown): string | undefined {
  return isObj(v) && (v.apiVersion === "openslo/v1" || v.apiVersion === "openslo/v1alpha") && typeof v.kind === "string" ? v.kind : undefined;
}

const SELECTOR = /^[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^{}]*\})?$/;
const SUMMED_SELECTOR = /^sum\s*\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^{}]*\})?)\s*\)$/;
const FIXED_RANGE = /\[\s*(?:\d+(?:ms|[smhdwy]))+\s*\]/g;

/**
 * A `counter: true` query as a per-window rate, with a note when it is not used as written:
 * a selector is rated (`sum(rate(q[{{window}}]))`); a query already rating per `{{window}}` (Sloth's
 * `{{.window}}` included) is kept, not wrapped again; `sum(selector)` is rated inside the sum; fixed
 * ranges (`[5m]`) become `[{{window}}]`. Anything else cannot be rated per window: undefined.
 */
export function counterQuery(query: string): { query?: string; note?: string } {
  const q = query.trim().replace(/\{\{\s*\.?window\s*\}\}/g, "{{window}}");
  if (SELECTOR.test(q)) return { query: `sum(rate(${q}[{{window}}]))` };
  if (q.includes("[{{window}}]")) return { query: q };
  const summed = SUMMED_SELECTOR.exec(q);
  if (summed) return { query: `sum(rate(${summed[1]}[{{window}}]))`, note: `a summed counter; rated per burn-rate window as sum(rate(${summed[1]}[{{window}}]))` };
  if (FIXED_RANGE.test(q)) {
    FIXED_RANGE.lastIndex = 0;
    return { query: q.replace(FIXED_RANGE, "[{{window}}]"), note: "its fixed range became each burn-rate window ([{{window}}])" };
  }
  return { note: "a counter query that is neither a selector nor a rate over a range cannot be rated per burn-rate window" };
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
      else errors.push({ file, line: d.line(["apiVersion"]), message: "not an OpenSLO document (apiVersion: openslo/v1 or openslo/v1alpha)" });
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
    if (v.apiVersion === "openslo/v1alpha") {
      const slos = v1alphaSlos(d, name, spec, notCarried);
      if (slos.length) services.push({ id: specId(spec.service), name: names.get(spec.service) ?? spec.service, tier: "standard", slos });
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
    const window = importedV1Window(tw);
    for (const note of window.notes) notCarried.push(at(["spec", "timeWindow", 0], `${name}: ${note}`));
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
      if (ratio.counter === true) {
        const c = counterQuery(q);
        if (c.note) notCarried.push({ file: d.file, line: indicatorAt(["spec", "ratioMetric", key]), message: `${name}: ${key} ${c.note}${c.query ? "" : "; the SLO is left out"}` });
        return c.query;
      }
      const sameEveryWindow = `${name}: ${key} is not a counter; taken as written, so every burn-rate window reads the same value`;
      if (q.includes("{{window}}")) return q;
      // A rate already taken over a fixed range (`sum(rate(x[5m]))`) is read per window like a counter's.
      const hasRange = FIXED_RANGE.test(q);
      FIXED_RANGE.lastIndex = 0; // a global regex's test() moves it on
      const ranged = hasRange ? counterQuery(q) : undefined;
      notCarried.push({ file: d.file, line: indicatorAt(["spec", "ratioMetric", key]), message: ranged?.query ? `${name}: ${key} ${ranged.note}` : sameEveryWindow });
      return ranged?.query ?? q;
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
      window: window.window,
      sli: { ...(bad ? { errors: { prometheus: bad } } : { good: { prometheus: good! } }), total: { prometheus: total } },
    };
    const latency = annotations[LATENCY_ANNOTATION];
    if (typeof latency === "string") {
      try {
        const l = JSON.parse(latency) as { threshold?: unknown; prometheus?: unknown };
        if (typeof l.threshold === "string" && typeof l.prometheus === "string") slo.sli = { latency: { threshold: l.threshold, prometheus: l.prometheus } };
        else throw new Error("shape");
      } catch {
        notCarried.push(at(["metadata", "annotations", LATENCY_ANNOTATION], `${name}: ${LATENCY_ANNOTATION} is not {"threshold","prometheus"} JSON; imported as its ratio of buckets`));
      }
    }
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

/**
 * An OpenSLO v1alpha SLO (the dialect Sloth reads and writes): one readiness SLO per objective,
 * each with its own `ratioMetrics` (Prometheus `query`, Sloth's `{{.window}}` as `{{window}}`);
 * the first keeps the SLO's id, the others add their position (`-2`, `-3`). `timeWindows` in days
 * or weeks; anything else is noted and read as 30d.
 */
function v1alphaSlos(d: SourceDoc, name: string, spec: Obj, notCarried: NotCarried[]): SpecSlo[] {
  const at = (path: (string | number)[], message: string): NotCarried => ({ file: d.file, line: d.line(path), message });
  const annotations = isObj((d.value as Obj).metadata) && isObj(((d.value as Obj).metadata as Obj).annotations) ? (((d.value as Obj).metadata as Obj).annotations as Obj) : {};
  const baseId = typeof annotations[SLO_ID_ANNOTATION] === "string" ? annotations[SLO_ID_ANNOTATION] : specId(name.startsWith(`${spec.service}-`) ? name.slice(String(spec.service).length + 1) : name);
  const tw = Array.isArray(spec.timeWindows) && isObj(spec.timeWindows[0]) ? spec.timeWindows[0] : {};
  const read = importedV1alphaWindow(tw);
  const window = read?.window ?? "30d";
  if (!read && spec.timeWindows !== undefined) notCarried.push(at(["spec", "timeWindows"], `${name}: only windows in days or weeks, or a calendar week, month or quarter, are carried over; read as 30d`));
  for (const note of read?.notes ?? []) notCarried.push(at(["spec", "timeWindows", 0], `${name}: ${note}`));
  if (spec.budgetingMethod !== undefined && spec.budgetingMethod !== "Occurrences") notCarried.push(at(["spec", "budgetingMethod"], `${name}: ${String(spec.budgetingMethod)} budgeting is carried over as Occurrences`));
  const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
  const out: SpecSlo[] = [];
  objectives.forEach((o: unknown, i: number) => {
    const p = ["spec", "objectives", i];
    const ratio = isObj(o) && isObj(o.ratioMetrics) ? o.ratioMetrics : undefined;
    const target = isObj(o) && typeof o.target === "number" ? o.target : undefined;
    if (!ratio || target === undefined) {
      notCarried.push(at(p, `${name}: objective ${i + 1} needs ratioMetrics and a target; left out`));
      return;
    }
    const query = (key: string): string | undefined => {
      const part = ratio[key];
      if (!isObj(part)) return undefined;
      if (String(part.source).toLowerCase() !== "prometheus" || typeof part.query !== "string") {
        notCarried.push(at([...p, "ratioMetrics", key], `${name}: ${key} is not a Prometheus query`));
        return undefined;
      }
      const q = part.query.replace(/\{\{\s*\.window\s*\}\}/g, "{{window}}");
      if (ratio.counter === true) {
        const c = counterQuery(q);
        if (c.note) notCarried.push(at([...p, "ratioMetrics", key], `${name}: ${key} ${c.note}${c.query ? "" : "; the objective is left out"}`));
        return c.query;
      }
      return q;
    };
    const total = query("total");
    const bad = query("bad");
    const good = bad === undefined ? query("good") : undefined;
    if (!total || (!bad && !good)) {
      notCarried.push(at(p, `${name}: objective ${i + 1} needs Prometheus total and good or bad queries; left out`));
      return;
    }
    out.push({
      id: i === 0 ? baseId : `${baseId}-${i + 1}`,
      ...(typeof spec.description === "string" ? { description: spec.description } : {}),
      objective: Number((target * 100).toPrecision(12)),
      window,
      sli: { ...(bad ? { errors: { prometheus: bad } } : { good: { prometheus: good! } }), total: { prometheus: total } },
    });
  });
  return out;
}
