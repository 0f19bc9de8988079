/**
 * semanticDiff(before, after): what a change does to monitoring, in the spec's terms. Pure: the
 * on-call table's first day is an argument, never the clock.
 */
import { describeRouteTarget, effectiveUrgency, routeFor, routeOverrides } from "../specification/routes";
import type { Escalation, Model, Route, RouteTarget, Schedule, Service, Severity, Slo, StatusPage } from "../specification/model";
import { SEVERITIES } from "../specification/model";
import { whoRouteWakes, whoServiceRouteWakes } from "../oncall/reach";
import { matchById, type Matched } from "./matchById";
import { onCallTable, ON_CALL_DAYS } from "./onCallTable";
import type { FieldChange, SemanticChange, SemanticKind } from "./semanticChange";
import { SEMANTIC_KINDS } from "./semanticChange";
import { conditionText } from "../specification/alertCondition";

/** What the semantic diff needs besides the two Models. */
export interface SemanticOptions {
  /** First day of the on-call tables, YYYY-MM-DD (the CLI's `--now`, default today). */
  fromDate: string;
  /** Days the on-call tables cover (default 14). */
  days?: number;
}

/** Labelled values of one thing, already written for a reader; undefined means "not set". */
type View = [field: string, value: string | undefined][];

/** Every semantic change from `before` to `after`, in report order (SEMANTIC_KINDS, then subject). */
export function semanticDiff(before: Model, after: Model, options: SemanticOptions): SemanticChange[] {
  const days = options.days ?? ON_CALL_DAYS;
  const out: SemanticChange[] = [
    ...pagingChanges(before, after),
    ...routingChanges(before, after),
    ...entityChanges("schedule", matchById(before.oncall.schedules, after.oncall.schedules), (s) => s.id, scheduleView, (m) => ({
      onCall: onCallTable(m.before, m.after, options.fromDate, days),
    })),
    ...entityChanges("escalation", matchById(before.oncall.escalations, after.oncall.escalations), (e) => e.id, escalationView),
    ...sloChanges(before, after),
    ...entityChanges("alert", matchById(serviceItems(before, (s) => s.alerts), serviceItems(after, (s) => s.alerts)), (x) => x.id, (x) => alertView(x.item), undefined, {
      before: (x) => deliveryView(before, x.service, x.item.severity, x.item.id),
      after: (x) => deliveryView(after, x.service, x.item.severity, x.item.id),
    }),
    ...entityChanges("check", matchById(serviceItems(before, (s) => s.checks), serviceItems(after, (s) => s.checks)), (x) => x.id, (x) => checkView(x.item), undefined, delivery(before, after)),
    ...entityChanges("heartbeat", matchById(serviceItems(before, (s) => s.heartbeats), serviceItems(after, (s) => s.heartbeats)), (x) => x.id, (x) => heartbeatView(x.item), undefined, delivery(before, after)),
    ...statusPageChanges(before.statusPage, after.statusPage),
  ];
  const rank = (k: SemanticKind) => SEMANTIC_KINDS.indexOf(k);
  // Stable sort: within a kind the producers already emit subjects in id order.
  return out.map((c, i) => ({ c, i })).sort((x, y) => rank(x.c.kind) - rank(y.c.kind) || x.i - y.i).map((x) => x.c);
}

function pagingChanges(before: Model, after: Model): SemanticChange[] {
  if (before.paging === after.paging) return [];
  const effect = after.paging ? "page-severity alerts wake people again" : "every page becomes a ticket: nothing wakes a human";
  return [{ kind: "paging", action: "changed", subject: "policy", fields: [{ field: "paging", before: onOff(before.paging), after: onOff(after.paging) }, { field: "effect", after: effect }] }];
}

function routingChanges(before: Model, after: Model): SemanticChange[] {
  const out: SemanticChange[] = [];
  for (const severity of SEVERITIES) {
    // Who a route wakes, not whom it could reach: a low-urgency escalation reaches no phone.
    const wokenBefore = whoRouteWakes(before, before.routing[severity]);
    const wokenAfter = whoRouteWakes(after, after.routing[severity]);
    const fields = compare(routeView(before, before.routing[severity]), routeView(after, after.routing[severity]));
    if (!fields.length) continue;
    fields.push(...wokenDelta(wokenBefore, wokenAfter));
    const had = before.routing[severity].targets.length > 0;
    const has = after.routing[severity].targets.length > 0;
    out.push({ kind: "routing", action: had && has ? "changed" : has ? "added" : had ? "removed" : "changed", subject: severity, fields });
  }
  return [...out, ...overrideChanges(before, after)];
}

