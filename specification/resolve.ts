/**
 * resolve(spec, env) -> Model: one environment, every default applied here and nowhere else.
 *
 * Pure and deterministic: no clock, no I/O. Lists are sorted by id so the order of the spec does
 * not matter; order that means something (rotation members, escalation levels, panels, declared
 * burn-rate windows) is kept.
 */
import type { Spec } from "./schema";
import { WEEKDAY_NAMES } from "./schema";
import type {
  Alert, Backend, BackendQuery, BusinessHours, Check, Coverage, Dashboard, Duration, Escalation, EvidenceRef, Heartbeat, Model, Person,
  Route, RouteTarget, Schedule, Service, Severity, Signoff, SignoffPerson, Slo, StatusComponent, StatusPage, CalendarPeriod,
} from "./model";
import { BACKENDS } from "./model";
import { parseDuration, parseDurationMs, seconds } from "./duration";
import { burnRateAlerts, defaultWindows, type BurnRateWindow } from "../slos/burnRate";
import { CALENDAR_LENGTHS, CALENDAR_PERIODS } from "./calendar";
import { STATUS_PAGE_CHECK_ID, statusPageOwner } from "./statusPageCheck";

/** Default first handoff week: a fixed Monday, so providers never see "now". */
const DEFAULT_START_MONDAY = "2025-01-06";

function isCalendarPeriod(w: string): w is CalendarPeriod {
  return (CALENDAR_PERIODS as string[]).includes(w);
}

type SpecRoute = NonNullable<Spec["routing"]["page"]>;

/** A route's targets in a fixed order; urgency `high` is dropped where paging is off, so nothing pages there. */
function route(severity: Severity, r: SpecRoute | undefined, paging: boolean): Route {
  const targets: RouteTarget[] = [];
  if (r?.escalation) targets.push({ kind: "escalation", escalation: r.escalation });
  if (r?.slack) targets.push({ kind: "slack", channel: r.slack });
  if (r?.email) targets.push({ kind: "email", address: r.email });
  if (r?.webhook) targets.push({ kind: "webhook", url: r.webhook });
  const urgency = r?.urgency === "high" && !paging ? "low" : r?.urgency;
  return { severity, targets, ...(urgency ? { urgency } : {}) };
}

