/**
 * The readiness spec, version 1, in zod. Every field says what it means with `.describe()`: that
 * text feeds the JSON Schema (editor completion) and the README's spec reference.
 *
 * Objects are strict: an unknown key is an error with a "did you mean" hint, never ignored.
 * Values stay as written (durations as text); `resolve` parses them once into typed values.
 */
import { z } from "zod";
import { parseDuration } from "./duration";
import { parseLatencyMs } from "./latency";

const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
const id = (what: string) =>
  z.string().regex(ID_RE, { message: "ids are lower-case letters, digits and dashes, starting with a letter or digit" }).describe(`Stable id of the ${what}; logical resource names are built from it, so renaming it replaces resources unless the old id is listed in \`previously\`.`);

const previously = z
  .array(z.string().regex(ID_RE))
  .optional()
  .describe("Ids this item had before a rename; they become Pulumi aliases so the rename does not delete and recreate resources.");

/** A duration written as `90s`, `15m`, `1h30m`, `30d`. */
export const durationText = (what: string) =>
  z
    .string()
    .refine((s) => parseDuration(s) !== undefined, { message: "expected a duration such as 90s, 15m, 1h30m or 30d", params: { code: "InvalidDuration" } })
    .describe(what);

/** A latency to the millisecond: `300ms`, `0.3s`, `1.5s`, `2s`. */
export const latencyText = (what: string) =>
  z
    .string()
    .refine((s) => parseLatencyMs(s) !== undefined, { message: "expected a latency such as 300ms, 0.3s, 1.5s or 2s", params: { code: "InvalidDuration" } })
    .describe(what);

const latencyThreshold = latencyText("Requests that complete within this are good, e.g. `800ms` or `0.3s` (decimal seconds, as Prometheus writes bucket bounds); must match a histogram bucket boundary.");

const timeZone = z
  .string()
  .refine(isTimeZone, { message: "expected an IANA time zone such as America/New_York or Europe/Berlin", params: { code: "InvalidTimeZone" } })
  .describe("IANA time zone, e.g. `America/New_York`.");

/** True for zones `Intl` knows. */
export function isTimeZone(tz: string): boolean {
  const known = timeZoneChecked.get(tz);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    ok = tz.length > 0;
  } catch {
    ok = false;
  }
  timeZoneChecked.set(tz, ok);
  return ok;
}

/** Building a DateTimeFormat costs tens of microseconds; a large spec names the same few zones thousands of times. */
const timeZoneChecked = new Map<string, boolean>();

export const severity = z.enum(["page", "ticket", "info"]).describe("`page` wakes a human now, `ticket` waits for work hours, `info` is for the record. With `paging: false` every `page` becomes `ticket`.");

const backendQuery = (what: string) =>
  z
    .strictObject({
      prometheus: z.string().min(1).optional().describe(`PromQL for ${what} (Grafana and Prometheus).`),
      datadog: z.string().min(1).optional().describe(`Datadog metric query for ${what}.`),
    })
    .describe(`${what}, one query per metrics backend.`);

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export const WEEKDAY_NAMES = WEEKDAYS;
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "expected a local time HH:MM, e.g. 09:00" });

const burnWindow = z
  .strictObject({
    id: id("burn-rate alert").optional(),
    long: durationText("Long window: the burn rate over it must exceed `factor`."),
    short: durationText("Short window: it must also exceed `factor`, so the alert resets quickly once the burn stops."),
    factor: z.number().positive().describe("Burn-rate factor: how many times faster than sustainable the error budget is being spent (14.4 spends 2% of a 30d budget in 1h)."),
    severity,
    for: durationText("How long both windows must exceed the factor before the alert fires.").optional(),
  })
  .describe("One multiwindow burn-rate alert.");

