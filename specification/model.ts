/**
 * The Model: one environment of a readiness spec, fully resolved.
 *
 * `resolve(spec, env)` produces it: `${vars.X}` and `${env}` substituted, the paging policy applied
 * (`paging: false` turns every `page` into `ticket`), SLO burn-rate alerts derived, routes resolved
 * to their targets and every default applied. Renderers, the audit, the diff and the report read
 * only this; none of them sees YAML.
 *
 * Lists are sorted by id (services, SLOs, alerts, checks, heartbeats, people, schedules,
 * escalations, dashboards, sign-offs) so that reordering the spec changes nothing downstream.
 * Order that means something is kept: schedule members (rotation order), escalation levels,
 * dashboard panels, SLO alert windows (as declared or as in the default table).
 */

/** How urgent an alert is: page wakes a human, ticket waits for work hours, info is FYI. */
export type Severity = "page" | "ticket" | "info";
export const SEVERITIES: readonly Severity[] = ["page", "ticket", "info"];

/** A provider this project provisions in an environment. */
export type Backend = "grafana" | "datadog" | "pagerduty" | "cloudflare" | "prometheus";
export const BACKENDS: readonly Backend[] = ["grafana", "datadog", "pagerduty", "cloudflare", "prometheus"];

/** How critical a service is to customers. */
export type Tier = "critical" | "standard" | "internal";

/** A span of time parsed once from the spec (`90s`, `15m`, `1h30m`, `30d`). */
export interface Duration {
  /** Whole seconds. */
  seconds: number;
  /** Canonical spelling, largest units first (`1h30m`, `30d`, `0s`); what PromQL and labels use. */
  text: string;
}

/** A response-time budget, to the millisecond (`300ms`, `1.5s`); `seconds` may be fractional. */
export interface Latency extends Duration {
  ms: number;
}

/** Where a value was written in the spec, for diagnostics and audit findings. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
  /** Spec path such as `services[1].slos[0].objective`. */
  path: string;
}

/** A query per metrics backend; a backend with no query cannot evaluate the thing it belongs to. */
export interface BackendQuery {
  prometheus?: string;
  datadog?: string;
}

/** The resolved spec for one environment. */
export interface Model {
  apiVersion: "readiness/v1";
  /** The environment name (`staging`, `prod`). */
  environment: string;
  /** False means nothing may page a human: every `page` was turned into `ticket`. */
  paging: boolean;
  /** Providers provisioned in this environment, in the fixed order of BACKENDS. */
  backends: Backend[];
  /** Scrape interval assumed for Prometheus-style rules (default 1m, Prometheus's own default). */
  scrapeInterval: Duration;
  system: SystemInfo;
  /** Where each severity goes; every severity has an entry, possibly with no targets. */
  routing: Record<Severity, Route>;
  oncall: OnCall;
  services: Service[];
  dashboards: Dashboard[];
  statusPage?: StatusPage;
  /** Launch phases in order: the spec's `phases`, else the sign-offs' phases in order of first appearance. */
  phases: string[];
  /** Sign-offs in spec order (their order is the reading order of the report). */
  signoffs: Signoff[];
  /** The spec file this model came from, as given to the loader. */
  file: string;
}

/** The system being launched. */
export interface SystemInfo {
  name: string;
  owner?: string;
  description?: string;
  /** Base URL that relative runbook paths are resolved against. */
  runbookBase?: string;
}

/** One place a severity is delivered to. */
export type RouteTarget =
  | { kind: "escalation"; escalation: string }
  | { kind: "slack"; channel: string }
  | { kind: "email"; address: string }
  /** An HTTPS URL that may carry a token: never printed in full (see `redactWebhook`). */
  | { kind: "webhook"; url: string };

/** PagerDuty urgency: `high` fires phone/SMS notification rules, `low` does not. */
export type Urgency = "high" | "low";

