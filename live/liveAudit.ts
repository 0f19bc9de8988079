/**
 * `readiness audit --prometheus`: findings about the running system, with rule ids from the
 * catalogue (audit/liveCatalogue.ts), placed at spec paths like every other finding. Reading is
 * `readLive` (I/O); `liveFindings` computes from what was read.
 */
import type { Model } from "../specification/model";
import { formatPath } from "../specification/diagnostics";
import { latencyQueries } from "../slos/sli";
import { probeSelector } from "../rules/checkRules";
import { isAlertRule, type PromRule, type PromRuleGroup } from "../rules/rule";
import { humanize, parseDurationMs } from "../specification/duration";
import type { Finding, SpecPath, SpecRef } from "../audit/finding";
import type { Level } from "../audit/ruleText";
import type { SpecPaths } from "../audit/specPaths";
import type { LiveRuleId } from "../audit/liveCatalogue";
import { LIVE_RULES } from "../audit/liveCatalogue";
import { canonicalPromql, matchesLabels, selectorsOf, seriesMatch, type Selector } from "./promqlTree";
import { alertHistory, forSeconds, historyRange, renderedRules, wakes, type AlertHistory } from "./alertHistory";
import { firingSeconds, flaps, FLAP_GAP_SECONDS } from "./episodes";
import { liveScope } from "./scope";
import { inBatches } from "./batches";
import type { ActiveAlert, LoadedGroup, PrometheusClient } from "./prometheusClient";

/** A place in the spec where a query is written, and what it reads. */
export interface QuerySite {
  subject: SpecRef;
  /** Keys under the subject's path down to the query (`["sli", "total", "prometheus"]`). */
  under: SpecPath;
  query: string;
  /** An SLI's error or good count: its series may rightly not exist yet. */
  mayBeEmpty: boolean;
}

/** Every Prometheus query of an environment with where it is written; a check's "query" is its probe results. */
export function querySites(model: Model): QuerySite[] {
  const out: QuerySite[] = [];
  const five = { seconds: 300, text: "5m" };
  for (const s of model.services) {
    for (const slo of s.slos) {
      const subject: SpecRef = { kind: "slo", service: s.id, slo: slo.id };
      if (slo.sli.kind === "ratio") {
        for (const key of ["errors", "good", "total"] as const) {
          const q = slo.sli[key]?.prometheus;
          if (q) out.push({ subject, under: ["sli", key, "prometheus"], query: q.split("{{window}}").join("5m"), mayBeEmpty: key !== "total" });
        }
      } else {
        const q = latencyQueries(slo.sli, five);
        if (q) out.push({ subject, under: ["sli", "prometheus"], query: `${q.total} + ${q.good}`, mayBeEmpty: false });
      }
    }
    for (const a of s.alerts) if (a.query.prometheus) out.push({ subject: { kind: "alert", service: s.id, alert: a.id }, under: ["query", "prometheus"], query: a.query.prometheus, mayBeEmpty: false });
    for (const h of s.heartbeats) if (h.prometheus) out.push({ subject: { kind: "heartbeat", service: s.id, heartbeat: h.id }, under: ["prometheus"], query: h.prometheus, mayBeEmpty: false });
    for (const c of s.checks) out.push({ subject: { kind: "check", service: s.id, check: c.id }, under: [], query: probeSelector(s, c), mayBeEmpty: false });
  }
  return out;
}

/** Why a selector matches nothing: the metric is absent, or one of its matchers matches none of the metric's series. */
export interface MissingSeries {
  match: string;
  metric: string;
  /** Undefined when the metric itself has no series. */
  matcher?: string;
  /** Label names the metric's series do have (when the metric exists). */
  labels: string[];
}

/** Everything read from Prometheus for the live audit. */
export interface LiveSnapshot {
  /** Selector `match[]` text -> why it matches nothing (selectors that match are left out). */
  missing: Map<string, MissingSeries>;
  /** Loaded groups; null when the environment's rules are not in Prometheus (Grafana-managed). */
  groups: LoadedGroup[] | null;
  alerts: ActiveAlert[] | null;
  histories: AlertHistory[];
  /** The instant and range read (seconds since the epoch). */
  at: number;
  sinceSeconds: number;
}

/** Why a selector matches nothing, or undefined when it matches a series over the last hour. */
async function diagnose(client: PrometheusClient, s: Selector, at: number): Promise<MissingSeries | undefined> {
  const from = at - 3600;
  const match = seriesMatch(s);
  if ((await client.series(match, from, at)).length > 0) return undefined;
  if (!s.metric) return { match, metric: match, labels: [] };
  const all = await client.series(seriesMatch({ metric: s.metric, matchers: [] }), from, at);
  if (all.length === 0) return { match, metric: s.metric, labels: [] };
  const labels = [...new Set(all.flatMap((l) => Object.keys(l)).filter((k) => k !== "__name__"))].sort();
  const culprit = s.matchers.find((m) => !all.some((l) => matchesLabels([m], l)));
  return { match, metric: s.metric, matcher: culprit ? `${culprit.name}${culprit.op}${JSON.stringify(culprit.value)}` : s.matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(", "), labels };
}