const sli = z
  .strictObject({
    errors: backendQuery("bad events per second; `{{window}}` is replaced by each burn-rate window").optional(),
    good: backendQuery("good events per second; `{{window}}` is replaced by each burn-rate window").optional(),
    total: backendQuery("all events per second; `{{window}}` is replaced by each burn-rate window").optional(),
    latency: z
      .strictObject({
        threshold: latencyThreshold,
        prometheus: z.string().min(1).optional().describe("Histogram base metric with its selector, e.g. `http_request_duration_seconds{service=\"api\"}`; `_bucket` and `_count` are appended."),
        datadog: z.string().min(1).optional().describe("Datadog distribution metric with its scope."),
      })
      .optional()
      .describe("Latency SLI from a histogram: the share of requests at or under `threshold`."),
  })
  .superRefine((v, ctx) => {
    const ratio = v.errors || v.good || v.total;
    if (v.latency && ratio) ctx.addIssue({ code: "custom", message: "an SLI is either a ratio (errors or good, with total) or latency, not both" });
    else if (!v.latency) {
      if (!v.total) ctx.addIssue({ code: "custom", message: "a ratio SLI needs `total` and one of `errors` or `good`", path: ["total"] });
      if (!v.errors === !v.good) ctx.addIssue({ code: "custom", message: "a ratio SLI needs exactly one of `errors` or `good`" });
    }
  })
  .describe("How good and bad events are counted: a ratio (`errors` or `good` over `total`) or `latency`.");

const slo = z
  .strictObject({
    id: id("SLO"),
    description: z.string().optional().describe("What the objective promises, in words."),
    objective: z.number().gt(0, { message: "objective is a percentage above 0" }).lt(100, { message: "objective is a percentage below 100 (100% leaves no error budget)" }).describe("Percent of good events over the window, e.g. 99.9."),
    window: z
      .string()
      .refine((w) => ["week", "month", "quarter"].includes(w) || parseDuration(w) !== undefined, { message: "expected a rolling window such as 30d or 28d, or a calendar period: week, month or quarter", params: { code: "InvalidDuration" } })
      .default("30d")
      .describe("Rolling window the objective is measured over (`30d`, `28d`), or a calendar period (`week`, `month`, `quarter`) aligned in the on-call time zone: the budget is per period, burn-rate alerts keep rolling windows scaled to the period's mean length."),
    sli,
    alerting: z
      .strictObject({ windows: z.array(burnWindow).min(1).describe("Replaces the default table (page 14.4x 1h/5m and 6x 6h/30m; ticket 2.3x 1d/2h and 1x 3d/6h).") })
      .optional()
      .describe("Burn-rate alerting for this SLO; the default is the Google SRE workbook table scaled to the window."),
    minEvents: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Events a burn-rate alert's short window must hold before it can fire (the low-traffic guard). Default per window pair: the fewest for which one failure cannot exceed the threshold, ceil(1 / (factor x error budget)), e.g. 70 for 14.4x on 99.9%. `0` turns the guard off."),
    previously,
  })
  .describe("A service level objective.");

/**
 * A runbook: a path relative to `system.runbookBase`, or a URL that opens as a page. Any other
 * scheme (`javascript:`, `data:`, `file:`) would reach alert annotations, Datadog and PagerDuty
 * messages as a link a responder clicks at 3 am, so it is refused; `http:` is accepted only when
 * written out, for wikis inside a network.
 */
const runbookText = z.string().refine((v) => !/^[a-z][a-z0-9+.-]*:/i.test(v.trim()) || /^https?:\/\//i.test(v.trim()), {
  message: "expected a path relative to system.runbookBase or an https:// URL (http:// if written out); no other scheme is linked",
});