/** Where alerts of one severity go. */
export interface Route {
  severity: Severity;
  targets: RouteTarget[];
  /** Urgency as set on the route (absent: by severity, high only for `page`); never `high` where paging is off. */
  urgency?: Urgency;
  at?: SourceLocation;
}

/** On-call people, rotations and escalation. */
export interface OnCall {
  /** Default IANA time zone for schedules. */
  timezone: string;
  people: Person[];
  schedules: Schedule[];
  escalations: Escalation[];
  /** Working hours, when declared; alerts with `businessHoursOnly` notify only inside them. */
  businessHours?: BusinessHours;
}

/** Working hours: a daily window of local time on some weekdays, in one time zone. */
export interface BusinessHours extends Coverage {
  /** IANA time zone the window is local to (`oncall.businessHours.timezone`, else `oncall.timezone`). */
  timezone: string;
}

/** Someone who can be woken. */
export interface Person {
  id: string;
  name: string;
  email: string;
  /** True when PagerDuty should create the user; by default it is looked up by email. */
  create: boolean;
  at?: SourceLocation;
}

/** A wall-clock handoff: weekday (weekly rotations only) and local time. */
export interface Handoff {
  /** 0 = Sunday ... 6 = Saturday; undefined for daily rotations. */
  weekday?: number;
  hour: number;
  minute: number;
  /** As written, e.g. `monday 09:00`. */
  text: string;
}

/** A rotation of people through on-call shifts. */
export interface Schedule {
  id: string;
  name: string;
  rotation: "daily" | "weekly";
  /** Length of one shift: 1d or 7d. */
  shift: Duration;
  handoff: Handoff;
  /** Person ids in rotation order. */
  members: string[];
  timezone: string;
  /**
   * Local date (YYYY-MM-DD) of the first handoff, fixed so that providers never see "now":
   * `start` from the spec, else the first handoff weekday on or after 2025-01-06.
   */
  start: string;
  /**
   * Hours the schedule covers, when it is not around the clock (`coverage: { days: [mon..fri],
   * from: "09:00", to: "17:00" }`); outside them nobody on this schedule is on call.
   */
  coverage?: Coverage;
  previously: string[];
  at?: SourceLocation;
}

/** A daily window of local time on some weekdays (PagerDuty layer restrictions). */
export interface Coverage {
  /** Weekdays covered, 0 = Sunday ... 6 = Saturday, sorted. */
  days: number[];
  from: { hour: number; minute: number };
  /** End of the window; `24:00` (hour 24) means midnight at the end of the day. */
  to: { hour: number; minute: number };
}

/** Who an escalation level notifies. */
export type EscalationTarget = { kind: "schedule"; schedule: string } | { kind: "person"; person: string };

/** One step of an escalation policy. */
export interface EscalationLevel {
  notify: EscalationTarget[];
  /** Time before the next level is tried (default 30m). */
  escalateAfter: Duration;
}

/** The order in which people are tried until someone acknowledges. */
export interface Escalation {
  id: string;
  name: string;
  /** How many times the levels are looped after the first pass (PagerDuty `num_loops`). */
  repeat: number;
  levels: EscalationLevel[];
  previously: string[];
  at?: SourceLocation;
}

/** A service and everything that watches it. */
export interface Service {
  id: string;
  name: string;
  tier: Tier;
  /** Owning team: `services[].owner`, else its team file's name (see `serviceTeam` for the `system.owner` fallback). */
  owner?: string;
  /** Absolute runbook URL (runbookBase applied). */
  runbookUrl?: string;
  statusPage?: { component: string; group: string };
  slos: Slo[];
  alerts: Alert[];
  checks: Check[];
  heartbeats: Heartbeat[];
  /**
   * Severity (after the paging policy) of the alerts that say this service's monitoring is blind:
   * SLO metrics or recordings missing, probe results missing, a heartbeat metric missing. Each
   * such alert takes the less urgent of this and what it stands in for (undeclared: `page` after
   * the paging policy, so each takes what it stands in for).
   */
  absenceSeverity: Severity;
  /** Routes replacing `Model.routing` for this service's alerts, by severity after the paging policy. */
  routing?: Partial<Record<Severity, Route>>;
  previously: string[];
  at?: SourceLocation;
}