/** A route as a reviewer reads it: where it delivers, the urgency it opens incidents with, and whom that wakes. */
function routeView(m: Model, r: Route | undefined, service?: string): View {
  const woken = (route: Route) => (service === undefined ? whoRouteWakes(m, route) : whoServiceRouteWakes(m, service, route));
  return r ? [["targets", targets(r.targets)], ["urgency", effectiveUrgency(m, r)], ["can wake", people(woken(r))]] : [];
}

/** Who is woken after and not before, and the reverse. */
function wokenDelta(before: string[], after: string[]): FieldChange[] {
  const added = after.filter((p) => !before.includes(p));
  const removed = before.filter((p) => !after.includes(p));
  return [...(added.length ? [{ field: "newly woken", after: added.join(", ") }] : []), ...(removed.length ? [{ field: "no longer woken", before: removed.join(", ") }] : [])];
}

/** Route overrides by `<service>/<severity>` (service routes) and `<service>/<alert>` (alert routes). */
function overridesOf(model: Model): Map<string, { service: string; route: Route }> {
  const out = new Map<string, { service: string; route: Route }>();
  for (const o of routeOverrides(model)) out.set(o.alert ? `${o.service.id}/${o.alert}` : `${o.service.id}/${o.severity}`, { service: o.service.id, route: o.route });
  return out;
}

function overrideChanges(before: Model, after: Model): SemanticChange[] {
  const b = overridesOf(before);
  const a = overridesOf(after);
  const out: SemanticChange[] = [];
  for (const key of [...new Set([...b.keys(), ...a.keys()])].sort()) {
    const fields = compare(routeView(before, b.get(key)?.route, b.get(key)?.service), routeView(after, a.get(key)?.route, a.get(key)?.service));
    if (!fields.length) continue;
    out.push({ kind: "routing", action: b.has(key) && a.has(key) ? "changed" : a.has(key) ? "added" : "removed", subject: `override ${key}`, fields });
  }
  return out;
}

function sloChanges(before: Model, after: Model): SemanticChange[] {
  const pairs = matchById(serviceItems(before, (s) => s.slos), serviceItems(after, (s) => s.slos));
  const out = entityChanges("slo", pairs, (x) => x.id, (x) => sloView(x.item));
  for (const m of pairs) {
    if (!m.before || !m.after) continue;
    const subject = m.after.id;
    const [sb, sa] = [m.before.service, m.after.service];
    const burns = matchById(m.before.item.alerts, m.after.item.alerts);
    out.push(
      ...entityChanges(
        "burn-rate",
        burns,
        (b) => `${subject}/${b.id}`,
        (b) => [
          ["severity", severity(b.severity, b.declaredSeverity)],
          ["factor", `${b.factor}x`],
          ["windows", b.windowLabel],
          ["for", b.for.text],
        ],
        undefined,
        { before: (b) => deliveryView(before, sb, b.severity), after: (b) => deliveryView(after, sa, b.severity) },
      ),
    );
  }
  return out;
}

function statusPageChanges(before: StatusPage | undefined, after: StatusPage | undefined): SemanticChange[] {
  const pageView = (p: StatusPage): View => [
    ["title", p.title],
    ["hostname", p.hostname],
    ["probe every", p.probeEvery.text],
    ["history", `${p.historyDays} days`],
  ];
  const page = entityChanges("status-page", [{ before: before && { ...before, id: "status page" }, after: after && { ...after, id: "status page" } }].filter((m) => m.before || m.after), (p) => p.id, pageView);
  const components = entityChanges("status-page", matchById(before?.components ?? [], after?.components ?? []), (c) => `component ${c.id}`, (c) => [
    ["name", c.name],
    ["group", c.group],
    ["probe", c.probe ? `${c.probe.method} ${c.probe.url}` : "none"],
    ["expect", c.probe ? `${c.probe.expectStatus}${c.probe.bodyContains !== undefined ? ` containing ${JSON.stringify(c.probe.bodyContains)}` : ""} within ${c.probe.timeout.text}` : "none"],
    ["decided by", c.decidedBy ?? "probes"],
    ["outage after", `${c.alertAfter} failed probes`],
  ]);
  return [...page, ...components];
}