const route = z
  .strictObject({
    escalation: z.string().optional().describe("Escalation policy id (PagerDuty)."),
    slack: z.string().regex(/^#[\w.-]+$/, { message: "expected a Slack channel such as #billing-alerts" }).optional().describe("Slack channel, e.g. `#billing-alerts`."),
    email: z.email({ message: "expected an email address" }).optional().describe("Email address."),
    webhook: z
      .url({ protocol: /^https$/, message: "expected an https URL" })
      .optional()
      .describe("HTTPS webhook that receives the alert as JSON. Treated as a secret: plans and the audit show only its host, and providers get it as a Pulumi secret."),
    urgency: z
      .enum(["high", "low"])
      .optional()
      .describe("PagerDuty urgency of the incidents this route opens: `high` fires phone/SMS notification rules, `low` does not. Default: `high` for `page`, `low` otherwise. Never `high` where `paging: false`."),
  })
  .refine((r) => r.escalation || r.slack || r.email || r.webhook, { message: "a route needs at least one of escalation, slack, email or webhook" })
  .describe("Where alerts of one severity go.");

/** Per-severity routes; each one present replaces the default route for that severity. */
const routingOverride = z
  .strictObject({ page: route.optional(), ticket: route.optional(), info: route.optional() })
  .describe("Routes of this service's alerts by severity (after the paging policy); each one given replaces the top-level `routing` entry of that severity for this service only.");

const alert = z
  .strictObject({
    id: id("alert"),
    summary: z.string().min(1).describe("One line a person reads in the notification."),
    description: z.string().optional().describe("More context for the responder."),
    severity,
    for: durationText("How long the condition must hold before the alert fires; `0m` fires at once."),
    above: z.number().optional().describe("Fire when the query is above this value."),
    below: z.number().optional().describe("Fire when the query is below this value."),
    query: backendQuery("the alert's value"),
    noData: z.enum(["alerting", "ok", "keep-state"]).default("ok").describe("What missing data means: `alerting` fires, `ok` resolves, `keep-state` leaves it."),
    increaseOver: z
      .strictObject({
        window: durationText("How far back the query is compared, e.g. `1d` for day over day or `7d` for week over week."),
        by: z
          .string()
          .regex(/^\d+(\.\d+)?%$/, { message: "expected a percentage such as 50%" })
          .refine((s) => parseFloat(s) > 0, { message: "the increase must be above 0%" })
          .describe("Fire when the query is more than this much higher than `window` ago, e.g. `50%`."),
      })
      .optional()
      .describe("Fire on a relative increase instead of a fixed threshold: the query now against itself `window` ago (`(Q) / (Q offset 1d) > 1.5` in PromQL, a `pct_change` monitor in Datadog). Exclusive with `above` and `below`."),
    activeDuring: z
      .enum(["always", "businessHours"])
      .default("always")
      .describe("When the alert may notify: `always`, or `businessHours` (the hours declared once in `oncall.businessHours`); outside them it does not notify, and Prometheus and Grafana rules do not fire. See docs/time-aware-alerts.md."),
    runbook: runbookText.optional().describe("Runbook for this alert, absolute or relative to `system.runbookBase`; defaults to the service's."),
    route: route.optional().describe("Where this alert goes, replacing the service's and the top-level route of its severity."),
    previously,
  })
  .superRefine((v, ctx) => {
    const conditions = [v.above, v.below, v.increaseOver].filter((c) => c !== undefined).length;
    if (conditions !== 1) ctx.addIssue({ code: "custom", message: "an alert needs exactly one of `above`, `below` or `increaseOver`" });
  })
  .describe("A threshold alert on a query.");

const check = z
  .strictObject({
    id: id("check"),
    http: z.string().min(1).describe("URL to request; `${vars.X}` makes it differ per environment."),
    method: z.enum(["GET", "POST", "HEAD", "PUT"]).default("GET").describe("HTTP method."),
    every: durationText("How often the check runs."),
    expect: z
      .strictObject({
        status: z.number().int().min(100).max(599).default(200).describe("Expected HTTP status."),
        bodyContains: z.string().optional().describe("Text the body must contain."),
        within: latencyText("Response-time budget, e.g. `300ms`, `1.5s` or `10s`; slower answers fail the check. A backend that cannot time out that precisely checks the response time instead (docs/checks.md).").default("10s"),
      })
      .default({ status: 200, within: "10s" })
      .describe("What a passing answer looks like."),
    alertAfter: z.number().int().min(1).default(2).describe("Consecutive failures before the alert fires (default 2: one failure is usually a blip)."),
    severity,
    runbook: runbookText.optional().describe("Runbook for this check's alerts, absolute or relative to `system.runbookBase`; defaults to the service's."),
    previously,
  })
  .describe("A synthetic HTTP check from outside.");

const heartbeat = z
  .strictObject({
    id: id("heartbeat"),
    summary: z.string().min(1).describe("One line a person reads when the job is late."),
    every: durationText("How often the job should succeed."),
    grace: durationText("Extra time allowed before it counts as late.").default("0s"),
    prometheus: z.string().min(1).optional().describe("Metric holding the last success as a Unix timestamp in seconds."),
    datadog: z.string().min(1).optional().describe("Datadog metric reported on each success."),
    severity,
    runbook: runbookText.optional().describe("Runbook for this heartbeat's alerts, absolute or relative to `system.runbookBase`; defaults to the service's."),
    previously,
  })
  .describe("A job that must report success regularly (a dead man's switch).");

const service = z
  .strictObject({
    id: id("service"),
    name: z.string().min(1).describe("Human name."),
    tier: z.enum(["critical", "standard", "internal"]).describe("`critical` services must have SLOs, runbooks and a status-page entry."),
    owner: z
      .string()
      .regex(ID_RE, { message: "a team name is lower-case letters, digits and dashes, starting with a letter or digit" })
      .optional()
      .describe("Owning team, used by `environments.<env>.stacks.by: owner`. Default: the name of the team file the service is declared in (`teams/payments.yaml` -> `payments`), else `system.owner`."),
    runbook: runbookText.optional().describe("Runbook, absolute or relative to `system.runbookBase`."),
    statusPage: z
      .strictObject({
        component: z.string().min(1).describe("Name shown on the status page."),
        group: z.string().min(1).default("Services").describe("Group heading on the status page."),
        probe: z.string().optional().describe("URL the status page probes; default: the service's first GET check."),
        alertAfter: z.number().int().min(1).optional().describe("Consecutive failed probes before `outage`; default: the check's."),
        decidedBy: z
          .enum(["probes", "alerts", "both"])
          .optional()
          .describe("What sets the component's status: its HTTP probe, its service's page-severity alerts (via the status page's alert webhook), or both, the worse winning; default: probes. A service with no HTTP endpoint says `alerts`, so a missing probe is never silently taken for that."),
      })
      .optional()
      .describe("Show this service on the public status page."),
    slos: z.array(slo).default([]).describe("Service level objectives."),
    alerts: z.array(alert).default([]).describe("Threshold alerts."),
    checks: z.array(check).default([]).describe("Synthetic HTTP checks."),
    heartbeats: z.array(heartbeat).default([]).describe("Heartbeats of scheduled jobs."),
    previously,
    routing: routingOverride.optional(),
    absenceSeverity: severity
      .optional()
      .describe("Severity of the alerts raised when what watches this service goes blind: SLO metrics or recordings missing, a check's probe results missing, a heartbeat metric missing. By default each takes the severity of the most urgent alert it stands in for (a service whose burn-rate alerts page gets a paging absence alert); set, it caps that. Never more urgent than what it stands in for."),
  })
  .describe("A service and everything that watches it.");

const person = z
  .strictObject({
    id: id("person"),
    name: z.string().min(1).describe("Full name, as shown in PagerDuty and the audit."),
    email: z.email({ message: "expected an email address" }).describe("PagerDuty users are looked up by this email."),
    create: z.boolean().default(false).describe("Create the PagerDuty user instead of looking it up."),
  })
  .describe("Someone who can be woken.");

const coverage = z
  .strictObject({
    days: z.array(z.enum(WEEKDAYS)).min(1).describe("Weekdays covered."),
    from: clock.describe("Start of the covered hours, local time."),
    to: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: "expected a local time HH:MM or 24:00" }).describe("End of the covered hours, local time; `24:00` for midnight."),
  })
  .describe("Hours the schedule covers when not around the clock; nobody on it is on call outside them.");

