/**
 * Sloth `prometheus/v1` specs as readiness services and SLOs.
 *
 * Carried over: service, SLO name (as id), objective, description, event queries (`error_query`
 * and `total_query`, Sloth's `{{.window}}` becoming `{{window}}`), a disabled page or ticket
 * alert (the remaining windows of Sloth's table), and a page or ticket alert label naming a Slack
 * channel (`slack_channel: "#alerts-myteam"`) as the service's route for that severity. Sloth has
 * no window in its spec: SLOs get Sloth's default of 30d. Not carried, and listed with file:line:
 * labels, alert names, other alert labels and annotations, `raw` error-ratio SLIs and plugins.
 * Sloth's Kubernetes form (`apiVersion: sloth.slok.dev/v1`, `kind: PrometheusServiceLevel`) holds
 * the same spec under `spec`, with camelCase keys (`errorQuery`, `pageAlert`): read the same way,
 * located at its own keys. Sloth's OpenSLO v1alpha files go through `import openslo`.
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

/** Alert labels that name a Slack channel (Sloth's own example uses `slack_channel`). */
const CHANNEL_LABELS = ["slack_channel", "slack", "channel"];

/** The Slack channel an alert's labels (or the SLO's shared alert labels) name, as `#name`; undefined when none or not a channel name. */
function slackChannel(labels: Obj, shared: unknown): string | undefined {
  for (const source of [labels, isObj(shared) ? shared : {}]) {
    for (const key of CHANNEL_LABELS) {
      const v = source[key];
      if (typeof v !== "string") continue;
      const channel = v.startsWith("#") ? v : `#${v}`;
      if (/^#[\w.-]+$/.test(channel)) return channel;
    }
  }
  return undefined;
}

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
      const doc = src.value;
      const k8s = isObj(doc) && doc.apiVersion === "sloth.slok.dev/v1" && doc.kind === "PrometheusServiceLevel";
      const v = k8s ? (doc as Obj).spec : doc;
      // A key as this document spells it: prometheus/v1's snake_case, or the Kubernetes form's camelCase.
      const key = (name: string) => (k8s ? name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) : name);
      const at = (path: (string | number)[], message: string) => ({ file, line: src.line(k8s ? ["spec", ...path.map((x) => (typeof x === "string" ? key(x) : x))] : path), message });
      if (!k8s && (!isObj(v) || v.version !== "prometheus/v1")) {
        const kind = isObj(doc) && doc.kind !== undefined ? `, kind: ${JSON.stringify(doc.kind)}` : "";
        errors.push({ file, line: src.line(["version"]), message: `not a Sloth prometheus/v1 spec or a sloth.slok.dev/v1 PrometheusServiceLevel (version: ${JSON.stringify(isObj(doc) ? doc.version : undefined)}${kind})` });
        continue;
      }
      if (!isObj(v)) {
        errors.push(at([], "a PrometheusServiceLevel needs a spec"));
        continue;
      }
      if (v[key("slo_plugins")] !== undefined) notCarried.push(at(["slo_plugins"], `${key("slo_plugins")}: readiness generates its own rules`));
      if (typeof v.service !== "string" || !Array.isArray(v.slos)) {
        errors.push(at([], "a Sloth spec needs `service` and `slos`"));
        continue;
      }
      if (v.labels !== undefined) notCarried.push(at(["labels"], "labels: readiness labels alerts by service, slo, env and severity itself"));
      const slos: SpecSlo[] = [];
      const routing: NonNullable<SpecService["routing"]> = {};
      v.slos.forEach((s: unknown, i: number) => {
        const p = ["slos", i];
        if (!isObj(s) || typeof s.name !== "string" || typeof s.objective !== "number") {
          errors.push(at(p, "an SLO needs `name` and a numeric `objective`"));
          return;
        }
        const sli = isObj(s.sli) ? s.sli : {};
        const events = isObj(sli.events) ? sli.events : undefined;
        const errorQuery = events?.[key("error_query")];
        const totalQuery = events?.[key("total_query")];
        if (typeof errorQuery !== "string" || typeof totalQuery !== "string") {
          const kind = sli.raw !== undefined ? "a raw error-ratio SLI" : sli.plugin !== undefined ? "a plugin SLI" : "an SLI without events";
          notCarried.push(at([...p, "sli"], `${s.name}: ${kind} cannot be carried over (readiness needs error and total queries); the SLO is left out`));
          return;
        }
        const slo: SpecSlo = {
          id: specId(s.name),
          ...(typeof s.description === "string" ? { description: s.description } : {}),
          objective: s.objective,
          window: "30d",
          sli: { errors: { prometheus: windowQuery(errorQuery) }, total: { prometheus: windowQuery(totalQuery) } },
        };
        if (s.labels !== undefined) notCarried.push(at([...p, "labels"], `${s.name}: labels`));
        if (s.plugins !== undefined) notCarried.push(at([...p, "plugins"], `${s.name}: plugins: readiness generates its own rules`));
        const alerting = isObj(s.alerting) ? s.alerting : {};
        for (const key of ["name", "labels", "annotations"]) if (alerting[key] !== undefined) notCarried.push(at([...p, "alerting", key], `${s.name}: alerting.${key} (readiness names and labels its alerts)`));
        const disabled = (["page", "ticket"] as const).filter((sev) => {
          const a = alerting[key(`${sev}_alert`)];
          if (isObj(a)) {
            const labels = isObj(a.labels) ? a.labels : {};
            const channel = slackChannel(labels, alerting.labels);
            if (channel) {
              const path = [...p, "alerting", `${sev}_alert`, "labels"];
              if (routing[sev] && routing[sev]!.slack !== channel) notCarried.push(at(path, `${s.name}: ${sev} alerts to ${channel}, but this service's ${sev} route is already ${routing[sev]!.slack}`));
              else routing[sev] = { slack: channel };
            }
            const rest = Object.keys(labels).filter((k) => !CHANNEL_LABELS.includes(k));
            if (rest.length) notCarried.push(at([...p, "alerting", `${sev}_alert`, "labels"], `${s.name}: ${key(`${sev}_alert`)}.labels ${rest.join(", ")}`));
            if (a.annotations !== undefined) notCarried.push(at([...p, "alerting", `${sev}_alert`, "annotations"], `${s.name}: ${key(`${sev}_alert`)}.annotations`));
          }
          return isObj(a) && a.disable === true;
        });
        if (disabled.length) {
          const windows = SLOTH_WINDOWS.filter((w) => !disabled.includes(w.severity as "page" | "ticket"));
          if (windows.length) slo.alerting = { windows };
          else notCarried.push(at([...p, "alerting"], `${s.name}: both alerts disabled; readiness always alerts on an SLO, so the default windows apply`));
        }
        slos.push(slo);
      });
      services.push({ id: specId(v.service), name: v.service, tier: "standard", slos, ...(Object.keys(routing).length ? { routing } : {}) });
    }
  }
  return { services: mergeServices(services), notCarried, errors };
}