/**
 * Where one side of a thing notifies and whom it wakes (`delivery`): shown beside an added or
 * removed thing, and beside a changed one when its own change moves it (a ticket that becomes a
 * page). A change of the shared route alone is the routing entry's, not repeated per thing.
 */
interface Consequence<T> {
  before: (t: T) => View;
  after: (t: T) => View;
}

/** Added, removed, renamed and changed things of one kind; unchanged ones say nothing. */
function entityChanges<T>(
  kind: SemanticKind,
  pairs: Matched<T>[],
  subject: (t: T) => string,
  view: (t: T) => View,
  extra: (m: Matched<T>) => Partial<SemanticChange> = () => ({}),
  consequence?: Consequence<T>,
): SemanticChange[] {
  const out: SemanticChange[] = [];
  for (const m of pairs) {
    const more = extra(m);
    const withExtra = (c: SemanticChange): SemanticChange => (more.onCall ? { ...c, onCall: more.onCall } : c);
    if (m.before === undefined && m.after !== undefined) {
      const all = [...view(m.after), ...(consequence?.after(m.after) ?? [])];
      out.push(withExtra({ kind, action: "added", subject: subject(m.after), fields: all.filter(([, v]) => v !== undefined).map(([field, v]) => ({ field, after: v })) }));
    } else if (m.after === undefined && m.before !== undefined) {
      const all = [...view(m.before), ...(consequence?.before(m.before) ?? [])];
      out.push(withExtra({ kind, action: "removed", subject: subject(m.before), fields: all.filter(([, v]) => v !== undefined).map(([field, v]) => ({ field, before: v })) }));
    } else if (m.before !== undefined && m.after !== undefined) {
      const fields = compare(view(m.before), view(m.after));
      const renamed = m.renamedFrom !== undefined;
      if (!fields.length && !renamed && !more.onCall) continue;
      if (consequence && fields.length) fields.push(...consequenceFields(consequence.before(m.before), consequence.after(m.after)));
      out.push(withExtra({ kind, action: renamed ? "renamed" : "changed", subject: subject(m.after), ...(renamed ? { previousSubject: subject(m.before) } : {}), fields }));
    }
  }
  return out;
}

/** The delivery fields that differ, then who is newly woken or no longer woken. */
function consequenceFields(before: View, after: View): FieldChange[] {
  const fields = compare(before, after);
  if (!fields.length) return [];
  const woken = (v: View) => {
    const s = new Map(v).get("can wake");
    return s === undefined || s === "nobody" ? [] : s.split(", ");
  };
  return [...fields, ...wokenDelta(woken(before), woken(after))];
}

/** Where something of a service at a severity goes (its alert's own route when given), and whom it can wake. */
function deliveryView(model: Model, serviceId: string, sev: Severity, alertId?: string): View {
  const route = routeFor(model, serviceId, sev, alertId);
  return [
    ["routes to", targets(route.targets)],
    ["can wake", people(whoServiceRouteWakes(model, serviceId, route))],
  ];
}

/** The consequence views of a service's check or heartbeat (routed by its service and severity). */
function delivery<T extends { service: string; item: { severity: Severity } }>(before: Model, after: Model): Consequence<T> {
  return { before: (x) => deliveryView(before, x.service, x.item.severity), after: (x) => deliveryView(after, x.service, x.item.severity) };
}

/** Fields whose values differ, in the order of the after view (then fields only the before had). */
function compare(before: View, after: View): FieldChange[] {
  const b = new Map(before);
  const a = new Map(after);
  const names = [...new Set([...after.map(([f]) => f), ...before.map(([f]) => f)])];
  return names.filter((f) => b.get(f) !== a.get(f)).map((f) => ({ field: f, before: b.get(f), after: a.get(f) }));
}