const businessHours = z
  .strictObject({
    timezone: timeZone.optional().describe("Time zone of `from` and `to`; default `oncall.timezone`. Daylight saving time is followed."),
    days: z.array(z.enum(WEEKDAYS)).min(1).describe("Working weekdays, e.g. `[monday, tuesday, wednesday, thursday, friday]`."),
    from: clock.describe("Start of the working day, local time, e.g. `09:00`."),
    to: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: "expected a local time HH:MM or 24:00" }).describe("End of the working day, local time, e.g. `18:00`; `24:00` for midnight."),
  })
  .refine((b) => b.from < b.to, { message: "business hours end after they start on the same day (`from` before `to`)", path: ["to"] })
  .describe("Business hours, declared once; alerts with `activeDuring: businessHours` notify only inside them.");

const schedule = z
  .strictObject({
    id: id("schedule"),
    name: z.string().optional().describe("Display name; default the id."),
    rotation: z.enum(["daily", "weekly"]).describe("Shift length."),
    handoff: z.string().describe("When shifts change: `monday 09:00` for weekly, `09:00` for daily, local time."),
    members: z.array(z.string()).min(1, { message: "a schedule needs at least one member" }).describe("Person ids in rotation order."),
    timezone: timeZone.optional().describe("Time zone of the handoff; default `oncall.timezone`."),
    start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date YYYY-MM-DD" }).optional().describe("Local date of the first handoff, which fixes the rotation order; default the first handoff day on or after 2025-01-06."),
    coverage: coverage.optional(),
    previously,
  })
  .superRefine((s, ctx) => {
    const re = s.rotation === "weekly" ? /^(sunday|monday|tuesday|wednesday|thursday|friday|saturday) ([01]\d|2[0-3]):[0-5]\d$/ : /^([01]\d|2[0-3]):[0-5]\d$/;
    if (!re.test(s.handoff.trim().toLowerCase()))
      ctx.addIssue({ code: "custom", path: ["handoff"], message: s.rotation === "weekly" ? `expected a weekday and local time such as "monday 09:00", got "${s.handoff}"` : `expected a local time such as "09:00" for a daily rotation, got "${s.handoff}"` });
  })
  .describe("An on-call rotation.");