/** Resolves one environment of a validated spec. Throws only if `env` is not declared. */
export function resolve(spec: Spec, env: string, file = "readiness.yaml"): Model {
  const environment = spec.environments[env];
  if (!environment) throw new Error(`environment "${env}" is not declared; declared: ${Object.keys(spec.environments).join(", ")}`);
  const s = substitute(spec, env, environment.vars) as Spec;
  const paging = environment.paging;
  const effective = (sev: Severity): Severity => (!paging && sev === "page" ? "ticket" : sev);
  const runbookUrl = (path: string | undefined) => (path === undefined ? undefined : absoluteUrl(path, s.system.runbookBase));
  const previously = (p: string[] | undefined) => [...(p ?? [])].sort();

  const routing = Object.fromEntries((["page", "ticket", "info"] as const).map((sev): [Severity, Route] => [sev, route(sev, s.routing[sev], paging)])) as Record<Severity, Route>;
  // Overrides are keyed by the severity an alert has after the paging policy, like `routing`.
  const serviceRouting = (r: Spec["services"][number]["routing"]): Partial<Record<Severity, Route>> | undefined => {
    if (!r) return undefined;
    const out: Partial<Record<Severity, Route>> = {};
    for (const sev of ["page", "ticket", "info"] as const) if (r[sev]) out[sev] = route(sev, r[sev], paging);
    return out;
  };

  const oncall = s.oncall ?? { timezone: "UTC", people: [], schedules: [], escalations: [] };
  const people: Person[] = byId(oncall.people.map((p) => ({ id: p.id, name: p.name, email: p.email, create: p.create })));
  const schedules: Schedule[] = byId(oncall.schedules.map((sc) => schedule(sc, oncall.timezone)));
  const escalations: Escalation[] = byId(
    oncall.escalations.map((e) => ({
      id: e.id,
      name: e.name ?? e.id,
      repeat: e.repeat,
      levels: e.levels.map((l) => ({
        notify: l.notify.map((t) => {
          const [kind, id] = t.split(":");
          return kind === "schedule" ? { kind: "schedule" as const, schedule: id } : { kind: "person" as const, person: id };
        }),
        escalateAfter: l.escalateAfter ? dur(l.escalateAfter) : seconds(30 * 60),
      })),
      previously: previously(e.previously),
    })),
  );

  const pageOwner = statusPageOwner(s);
  const services: Service[] = byId(
    s.services.map((svc): Service => {
      const svcRunbook = runbookUrl(svc.runbook);
      const slos: Slo[] = byId(
        svc.slos.map((slo): Slo => {
          const period = isCalendarPeriod(slo.window) ? slo.window : undefined;
          const window = period ? seconds(CALENDAR_LENGTHS[period].meanSeconds) : dur(slo.window);
          const windows: BurnRateWindow[] = slo.alerting
            ? slo.alerting.windows.map((w) => {
                const long = dur(w.long);
                const short = dur(w.short);
                return { id: w.id ?? `${w.severity}-${long.text}-${short.text}`, severity: w.severity, long, short, factor: w.factor, for: w.for ? dur(w.for) : seconds(0) };
              })
            : defaultWindows(window, environment.scrapeInterval ? dur(environment.scrapeInterval) : seconds(60));
          const errorBudget = Number((1 - slo.objective / 100).toPrecision(12));
          return {
            id: slo.id,
            serviceId: svc.id,
            description: slo.description,
            objective: slo.objective,
            errorBudget,
            window,
            ...(period ? { calendar: { period, timezone: oncall.timezone } } : {}),
            sli: slo.sli.latency
              ? {
                  kind: "latency",
                  threshold: { ...latency(slo.sli.latency.threshold) },
                  prometheus: slo.sli.latency.prometheus,
                  datadog: slo.sli.latency.datadog,
                }
              : { kind: "ratio", errors: query(slo.sli.errors), good: query(slo.sli.good), total: query(slo.sli.total) ?? {} },
            alerts: burnRateAlerts(windows, paging, errorBudget, slo.minEvents),
            previously: previously(slo.previously),
          };
        }),
      );
      const alerts: Alert[] = byId(
        svc.alerts.map((a) => ({
          id: a.id,
          serviceId: svc.id,
          summary: a.summary,
          description: a.description,
          declaredSeverity: a.severity,
          severity: effective(a.severity),
          for: dur(a.for),
          condition: condition(a),
          query: query(a.query) ?? {},
          noData: a.noData,
          businessHoursOnly: a.activeDuring === "businessHours",
          runbookUrl: runbookUrl(a.runbook) ?? svcRunbook,
          ...(a.route ? { route: route(effective(a.severity), a.route, paging) } : {}),
          previously: previously(a.previously),
        })),
      );
      const checks: Check[] = byId(
        [...svc.checks, ...(svc.id === pageOwner ? [statusPageCheck(s.statusPage!)] : [])].map((c) => ({
          id: c.id,
          serviceId: svc.id,
          url: c.http,
          method: c.method,
          every: dur(c.every),
          expect: { status: c.expect.status, bodyContains: c.expect.bodyContains, within: dur(c.expect.within) },
          alertAfter: c.alertAfter,
          declaredSeverity: c.severity,
          severity: effective(c.severity),
          runbookUrl: runbookUrl(c.runbook) ?? svcRunbook,
          previously: previously(c.previously),
        })),
      );
      const heartbeats: Heartbeat[] = byId(
        svc.heartbeats.map((h) => ({
          id: h.id,
          serviceId: svc.id,
          summary: h.summary,
          every: dur(h.every),
          grace: dur(h.grace),
          prometheus: h.prometheus,
          datadog: h.datadog,
          declaredSeverity: h.severity,
          severity: effective(h.severity),
          runbookUrl: runbookUrl(h.runbook) ?? svcRunbook,
          previously: previously(h.previously),
        })),
      );
      return {
        id: svc.id,
        name: svc.name,
        tier: svc.tier,
        ...(svc.owner !== undefined ? { owner: svc.owner } : {}),
        runbookUrl: svcRunbook,
        statusPage: svc.statusPage ? { component: svc.statusPage.component, group: svc.statusPage.group } : undefined,
        slos,
        alerts,
        checks,
        heartbeats,
        // Undeclared, blindness is capped only by what it stands in for: a standard service whose burn
        // alerts page gets a paging absence alert, since an outage that takes the scrape targets
        // down must not merely ticket (Pyrra pages on absent metrics too).
        absenceSeverity: effective(svc.absenceSeverity ?? "page"),
        ...(svc.routing ? { routing: serviceRouting(svc.routing) } : {}),
        previously: previously(svc.previously),
      };
    }),
  );

  const dashboards: Dashboard[] = byId(s.dashboards.map((d) => ({ id: d.id, title: d.title, panels: d.panels.map((p) => ({ title: p.title, unit: p.unit, query: query(p.query) ?? {} })) })));

  let statusPage: StatusPage | undefined;
  if (s.statusPage) {
    const components: StatusComponent[] = s.services
      .filter((svc) => svc.statusPage)
      .map((svc) => {
        const sp = svc.statusPage!;
        const check = svc.checks.find((c) => c.method === "GET");
        const probeable = sp.probe !== undefined || check !== undefined;
        const decidedBy = sp.decidedBy ?? "probes";
        return {
          id: svc.id,
          name: sp.component,
          group: sp.group,
          decidedBy,
          ...(probeable && decidedBy !== "alerts"
            ? {
                probe: {
                  url: sp.probe ?? check!.http,
                  method: "GET" as const,
                  expectStatus: sp.probe ? 200 : check!.expect.status,
                  bodyContains: sp.probe ? undefined : check!.expect.bodyContains,
                  timeout: sp.probe ? seconds(10) : dur(check!.expect.within),
                },
              }
            : {}),
          alertAfter: sp.alertAfter ?? (sp.probe || !check ? 2 : check.alertAfter),
        };
      })
      .sort((a, b) => cmp(a.group, b.group) || cmp(a.name, b.name) || cmp(a.id, b.id));
    statusPage = { title: s.statusPage.title, hostname: s.statusPage.hostname, probeEvery: dur(s.statusPage.probeEvery), historyDays: s.statusPage.historyDays, components, deadMansSwitch: { after: dur(s.statusPage.deadMansSwitch.after) } };
  }

  // Sign-offs keep spec order: authors list them in the order a reviewer should read them.
  const signoffPerson = (name: string): SignoffPerson => {
    const p = people.find((x) => x.id === name);
    return p ? { id: p.id, name: p.name, email: p.email } : { email: name };
  };
  const signoffs: Signoff[] = s.signoffs.map((so) => ({
    id: so.id,
    title: so.title,
    gate: so.gate,
    phase: so.phase,
    ...(so.owner !== undefined ? { owner: signoffPerson(so.owner) } : {}),
    approvers: (so.approvers ?? []).map(signoffPerson),
    ...(so.description !== undefined ? { description: so.description } : {}),
    links: so.links,
    ...(so.due !== undefined ? { due: so.due } : {}),
    evidence: so.evidence.map(evidence),
    attested: so.attested ? { by: so.attested.by, at: so.attested.at, expires: so.attested.expires ? dur(so.attested.expires) : undefined } : undefined,
  }));
  const phases = s.phases ? [...s.phases] : [...new Set(s.signoffs.map((so) => so.phase))];

  return {
    apiVersion: "readiness/v1",
    environment: env,
    paging,
    backends: BACKENDS.filter((b: Backend) => environment.backends.includes(b)),
    scrapeInterval: environment.scrapeInterval ? dur(environment.scrapeInterval) : seconds(60),
    system: { name: s.system.name, owner: s.system.owner, description: s.system.description, runbookBase: s.system.runbookBase },
    routing,
    oncall: { timezone: oncall.timezone, people, schedules, escalations, ...(s.oncall?.businessHours ? { businessHours: businessHours(s.oncall.businessHours, oncall.timezone) } : {}) },
    services,
    dashboards,
    statusPage,
    phases,
    signoffs,
    file,
  };
}