/** A service's SLOs, alerts, checks or heartbeats with ids `service/id`; renames of either part count. */
function serviceItems<T extends { id: string; previously: string[] }>(model: Model, pick: (s: Service) => T[]): { id: string; service: string; previously: string[]; item: T }[] {
  return model.services.flatMap((s) =>
    pick(s).map((item) => ({
      id: `${s.id}/${item.id}`,
      service: s.id,
      previously: [...item.previously.map((p) => `${s.id}/${p}`), ...s.previously.map((p) => `${p}/${item.id}`), ...s.previously.flatMap((ps) => item.previously.map((p) => `${ps}/${p}`))],
      item,
    })),
  );
}

function sloView(slo: Slo): View {
  const sli: View =
    slo.sli.kind === "ratio"
      ? (["errors", "good", "total"] as const).flatMap((part): View => {
          const q = slo.sli.kind === "ratio" ? slo.sli[part] : undefined;
          return [
            [`sli ${part} (prometheus)`, q?.prometheus],
            [`sli ${part} (datadog)`, q?.datadog],
          ];
        })
      : [
          ["sli latency threshold", slo.sli.threshold.text],
          ["sli latency (prometheus)", slo.sli.prometheus],
          ["sli latency (datadog)", slo.sli.datadog],
        ];
  return [["objective", `${slo.objective}%`], ["window", slo.window.text], ["description", slo.description], ...sli];
}

function alertView(a: Model["services"][number]["alerts"][number]): View {
  return [
    ["summary", a.summary],
    ["severity", severity(a.severity, a.declaredSeverity)],
    ["condition", conditionText(a.condition)],
    ["for", a.for.text],
    ["query (prometheus)", a.query.prometheus],
    ["query (datadog)", a.query.datadog],
    ["no data", a.noData],
    ["active during", a.businessHoursOnly ? "business hours" : undefined],
    ["runbook", a.runbookUrl],
  ];
}

function checkView(c: Model["services"][number]["checks"][number]): View {
  return [
    ["request", `${c.method} ${c.url}`],
    ["every", c.every.text],
    ["expect", `${c.expect.status}${c.expect.bodyContains !== undefined ? ` containing ${JSON.stringify(c.expect.bodyContains)}` : ""} within ${c.expect.within.text}`],
    ["alert after", `${c.alertAfter} consecutive failures`],
    ["severity", severity(c.severity, c.declaredSeverity)],
    ["runbook", c.runbookUrl],
  ];
}

function heartbeatView(h: Model["services"][number]["heartbeats"][number]): View {
  return [
    ["summary", h.summary],
    ["every", h.every.text],
    ["grace", h.grace.text],
    ["metric (prometheus)", h.prometheus],
    ["metric (datadog)", h.datadog],
    ["severity", severity(h.severity, h.declaredSeverity)],
    ["runbook", h.runbookUrl],
  ];
}

function scheduleView(s: Schedule): View {
  const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
  const hm = (t: { hour: number; minute: number }) => `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
  return [
    ["name", s.name],
    ["rotation", s.rotation],
    ["handoff", s.handoff.text],
    ["members", people(s.members)],
    ["time zone", s.timezone],
    ["start", s.start],
    ["coverage", s.coverage ? `${s.coverage.days.map((d) => days[d]).join(",")} ${hm(s.coverage.from)}-${hm(s.coverage.to)}` : "around the clock"],
  ];
}

function escalationView(e: Escalation): View {
  const levels: View = e.levels.map((l, i) => [`level ${i + 1}`, `${l.notify.map((t) => (t.kind === "schedule" ? `schedule:${t.schedule}` : `person:${t.person}`)).join(", ")}, escalate after ${l.escalateAfter.text}`]);
  return [["name", e.name], ["repeat", String(e.repeat)], ...levels];
}

function severity(effective: Severity, declared: Severity): string {
  return effective === declared ? effective : `${effective} (declared ${declared})`;
}

function targets(ts: RouteTarget[]): string {
  if (!ts.length) return "none";
  return ts.map(describeRouteTarget).join(", ");
}

function people(ids: string[]): string {
  return ids.length ? ids.join(", ") : "nobody";
}

function onOff(b: boolean): string {
  return b ? "on" : "off";
}