const escalation = z
  .strictObject({
    id: id("escalation"),
    name: z.string().optional().describe("Display name; default the id."),
    repeat: z.number().int().min(0).max(9).default(0).describe("How many more times the levels are looped through before giving up."),
    levels: z
      .array(
        z.strictObject({
          notify: z.array(z.string().regex(/^(schedule|person):[a-z0-9][a-z0-9-]*$/, { message: "expected schedule:<id> or person:<id>" })).describe("Who is notified: `schedule:<id>` or `person:<id>`."),
          escalateAfter: durationText("Time before the next level is tried (default 30m).").optional(),
        }),
      )
      .min(1, { message: "an escalation needs at least one level" })
      .describe("Levels tried in order until someone acknowledges."),
    previously,
  })
  .describe("An escalation policy.");

const environment = z
  .strictObject({
    backends: z
      .array(z.enum(["grafana", "datadog", "pagerduty", "cloudflare", "prometheus"]))
      .min(1)
      .describe("Providers provisioned in this environment. `prometheus`: prometheus-operator custom resources (PrometheusRule, AlertmanagerConfig, a Probe per check) in a Kubernetes cluster."),
    paging: z.boolean().describe("`false`: nothing pages a human here; every `page` becomes `ticket`."),
    vars: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}).describe("Values referenced as `${vars.NAME}`."),
    scrapeInterval: durationText("Prometheus scrape interval the rules assume (default 1m).").optional(),
    stacks: z
      .strictObject({
        by: z
          .literal("owner")
          .optional()
          .describe("`owner`: one shard stack per owning team (`services[].owner`, by default the name of the team file the service is declared in, else `system.owner`), named `team-<owner>`; with `maxServices`, a larger team is split into `team-<owner>-01`, `team-<owner>-02`, ... Absent: shards of `maxServices` services in order of service id."),
        maxServices: z.number().int().min(1).optional().describe("Services per shard stack, taken in order of service id (per team with `by: owner`). Required unless `by: owner`."),
      })
      .refine((s) => s.by !== undefined || s.maxServices !== undefined, { message: "give maxServices (shards of that many services) or by: owner (one shard per team), or both" })
      .optional()
      .describe("Split this environment into a `shared` stack (on-call, the folder, direct contact points, status page), shard stacks holding the services (`maxServices` each in order of service id, or one per team with `by: owner`), and a `routing` stack (the notification policy) deployed last; `readiness stacks --env E` lists them. Absent: one stack."),
  })
  .describe("One environment (a Pulumi stack).");