/**
 * The status page's own health check, as if written on its owning service: it pages (after the
 * paging policy) after 3 failed runs a minute apart, because a page that stopped updating also
 * stopped being the alerting pipeline's dead man's switch.
 */
function statusPageCheck(page: NonNullable<Spec["statusPage"]>): Spec["services"][number]["checks"][number] {
  return { id: STATUS_PAGE_CHECK_ID, http: `https://${page.hostname}/health`, method: "GET", every: "1m", expect: { status: 200, within: "10s" }, alertAfter: 3, severity: "page", previously: [] };
}

function schedule(sc: NonNullable<Spec["oncall"]>["schedules"][number], defaultZone: string): Schedule {
  const [first, second] = sc.handoff.trim().toLowerCase().split(/\s+/);
  const time = second ?? first;
  const weekday = second ? WEEKDAY_NAMES.indexOf(first as (typeof WEEKDAY_NAMES)[number]) : undefined;
  const [hour, minute] = time.split(":").map(Number);
  const coverage: Coverage | undefined = sc.coverage
    ? {
        days: [...new Set(sc.coverage.days.map((d) => WEEKDAY_NAMES.indexOf(d)))].sort((a, b) => a - b),
        from: clock(sc.coverage.from),
        to: clock(sc.coverage.to),
      }
    : undefined;
  return {
    id: sc.id,
    name: sc.name ?? sc.id,
    rotation: sc.rotation,
    shift: seconds(sc.rotation === "weekly" ? 7 * 86400 : 86400),
    handoff: { weekday, hour, minute, text: sc.handoff.trim() },
    members: [...sc.members],
    timezone: sc.timezone ?? defaultZone,
    start: sc.start ?? firstWeekdayOnOrAfter(DEFAULT_START_MONDAY, weekday),
    coverage,
    previously: [...(sc.previously ?? [])].sort(),
  };
}