/** Reads what the live audit needs: series of every query, loaded rules, active alerts, each alert's history over `sinceSeconds`. */
export async function readLive(client: PrometheusClient, model: Model, at: number, sinceSeconds: number): Promise<LiveSnapshot> {
  const scope = liveScope(model);
  const missing = new Map<string, MissingSeries>();
  if (scope.queries) {
    const unique = new Map<string, Selector>();
    for (const site of querySites(model)) for (const s of selectorsOf(site.query)) if (!unique.has(seriesMatch(s))) unique.set(seriesMatch(s), s);
    const found = await inBatches([...unique.values()], 4, (s) => diagnose(client, s, at));
    for (const m of found) if (m) missing.set(m.match, m);
  }
  const groups = scope.rules ? await client.rules() : null;
  const alerts = scope.rules ? await client.alerts() : null;
  const rules = renderedRules(model);
  const range = historyRange(model, at, sinceSeconds);
  // A few at a time: Prometheus evaluates queries concurrently (20 by default), a laptop's does not mind 4.
  const histories = scope.queries ? await inBatches(rules.alerts, 4, (a) => alertHistory(client, a.rule, rules.recordings, range)) : [];
  return { missing, groups, alerts, histories, at, sinceSeconds };
}

/** The spec item a rule's labels name (the environment for the watchdog's). */
export function subjectOfLabels(labels: Record<string, string>): SpecRef {
  const service = labels.service;
  if (!service) return { kind: "environment" };
  if (labels.slo) return { kind: "slo", service, slo: labels.slo };
  if (labels.alert) return { kind: "alert", service, alert: labels.alert };
  if (labels.check) return { kind: "check", service, check: labels.check };
  if (labels.heartbeat) return { kind: "heartbeat", service, heartbeat: labels.heartbeat };
  return { kind: "service", service };
}

function groupSubject(g: PromRuleGroup): SpecRef {
  return g.service ? { kind: "service", service: g.service } : { kind: "environment" };
}