/** A real calendar day written YYYY-MM-DD (2026-02-30 is refused). */
function calendarDay(description: string) {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date YYYY-MM-DD" })
    .refine(isRealDay, { message: "expected a real calendar date YYYY-MM-DD" })
    .describe(description);
}

/** False only for a YYYY-MM-DD text that names no day; other text is the pattern's to refuse, once. */
function isRealDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return true;
  const [y, m, d] = text.split("-").map(Number);
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

const signoff = z
  .strictObject({
    id: id("sign-off"),
    title: z.string().min(1).describe("What has to be true, in words a reviewer signs."),
    gate: z.enum(["ga-blocking", "marketplace-blocking", "soft-gating"]).describe("What an open sign-off blocks."),
    phase: z.string().min(1).describe("When it is due, e.g. `pre-launch`; one of the top-level `phases` when those are declared."),
    owner: z.string().min(1).optional().describe("Who is accountable for getting it done: a person id from `oncall.people` or an email address."),
    approvers: z
      .array(z.string().min(1))
      .min(1, { message: "list at least one approver, or leave approvers out" })
      .optional()
      .describe("Who may sign it off: person ids from `oncall.people` or email addresses. When set, `readiness attest --by` must be one of them."),
    description: z.string().min(1).optional().describe("Why it matters, e.g. `an undetected cron failure can miss a whole billing cycle`."),
    links: z.array(z.string().min(1)).default([]).describe("Related URLs or short references such as `#1269`."),
    due: calendarDay("Day it is due, YYYY-MM-DD; the report marks it overdue after that day while it is not signed off.").optional(),
    evidence: z.array(z.string()).default([]).describe("Things that support it: `statusPage`, `check:<svc>/<id>`, `slo:<svc>/<id>`, `heartbeat:<svc>/<id>`, `alert:<svc>/<id>`, `escalation:<id>`, `schedule:<id>`, `dashboard:<id>`, `routing:<severity>`, `runbook:<svc>`, checked against the spec; `external:<url or repo path>` is named but never verified. Evidence never counts as sign-off."),
    attested: z
      .strictObject({
        by: z.email({ message: "expected the attester's email address" }).describe("Email of the person who signed it off."),
        at: calendarDay("Date of the sign-off, YYYY-MM-DD."),
        expires: durationText("How long the attestation holds, e.g. 90d; absent means it does not expire.").optional(),
      })
      .optional()
      .describe("Who signed it off and when; `readiness attest` writes this."),
  })
  .describe("A launch gate a human must sign off.");