type SpecAlert = Spec["services"][number]["alerts"][number];

function condition(a: SpecAlert): Alert["condition"] {
  if (a.increaseOver) {
    const percent = parseFloat(a.increaseOver.by);
    return { op: "increase", window: dur(a.increaseOver.window), percent, ratio: Number((1 + percent / 100).toPrecision(12)) };
  }
  return a.above !== undefined ? { op: "above", threshold: a.above } : { op: "below", threshold: a.below as number };
}

function businessHours(b: NonNullable<NonNullable<Spec["oncall"]>["businessHours"]>, defaultZone: string): BusinessHours {
  return {
    timezone: b.timezone ?? defaultZone,
    days: [...new Set(b.days.map((d) => WEEKDAY_NAMES.indexOf(d)))].sort((x, y) => x - y),
    from: clock(b.from),
    to: clock(b.to),
  };
}

function clock(text: string): { hour: number; minute: number } {
  const [hour, minute] = text.split(":").map(Number);
  return { hour, minute };
}

function firstWeekdayOnOrAfter(date: string, weekday: number | undefined): string {
  if (weekday === undefined) return date;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((weekday - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
}

function evidence(text: string): EvidenceRef {
  const [kind, rest = ""] = text.split(/:(.*)/s);
  const [service, id = ""] = rest.split(/\/(.*)/s);
  switch (kind) {
    case "check":
      return { kind: "check", service, id, text };
    case "slo":
      return { kind: "slo", service, id, text };
    case "escalation":
      return { kind: "escalation", id: rest, text };
    case "routing":
      return { kind: "routing", severity: rest as Severity, text };
    case "runbook":
      return { kind: "runbook", service: rest, text };
    case "heartbeat":
      return { kind: "heartbeat", service, id, text };
    case "alert":
      return { kind: "alert", service, id, text };
    case "dashboard":
      return { kind: "dashboard", id: rest, text };
    case "schedule":
      return { kind: "schedule", id: rest, text };
    case "external":
      return { kind: "external", target: rest, text };
    default:
      return { kind: "statusPage", text };
  }
}

function query(q: BackendQuery | undefined): BackendQuery | undefined {
  if (!q) return undefined;
  const out: BackendQuery = {};
  if (q.prometheus !== undefined) out.prometheus = q.prometheus.trim();
  if (q.datadog !== undefined) out.datadog = q.datadog.trim();
  return out;
}

function dur(text: string): Duration {
  const d = parseDuration(text);
  if (!d) throw new Error(`unvalidated duration ${text}`);
  return d;
}

function latency(text: string): Duration & { ms: number } {
  const ms = parseDurationMs(text) as number;
  return { seconds: ms / 1000, text: text.trim(), ms };
}

/**
 * A runbook path resolved against the base: undefined when it does not form a URL (the loader
 * reports that before resolve runs, so resolve keeps the path as written).
 */
export function runbookUrlOf(path: string, base: string | undefined): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) || !base) return path;
  try {
    return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
  } catch {
    return undefined;
  }
}

function absoluteUrl(path: string, base: string | undefined): string {
  return runbookUrlOf(path, base) ?? path;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byId<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => cmp(a.id, b.id));
}

/** Replaces `${env}` and `${vars.X}` in every string (the loader has checked they are defined). */
function substitute(value: unknown, env: string, vars: Record<string, string>): unknown {
  if (typeof value === "string")
    return !value.includes("${") ? value : value.replace(/\$\{\s*(env|vars\.([A-Za-z_][A-Za-z0-9_]*))\s*\}/g, (m, whole: string, name?: string) => (whole === "env" ? env : name !== undefined && name in vars ? vars[name] : m));
  if (Array.isArray(value)) return value.map((v) => substitute(v, env, vars));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, env, vars)]));
  return value;
}