const ruleKey = (r: PromRule): string => (isAlertRule(r) ? `alert ${r.alert}` : `record ${r.record}${JSON.stringify(Object.entries(r.labels ?? {}).sort())}`);
const loadedKey = (r: LoadedGroup["rules"][number]): string => (r.type === "alerting" ? `alert ${r.name}` : `record ${r.name}${JSON.stringify(Object.entries(r.labels ?? {}).sort())}`);
const sameRecord = (a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
const nameOf = (r: PromRule): string => (isAlertRule(r) ? r.alert : r.record);

/** How a loaded group differs from the rendered one, as short phrases; empty when they are the same. */
export function groupDifferences(rendered: PromRuleGroup, loaded: LoadedGroup): string[] {
  const out: string[] = [];
  if (rendered.interval && (parseDurationMs(rendered.interval) ?? 0) / 1000 !== loaded.interval) out.push(`interval ${loaded.interval}s, spec ${rendered.interval}`);
  const have = new Map(loaded.rules.map((r) => [loadedKey(r), r]));
  const want = new Set(rendered.rules.map(ruleKey));
  const missing: string[] = [];
  for (const r of rendered.rules) {
    const l = have.get(ruleKey(r));
    if (!l) {
      missing.push(nameOf(r));
      continue;
    }
    const what: string[] = [];
    if (canonicalPromql(r.expr) !== canonicalPromql(l.query)) what.push("expr");
    if (isAlertRule(r)) {
      if (forSeconds(r) !== (l.duration ?? 0)) what.push("for");
      if (!sameRecord(r.labels, l.labels)) what.push("labels");
      if (!sameRecord(r.annotations, l.annotations)) what.push("annotations");
    }
    if (what.length) out.push(`${nameOf(r)}: ${what.join(", ")} differ${what.length === 1 ? "s" : ""}`);
  }
  if (missing.length) out.push(`not loaded: ${listed(missing)}`);
  const extra = loaded.rules.filter((l) => !want.has(loadedKey(l))).map((l) => l.name);
  if (extra.length) out.push(`not in the spec: ${listed(extra)}`);
  return out;
}

function listed(names: string[]): string {
  const unique = [...new Set(names)];
  return unique.length <= 5 ? unique.join(", ") : `${unique.slice(0, 5).join(", ")} and ${unique.length - 5} more`;
}

/** The loaded group that is this rendered group: same name, and of this environment when several share it. */
function loadedFor(groups: LoadedGroup[], rendered: PromRuleGroup, env: string): LoadedGroup | undefined {
  const named = groups.filter((g) => g.name === rendered.name);
  return named.find((g) => g.rules.some((r) => r.labels?.env === env)) ?? named[0];
}

/** The live findings of an environment, placed with `paths` (the audit's SpecPaths). */
export function liveFindings(model: Model, snap: LiveSnapshot, paths: SpecPaths): Finding[] {
  const out: Finding[] = [];
  const add = (rule: LiveRuleId, subject: SpecRef, message: string, hint: string = LIVE_RULES[rule].fix, under: SpecPath = [], level: Level = LIVE_RULES[rule].level) => {
    const segments = [...paths(subject), ...under];
    out.push({ rule, level, message, hint, path: formatPath(segments), segments, subject });
  };
  for (const note of liveScope(model).notes) add("live-not-checked", { kind: "environment" }, note);

  for (const site of querySites(model)) {
    for (const s of selectorsOf(site.query)) {
      const m = snap.missing.get(seriesMatch(s));
      if (!m) continue;
      const what =
        m.matcher === undefined
          ? `metric ${m.metric} does not exist in Prometheus`
          : `no series of ${m.metric} has ${m.matcher} (its labels: ${m.labels.join(", ") || "none"})`;
      const where = site.subject.kind === "check" ? `no probe results for this check: ${what}` : `the query reads ${query(s, site.query)}: ${what}`;
      add("live-series-missing", site.subject, `${where} (in the last hour)${site.mayBeEmpty ? "; an error count may have no series until the first error" : ""}`, undefined, site.under, site.mayBeEmpty ? "warning" : "error");
    }
  }

  const rendered = renderedRules(model);
  if (snap.groups) {
    const readinessLoaded: LoadedGroup[] = [];
    for (const g of rendered.groups) {
      const l = loadedFor(snap.groups, g, model.environment);
      if (!l) {
        add("live-rule-group-not-loaded", groupSubject(g), `rule group ${g.name} (${g.rules.length} rules) is not loaded in Prometheus: its ${g.rules.filter(isAlertRule).length} alerts cannot fire`);
        continue;
      }
      readinessLoaded.push(l);
      const diff = groupDifferences(g, l);
      if (diff.length) add("live-rule-group-drift", groupSubject(g), `rule group ${g.name} in Prometheus (${l.file}) differs from what the spec renders now: ${diff.join("; ")}`);
    }
    for (const l of readinessLoaded) {
      for (const r of l.rules) {
        if (r.health !== "err") continue;
        add("live-rule-evaluation-failed", subjectOfLabels(r.labels ?? {}), `rule ${r.name} in group ${l.name} failed its last evaluation: ${(r.lastError ?? "unknown error").split("\n")[0]}`);
      }
    }
  }
  if (snap.alerts) {
    for (const a of snap.alerts) {
      if (a.state !== "firing" || a.labels.env !== model.environment || a.labels.severity !== "page" || a.labels.watchdog === "true") continue;
      const since = Date.parse(a.activeAt) / 1000;
      add("live-page-firing", subjectOfLabels(a.labels), `${a.labels.alertname} (page) has been active for ${humanize(Math.max(0, snap.at - since))} (since ${new Date(since * 1000).toISOString()}) and is firing now`);
    }
  }
  const range = humanize(snap.sinceSeconds);
  for (const h of snap.histories) {
    const subject = subjectOfLabels(h.rule.labels);
    const n = h.episodes.length;
    if (n === 0) {
      add("live-alert-never-fired", subject, `${h.alert} (${h.rule.labels.severity}) never fired in the last ${range}`);
      continue;
    }
    const total = humanize(firingSeconds(h.episodes));
    const f = flaps(h.episodes);
    const woke = wakes(model, h.rule).length > 0 ? `, each paging people` : "";
    const base = `${h.alert} (${h.rule.labels.severity}) fired ${n} time${n === 1 ? "" : "s"} in the last ${range}, ${total} firing in all${woke}`;
    if (f >= 2) add("live-alert-flapping", subject, `${base}; ${f} of them within ${humanize(FLAP_GAP_SECONDS)} of resolving (flapping)`);
    else add("live-alert-noise", subject, base);
  }
  return out;
}

function query(s: Selector, text: string): string {
  return text.slice(s.from, s.to);
}

/** The live findings for a loaded spec's environment, read now. */
export async function auditLive(client: PrometheusClient, model: Model, paths: SpecPaths, at: number, sinceSeconds: number): Promise<Finding[]> {
  return liveFindings(model, await readLive(client, model, at, sinceSeconds), paths);
}