/** The whole spec. */
export const specSchema = z
  .strictObject({
    apiVersion: z.literal("readiness/v1").describe("Spec version; `readiness/v1`."),
    system: z
      .strictObject({
        name: id("system"),
        owner: z.string().optional().describe("Owning team."),
        description: z.string().optional().describe("What the system does, in a line."),
        runbookBase: z.url({ protocol: /^https?$/, message: "expected an absolute https:// (or http://) URL" }).optional().describe("Base URL for relative runbook paths."),
      })
      .describe("The system being launched."),
    environments: z.record(z.string().regex(ID_RE), environment).refine((r) => Object.keys(r).length > 0, { message: "declare at least one environment" }).describe("Environments by name; each is a Pulumi stack."),
    routing: z.strictObject({ page: route.optional(), ticket: route.optional(), info: route.optional() }).default({}).describe("Where each severity goes by default; `services[].routing` and `services[].alerts[].route` override it."),
    oncall: z
      .strictObject({
        timezone: timeZone.describe("Default time zone of schedules."),
        people: z.array(person).default([]).describe("Everyone who can be notified."),
        schedules: z.array(schedule).default([]).describe("On-call rotations (PagerDuty schedules)."),
        escalations: z.array(escalation).default([]).describe("Escalation policies; `routing` points at them by id."),
        businessHours: businessHours.optional(),
      })
      .optional()
      .describe("People, rotations and escalation."),
    services: z.array(service).min(1, { message: "declare at least one service" }).describe("Services and what watches them."),
    dashboards: z
      .array(
        z.strictObject({
          id: id("dashboard"),
          title: z.string().min(1).describe("Dashboard title."),
          panels: z
            .array(
              z.strictObject({
                title: z.string().min(1).describe("Panel title."),
                unit: z.string().optional().describe("Grafana unit id of the values, e.g. `percent`, `reqpm`, `s`."),
                query: backendQuery("the panel"),
              }),
            )
            .min(1)
            .describe("Time-series panels, in order."),
        }),
      )
      .default([])
      .describe("Custom dashboards, besides the generated per-service and overview ones."),
    statusPage: z
      .strictObject({
        title: z.string().min(1).describe("Title at the top of the page."),
        hostname: z.string().min(1).describe("Host name the page is served on (a Cloudflare custom domain)."),
        probeEvery: durationText("How often components are probed.").default("1m"),
        historyDays: z.number().int().min(1).max(365).default(90).describe("Days of uptime history shown."),
        deadMansSwitch: z
          .strictObject({
            after: durationText("Silence after which a missing watchdog pages through the PagerDuty Events API.").default("10m"),
          })
          .default({ after: "10m" })
          .describe("The status page Worker as the dead man's switch of each metrics backend's always-firing watchdog."),
        monitoredBy: z
          .string()
          .min(1)
          .optional()
          .describe("Service whose on-call is told when the page itself fails: it gets a `status-page-health` page-severity check on `https://<hostname>/health`, which answers 503 once the Worker's scheduled runs stop. Default: the first critical service on the page, else the first service on the page, else the first service (by id)."),
      })
      .optional()
      .describe("The public status page, a Cloudflare Worker."),
    phases: z
      .array(z.string().regex(ID_RE, { message: "expected a phase name in lowercase letters, digits and hyphens" }))
      .min(1, { message: "list at least one phase, or leave phases out" })
      .optional()
      .describe("Launch phases in the order they happen, e.g. `[pre-launch, launch-week, phase-1]`; the report lists sign-offs phase by phase in this order, and every sign-off's `phase` must be one of them. Absent: phases in order of first appearance."),
    signoffs: z.array(signoff).default([]).describe("Launch sign-offs."),
    include: z
      .array(z.string().min(1))
      .optional()
      .describe("Globs of team files composed into this spec, relative to this file (e.g. `teams/*.yaml`); each holds `services`, `signoffs` and optionally `oncall.schedules` and `oncall.escalations`. A glob that matches nothing is an error."),
  })
  .describe("A readiness spec: everything an on-call team needs before launch.");

/** A file named by the root spec's `include:`: one team's services, sign-offs, schedules and escalations. */
export const includedFileSchema = z
  .strictObject({
    apiVersion: z.literal("readiness/v1").optional().describe("Spec version; `readiness/v1` if given."),
    services: z.array(service).default([]).describe("This team's services and what watches them."),
    signoffs: z.array(signoff).default([]).describe("This team's launch sign-offs."),
    oncall: z
      .strictObject({
        schedules: z.array(schedule).default([]).describe("This team's on-call rotations; members are person ids from the root spec."),
        escalations: z.array(escalation).default([]).describe("This team's escalation policies."),
      })
      .optional()
      .describe("This team's rotations and escalation; people are declared once, in the root spec."),
  })
  .describe("A team file included by a readiness spec.");

/** A spec that passed the schema (defaults applied, values still as written). */
export type Spec = z.output<typeof specSchema>;