/** A calendar SLO window. */
export type CalendarPeriod = "week" | "month" | "quarter";

/** A service level objective over a rolling window, or per calendar period. */
export interface Slo {
  id: string;
  serviceId: string;
  description?: string;
  /** Percent of good events, 0 < objective < 100 (99.9). */
  objective: number;
  /** The error budget as a fraction of events (0.001 for 99.9). */
  errorBudget: number;
  /** The rolling window; for a calendar SLO, the period's mean length (what burn-rate windows scale to). */
  window: Duration;
  /** Set when the budget is per calendar period, aligned in `timezone` (the on-call time zone). */
  calendar?: { period: CalendarPeriod; timezone: string };
  sli: Sli;
  /** Burn-rate alerts, from the spec's `alerting` or the default table scaled to the window. */
  alerts: BurnRateAlert[];
  previously: string[];
  at?: SourceLocation;
}

/**
 * How good and bad events are counted. Ratio queries still contain `{{window}}`, filled per
 * burn-rate window by the renderers.
 */
export type Sli =
  | { kind: "ratio"; errors?: BackendQuery; good?: BackendQuery; total: BackendQuery }
  | {
      kind: "latency";
      /** Requests at or under this are good. */
      threshold: Latency;
      /** Histogram base metric with selector, e.g. `http_request_duration_seconds{service="x"}`. */
      prometheus?: string;
      /** Datadog distribution metric with scope. */
      datadog?: string;
    };

/** One multiwindow burn-rate alert of an SLO: both windows must burn faster than `factor`. */
export interface BurnRateAlert {
  /** Stable id within the SLO: `page-fast`, `page-slow`, `ticket-fast`, `ticket-slow`, or from the spec. */
  id: string;
  /** Severity after the paging policy. */
  severity: Severity;
  /** Severity as declared (or as in the default table). */
  declaredSeverity: Severity;
  long: Duration;
  short: Duration;
  /** Burn-rate factor: how many times faster than sustainable the budget is spent. */
  factor: number;
  for: Duration;
  /** The `window` label value, `long/short` (`1h/5m`). */
  windowLabel: string;
  /** Events the short window must hold for the alert to fire (low-traffic guard); 0 = no guard. */
  minEvents: number;
}

/** A threshold alert declared in the spec. */
export interface Alert {
  id: string;
  serviceId: string;
  summary: string;
  description?: string;
  severity: Severity;
  declaredSeverity: Severity;
  for: Duration;
  /**
   * Fires when the query is above (or below) the threshold, or (`increase`) when it is more than
   * `ratio` times what it was `window` ago (`by: 50%` is ratio 1.5).
   */
  condition: { op: "above" | "below"; threshold: number } | { op: "increase"; window: Duration; percent: number; ratio: number };
  query: BackendQuery;
  noData: "alerting" | "ok" | "keep-state";
  /** True when the alert may fire and notify only inside `oncall.businessHours`. */
  businessHoursOnly?: boolean;
  runbookUrl?: string;
  /** Route replacing the service's and the default route for this alert. */
  route?: Route;
  previously: string[];
  at?: SourceLocation;
}

/** A synthetic HTTP check. */
export interface Check {
  id: string;
  serviceId: string;
  url: string;
  method: "GET" | "POST" | "HEAD" | "PUT";
  every: Duration;
  expect: { status: number; bodyContains?: string; within: Latency };
  /** Consecutive failures before the alert fires. */
  alertAfter: number;
  severity: Severity;
  declaredSeverity: Severity;
  /** Absolute runbook URL: the check's own, else the service's. */
  runbookUrl?: string;
  previously: string[];
  at?: SourceLocation;
}

