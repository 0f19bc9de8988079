/**
 * Small hand-built Models for table tests: each factory fills every required field with a sensible
 * value so a test states only what it is about.
 */
import type { Alert, BurnRateAlert, Check, Escalation, Heartbeat, Model, Person, Schedule, Service, Slo } from "../../specification/model";
import { parseDuration } from "../../specification/duration";
import { latencyOf, parseLatencyMs } from "../../specification/latency";

/** A check's budget or a probe's timeout, as resolve makes it (`300ms`, `0.3s`, `2s`). */
export function budget(text: string) {
  const ms = parseLatencyMs(text);
  if (ms === undefined) throw new Error(`bad latency in test: ${text}`);
  return latencyOf(ms);
}

export function dur(text: string) {
  const d = parseDuration(text);
  if (!d) throw new Error(`bad duration in test: ${text}`);
  return d;
}

export function burn(id: string, severity: BurnRateAlert["severity"], long: string, short: string, factor: number, forText = "2m"): BurnRateAlert {
  const l = dur(long);
  const s = dur(short);
  return { id, severity, declaredSeverity: severity, long: l, short: s, factor, for: dur(forText), windowLabel: `${l.text}/${s.text}`, minEvents: 0 };
}

export function makeSlo(over: Partial<Slo> = {}): Slo {
  const objective = over.objective ?? 99.9;
  return {
    id: "availability",
    serviceId: "api",
    objective,
    errorBudget: Number((1 - objective / 100).toPrecision(12)),
    window: dur("30d"),
    sli: {
      kind: "ratio",
      errors: { prometheus: 'sum(rate(http_requests_total{code=~"5.."}[{{window}}]))' },
      total: { prometheus: "sum(rate(http_requests_total[{{window}}]))" },
    },
    alerts: [burn("page-fast", "page", "1h", "5m", 14.4), burn("page-slow", "page", "6h", "30m", 6, "15m"), burn("ticket-fast", "ticket", "1d", "2h", 3, "1h"), burn("ticket-slow", "ticket", "3d", "6h", 1, "3h")],
    previously: [],
    ...over,
  };
}

export function makeAlert(over: Partial<Alert> = {}): Alert {
  return {
    id: "error-rate",
    serviceId: "api",
    summary: "Error rate above 5%",
    severity: "page",
    declaredSeverity: "page",
    for: dur("5m"),
    condition: { op: "above", threshold: 0.05 },
    query: { prometheus: "sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))" },
    noData: "ok",
    previously: [],
    ...over,
  };
}

export function makeCheck(over: Partial<Check> = {}): Check {
  return {
    id: "health",
    serviceId: "api",
    url: "https://api.example.test/health",
    method: "GET",
    every: dur("1m"),
    expect: { status: 200, within: budget("10s") },
    alertAfter: 3,
    severity: "page",
    declaredSeverity: "page",
    previously: [],
    ...over,
  };
}

export function makeHeartbeat(over: Partial<Heartbeat> = {}): Heartbeat {
  return {
    id: "nightly",
    serviceId: "api",
    summary: "The nightly job has not completed",
    every: dur("24h"),
    grace: dur("1h"),
    prometheus: "job_last_success_timestamp_seconds",
    severity: "page",
    declaredSeverity: "page",
    previously: [],
    ...over,
  };
}

export function makeService(over: Partial<Service> = {}): Service {
  return { id: "api", name: "API", tier: "critical", runbookUrl: "https://runbooks.example.test/api.md", slos: [], alerts: [], checks: [], heartbeats: [], absenceSeverity: "page", previously: [], ...over };
}

export function makePerson(id: string, over: Partial<Person> = {}): Person {
  return { id, name: id.toUpperCase(), email: `${id}@example.test`, create: false, ...over };
}

export function makeSchedule(over: Partial<Schedule> = {}): Schedule {
  return {
    id: "primary",
    name: "primary",
    rotation: "weekly",
    shift: dur("7d"),
    handoff: { weekday: 1, hour: 9, minute: 0, text: "monday 09:00" },
    members: ["ana", "ben"],
    timezone: "America/New_York",
    start: "2025-01-06",
    previously: [],
    ...over,
  };
}

export function makeEscalation(over: Partial<Escalation> = {}): Escalation {
  return {
    id: "oncall",
    name: "oncall",
    repeat: 1,
    levels: [
      { notify: [{ kind: "schedule", schedule: "primary" }], escalateAfter: dur("15m") },
      { notify: [{ kind: "person", person: "ben" }], escalateAfter: dur("30m") },
    ],
    previously: [],
    ...over,
  };
}

export function makeModel(over: Partial<Model> = {}): Model {
  return {
    apiVersion: "readiness/v1",
    environment: "prod",
    paging: true,
    backends: ["grafana", "datadog", "pagerduty", "cloudflare"],
    scrapeInterval: dur("1m"),
    system: { name: "shop", owner: "team", runbookBase: "https://runbooks.example.test/" },
    routing: {
      page: { severity: "page", targets: [{ kind: "escalation", escalation: "oncall" }] },
      ticket: { severity: "ticket", targets: [{ kind: "slack", channel: "#alerts" }] },
      info: { severity: "info", targets: [{ kind: "email", address: "team@example.test" }] },
    },
    oncall: { timezone: "America/New_York", people: [makePerson("ana"), makePerson("ben")], schedules: [makeSchedule()], escalations: [makeEscalation()] },
    services: [makeService({ slos: [makeSlo()], alerts: [makeAlert()], checks: [makeCheck()] })],
    dashboards: [],
    phases: [],
    signoffs: [],
    file: "readiness.yaml",
    ...over,
  };
}