/** A job that must report success at least every `every` (+ `grace`). */
export interface Heartbeat {
  id: string;
  serviceId: string;
  summary: string;
  every: Duration;
  grace: Duration;
  /** Metric holding the last success as a Unix timestamp in seconds. */
  prometheus?: string;
  /** Datadog metric reported on each success. */
  datadog?: string;
  severity: Severity;
  declaredSeverity: Severity;
  /** Absolute runbook URL: the heartbeat's own, else the service's. */
  runbookUrl?: string;
  previously: string[];
  at?: SourceLocation;
}

/** A custom dashboard from the spec. */
export interface Dashboard {
  id: string;
  title: string;
  panels: { title: string; unit?: string; query: BackendQuery }[];
  at?: SourceLocation;
}

/** The public status page and what it probes. */
export interface StatusPage {
  title: string;
  hostname: string;
  probeEvery: Duration;
  historyDays: number;
  components: StatusComponent[];
  /** The status page Worker as the alerting pipeline's dead man's switch: silence longer than `after` pages (resolve always sets it; absent means 10m). */
  deadMansSwitch?: { after: Duration };
  /** Why nobody serves `hostname` in this environment (no custom domain: statusPageCheck.ts); then nothing probes it and its evidence does not hold. */
  notServed?: string;
  at?: SourceLocation;
}

/** One component on the status page, sorted by group then name. */
export interface StatusComponent {
  /** The service id. */
  id: string;
  name: string;
  group: string;
  /** What decides its status: its HTTP probe, its service's page alerts, or both (the worse wins); resolve always sets it, absent means probes. */
  decidedBy?: "probes" | "alerts" | "both";
  /** Absent for a service with no HTTP endpoint (decided by alerts). */
  probe?: {
    url: string;
    method: "GET" | "HEAD";
    expectStatus: number;
    bodyContains?: string;
    /** Per-probe timeout (the check's `within`, default 10s); `seconds` is fractional for a budget such as `300ms`. Without `ms`, so the deployed Worker's config keeps its shape. */
    timeout: Omit<Latency, "ms">;
  };
  /** Consecutive failed probes before the component shows `outage`. */
  alertAfter: number;
}

/** Evidence a sign-off points at; it is checked against the Model, and never counts as sign-off. */
export type EvidenceRef =
  | { kind: "statusPage"; text: string }
  | { kind: "check"; service: string; id: string; text: string }
  | { kind: "slo"; service: string; id: string; text: string }
  | { kind: "escalation"; id: string; text: string }
  | { kind: "routing"; severity: Severity; text: string }
  | { kind: "runbook"; service: string; text: string }
  | { kind: "heartbeat"; service: string; id: string; text: string }
  | { kind: "alert"; service: string; id: string; text: string }
  | { kind: "dashboard"; id: string; text: string }
  | { kind: "schedule"; id: string; text: string }
  | { kind: "external"; target: string; text: string };

/** A person a sign-off names (owner or approver): a person from `oncall.people`, or just an email. */
export interface SignoffPerson {
  /** Person id, when named by id. */
  id?: string;
  /** The person's name, when named by id. */
  name?: string;
  email: string;
}

/** A launch gate a human must attest to. */
export interface Signoff {
  id: string;
  title: string;
  gate: "ga-blocking" | "marketplace-blocking" | "soft-gating";
  phase: string;
  /** Who is accountable for it. */
  owner?: SignoffPerson;
  /** Who may attest it; empty when anybody may. */
  approvers: SignoffPerson[];
  /** Why it matters, as written. */
  description?: string;
  /** Related URLs or short references (`#1269`), as written. */
  links: string[];
  /** Day it is due, `YYYY-MM-DD`. */
  due?: string;
  evidence: EvidenceRef[];
  attested?: { by: string; at: string; expires?: Duration };
  at?: SourceLocation;
}
