/**
 * The status page's Durable Object (one per status page, SQLite-backed): it owns all state and
 * serves every request and scheduled run, so writes are serialized and reads are consistent.
 * The Worker in front only forwards (worker.ts). Requests arrive under `/public/…` (what a visitor
 * or operator sent) or `/internal/…` (the Worker's own cron), so nothing from outside can reach
 * the internal paths.
 */
import type { DurableObjectState, Env } from "./bindings";
import type { WatchdogSource, WorkerConfig } from "./config";
import { runPeriodSeconds, WATCHDOG_SOURCES } from "./config";
import { isAuthorized } from "./auth";
import type { Incident } from "./incidents";
import { incidentPatchSchema, MAX_INCIDENT_BODY_BYTES, newIncidentSchema, openIncident, parseIncidentBody, retainIncidents, updateIncident } from "./incidents";
import { API_CACHE_CONTROL, cspHash, PAGE_CACHE_CONTROL, readBodyLimited, respond } from "./http";
import type { Fetcher } from "./probe";
import { probeComponent } from "./probe";
import type { ProbeResult } from "./results";
import { firstKeptDate, recordRun } from "./results";
import { renderStatusHtml, STATUS_PAGE_CSS } from "./render";
import { DocumentStore, importLegacyKv, KEYS, readIncident, readMaintenance, readPageState } from "./store";
import type { Maintenance } from "./maintenance";
import { componentsUnderMaintenance, maintenancePatchSchema, newMaintenanceSchema, parseMaintenanceBody, scheduleMaintenance, updateMaintenance, windowProblem } from "./maintenance";
import { renderAtomFeed } from "./feed";
import { buildStatusView, historyJson, statusJson } from "./view";
import type { WatchdogState } from "./watchdog";
import { PAGERDUTY_EVENTS_URL, pagerDutyEvent, watchdogActions } from "./watchdog";
import type { AlertSource, FiringAlert } from "./alerts";
import { ALERT_SOURCES, alertStatus, FIRING_ALERT_TTL_MS, parseAlertNotification } from "./alerts";
import { parseStored } from "./stored";

const JSON_TYPE = "application/json; charset=utf-8";
const READ_METHODS = ["GET", "HEAD"];
/** Webhook bodies (alert notifications batch many alerts) may be larger than incident bodies. */
const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;
/** Scheduled times of recent runs, remembered so a run delivered twice is counted once. */
const REMEMBERED_RUNS = 50;

/** The Durable Object class for one embedded configuration; the bundle exports it as `StatusPageState`. */
export function createStateObject(config: WorkerConfig) {
  return class StatusPageState {
    private readonly store: DocumentStore;
    /** The probe run in progress: the lease that keeps runs from overlapping in this single instance. */
    private running: Promise<unknown> = Promise.resolve();

    constructor(
      private readonly state: DurableObjectState,
      private readonly env: Env,
    ) {
      this.store = new DocumentStore(state.storage.sql);
      void state.blockConcurrencyWhile(async () => {
        if (this.store.getText(KEYS.meta("imported")) !== undefined) return;
        let imported = 0;
        try {
          if (env.STATUS_KV) imported = await importLegacyKv(env.STATUS_KV, this.store, config);
        } catch {
          // KV unreachable: start empty rather than not at all; the import is not retried, because
          // the state written from now on is newer than anything KV could hold.
        }
        this.store.put(KEYS.meta("imported"), { at: new Date().toISOString(), documents: imported });
      });
    }

    async fetch(request: Request): Promise<Response> {
      const url = new URL(request.url);
      if (url.pathname === "/internal/run") {
        const { scheduledTime } = (await request.json()) as { scheduledTime: number };
        const outcome = await this.run(scheduledTime, (u, init) => fetch(u, init));
        return new Response(JSON.stringify(outcome), { headers: { "Content-Type": JSON_TYPE } });
      }
      const path = url.pathname.replace(/^\/public/, "").replace(/\/+$/, "") || "/";
      try {
        return await handle(config, this.store, this.env, request, path, new Date());
      } catch (err) {
        // A bug must still answer with the headers, and as "try again" rather than a bare 500.
        console.error(`status page request ${request.method} ${path} failed: ${err instanceof Error ? err.message : String(err)}`);
        return respond(JSON.stringify({ error: "the status page could not answer this request; try again shortly" }), 503, JSON_TYPE, API_CACHE_CONTROL, await cspHash(STATUS_PAGE_CSS), { "Retry-After": "5" });
      }
    }

    /**
     * One scheduled run: probes, then the dead man's switch. Runs queue behind each other (never
     * overlap), and a run whose scheduled time was already recorded is skipped, so a repeated
     * delivery is not counted twice.
     */
    run(scheduledTime: number, fetcher: Fetcher): Promise<{ recorded: boolean }> {
      const next = this.running.then(() => this.runOnce(scheduledTime, fetcher));
      this.running = next.catch(() => undefined);
      return next;
    }

    private async runOnce(scheduledTime: number, fetcher: Fetcher): Promise<{ recorded: boolean }> {
      const runs = parseStored(this.store.getText(KEYS.meta("runs")));
      const seen = Array.isArray(runs) ? runs.filter((r): r is number => typeof r === "number") : [];
      if (seen.includes(scheduledTime)) return { recorded: false };
      // Probe times come from the real clock shifted to the scheduled time, so a run replayed with
      // an older scheduledTime (tests, catch-up) is recorded on that day.
      const offset = scheduledTime - Date.now();
      const clock = () => Date.now() + offset;
      const probed = await Promise.all(config.components.filter((c) => c.probe).map(async (c) => [c.id, await probeComponent(c, fetcher, clock)] as const));
      const results: Record<string, ProbeResult> = Object.fromEntries(probed);
      // A component decided by alerts is sampled once per run, so its uptime is the share of runs
      // with none of its service's page or ticket alerts firing.
      const sampledAt = new Date(clock());
      const firing = readFiringAlerts(this.store, config, sampledAt);
      for (const c of config.components.filter((x) => x.decidedBy === "alerts")) {
        const status = alertStatus(firing[c.id] ?? [], sampledAt);
        const names = (firing[c.id] ?? []).map((a) => a.name).sort();
        results[c.id] = { at: sampledAt.toISOString(), ok: status === "operational", latencyMs: 0, slow: false, ...(names.length ? { error: `alert firing: ${names.join(", ")}` } : {}) };
      }
      // From here to the end of the transaction there is no await: the fold reads and writes in one turn.
      this.state.storage.transactionSync(() => {
        const current = readPageState(this.store, config);
        const next = recordRun(config, current.latest, current.history, results, new Date(clock()), componentsUnderMaintenance(readMaintenance(this.store), sampledAt.getTime()));
        for (const c of config.components) {
          if (next.latest[c.id]) this.store.put(KEYS.latest(c.id), next.latest[c.id]);
          this.store.put(KEYS.days(c.id), next.history[c.id] ?? []);
        }
        this.store.put(KEYS.meta("runs"), [...seen, scheduledTime].slice(-REMEMBERED_RUNS));
        this.store.put(KEYS.meta("lastRun"), new Date().toISOString());
        if (this.store.getText(KEYS.meta("armedAt")) === undefined) this.store.put(KEYS.meta("armedAt"), new Date().toISOString());
      });
      await this.deadMansSwitch(fetcher);
      return { recorded: true };
    }

    /** Pages for each silent watchdog and resolves for each one heard again; a failed send is retried next run. */
    private async deadMansSwitch(fetcher: Fetcher): Promise<void> {
      if (!config.paging || config.deadMansSwitch.sources.length === 0) return; // nothing pages in a paging: false environment
      const routingKey = this.env.PAGERDUTY_ROUTING_KEY;
      if (!routingKey) return;
      const armed = parseStored(this.store.getText(KEYS.meta("armedAt")));
      const armedAt = typeof armed === "string" && !Number.isNaN(Date.parse(armed)) ? armed : new Date().toISOString();
      const states: Partial<Record<WatchdogSource, WatchdogState>> = {};
      for (const s of config.deadMansSwitch.sources) states[s] = readWatchdog(this.store, s);
      const url = this.env.PAGERDUTY_EVENTS_URL || PAGERDUTY_EVENTS_URL;
      for (const action of watchdogActions(config.deadMansSwitch, states, armedAt, new Date())) {
        const event = pagerDutyEvent(action, routingKey, config.environment, config.hostname, config.deadMansSwitch.afterSeconds);
        let sent = false;
        try {
          const res = await fetcher(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(event) });
          sent = res.status >= 200 && res.status < 300;
          await res.body?.cancel();
        } catch {
          sent = false;
        }
        if (!sent) continue;
        // Re-read: a watchdog may have arrived while the event was in flight; only `paged` changes.
        const current = readWatchdog(this.store, action.source);
        this.store.put(KEYS.meta(`watchdog:${action.source}`), { ...current, paged: action.action === "trigger" });
      }
    }
  };
}

function readWatchdog(store: DocumentStore, source: WatchdogSource): WatchdogState {
  const raw = parseStored(store.getText(KEYS.meta(`watchdog:${source}`)));
  const r = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const lastSeen = typeof r.lastSeen === "string" && !Number.isNaN(Date.parse(r.lastSeen)) ? r.lastSeen : undefined;
  return { ...(lastSeen ? { lastSeen } : {}), paged: r.paged === true };
}

/** Firing alerts per component, validated; expired ones are left out. */
export function readFiringAlerts(store: DocumentStore, config: WorkerConfig, now: Date): Record<string, FiringAlert[]> {
  const out: Record<string, FiringAlert[]> = {};
  for (const c of config.components) {
    const raw = parseStored(store.getText(KEYS.meta(`alerts:${c.id}`)));
    const r = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    out[c.id] = Object.values(r).flatMap((v): FiringAlert[] => {
      const a = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
      const ok = typeof a.name === "string" && typeof a.severity === "string" && typeof a.since === "string" && typeof a.until === "string" && Date.parse(a.until) > now.getTime();
      return ok ? [{ name: a.name as string, severity: a.severity as string, since: a.since as string, until: a.until as string }] : [];
    });
  }
  return out;
}

async function handle(config: WorkerConfig, store: DocumentStore, env: Env, request: Request, path: string, now: Date): Promise<Response> {
  const style = await cspHash(STATUS_PAGE_CSS);
  const json = (status: number, value: unknown, extra: Record<string, string> = {}) =>
    respond(request.method === "HEAD" ? null : JSON.stringify(value, null, 2), status, JSON_TYPE, API_CACHE_CONTROL, style, extra);
  const methodNotAllowed = (allowed: string[]) => json(405, { error: `method ${request.method} not allowed; use ${allowed.join(", ")}` }, { Allow: allowed.join(", ") });

  if (path === "/" || path === "/api/status" || path === "/api/history" || path === "/health" || path === "/feed.atom") {
    if (!READ_METHODS.includes(request.method)) return methodNotAllowed(READ_METHODS);
    if (path === "/health") return health(config, store, now, json);
    const state = readPageState(store, config);
    const maintenance = readMaintenance(store);
    const view = buildStatusView(config, state.latest, state.history, state.incidents, now, readFiringAlerts(store, config, now), maintenance);
    if (path === "/feed.atom") {
      const keepFrom = firstKeptDate(now, config.historyDays);
      const feed = renderAtomFeed(view, config.hostname, maintenance.filter((m) => m.endsAt.slice(0, 10) >= keepFrom));
      return respond(request.method === "HEAD" ? null : feed, 200, "application/atom+xml; charset=utf-8", PAGE_CACHE_CONTROL, style);
    }
    if (path === "/api/status") return json(200, statusJson(view));
    if (path === "/api/history") return json(200, historyJson(view));
    return respond(request.method === "HEAD" ? null : renderStatusHtml(view), 200, "text/html; charset=utf-8", PAGE_CACHE_CONTROL, style);
  }

  const machine = /^\/api\/(watchdog|alerts)\/([a-z]+)$/.exec(path);
  if (machine) {
    const [, kind, source] = machine;
    const sources: readonly string[] = kind === "watchdog" ? WATCHDOG_SOURCES : ALERT_SOURCES;
    if (!sources.includes(source)) return json(404, { error: `unknown ${kind} source ${source}; known: ${sources.join(", ")}` });
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    if (!(await isAuthorized(request.headers.get("Authorization"), env.WATCHDOG_TOKEN))) {
      return json(401, { error: "a valid Authorization: Bearer <WATCHDOG_TOKEN> header is required" }, { "WWW-Authenticate": 'Bearer realm="status alerting"' });
    }
    const body = await readBodyLimited(request, MAX_WEBHOOK_BODY_BYTES);
    if (!body.ok) return json(413, { error: `body larger than ${MAX_WEBHOOK_BODY_BYTES} bytes` });
    if (kind === "watchdog") {
      // Any body: Grafana and Datadog each send their own notification shape; arrival is what counts.
      const key = KEYS.meta(`watchdog:${source}`);
      store.put(key, { ...readWatchdog(store, source as WatchdogSource), lastSeen: now.toISOString() });
      return json(202, { received: source, at: now.toISOString() });
    }
    return json(202, applyAlertNotification(config, store, source as AlertSource, parseStored(body.text), now));
  }

  const maintenancePath = /^\/api\/maintenance(?:\/([A-Za-z0-9-]+))?$/.exec(path);
  if (maintenancePath) {
    const id = maintenancePath[1];
    const allowed = id ? "PATCH" : "POST";
    if (request.method !== allowed) return methodNotAllowed([allowed]);
    if (!(await isAuthorized(request.headers.get("Authorization"), env.ADMIN_TOKEN))) {
      return json(401, { error: "a valid Authorization: Bearer <ADMIN_TOKEN> header is required" }, { "WWW-Authenticate": 'Bearer realm="status admin"' });
    }
    const body = await readBodyLimited(request, MAX_INCIDENT_BODY_BYTES);
    if (!body.ok) return json(413, { error: `body larger than ${MAX_INCIDENT_BODY_BYTES} bytes` });
    const componentIds = config.components.map((c) => c.id);
    let saved: Maintenance;
    if (!id) {
      const parsed = parseMaintenanceBody(body.text, newMaintenanceSchema, componentIds);
      if (!parsed.ok) return json(400, { error: parsed.message });
      saved = scheduleMaintenance(parsed.value, `${now.toISOString().slice(0, 10)}-m${crypto.randomUUID().slice(0, 7)}`, now);
    } else {
      const existing = readMaintenance(store).find((m) => m.id === id);
      if (!existing) return json(404, { error: `no maintenance ${id}` });
      const ifMatch = request.headers.get("If-Match");
      if (ifMatch !== null && !etagMatches(ifMatch, existing.version)) {
        return json(409, { error: `maintenance ${id} changed since you read it (now version ${existing.version})`, current: existing }, { ETag: etag(existing.version) });
      }
      const parsed = parseMaintenanceBody(body.text, maintenancePatchSchema, componentIds);
      if (!parsed.ok) return json(400, { error: parsed.message });
      saved = updateMaintenance(existing, parsed.value, now);
    }
    const problem = windowProblem(saved.startsAt, saved.endsAt);
    if (problem) return json(400, { error: problem });
    store.put(KEYS.maintenance(saved.id), saved);
    // Windows that ended before the history window are of no use to the page or the feed.
    const keepFrom = firstKeptDate(now, config.historyDays);
    for (const m of readMaintenance(store)) if (m.endsAt.slice(0, 10) < keepFrom) store.delete(KEYS.maintenance(m.id));
    return json(id ? 200 : 201, saved, { ETag: etag(saved.version) });
  }

  const incidentPath = /^\/api\/incidents(?:\/([A-Za-z0-9-]+))?$/.exec(path);
  if (!incidentPath) return json(404, { error: `no such page: ${path}` });
  const id = incidentPath[1];
  const allowed = id ? "PATCH" : "POST";
  if (request.method !== allowed) return methodNotAllowed([allowed]);
  if (!(await isAuthorized(request.headers.get("Authorization"), env.ADMIN_TOKEN))) {
    return json(401, { error: "a valid Authorization: Bearer <ADMIN_TOKEN> header is required" }, { "WWW-Authenticate": 'Bearer realm="status admin"' });
  }
  const body = await readBodyLimited(request, MAX_INCIDENT_BODY_BYTES);
  if (!body.ok) return json(413, { error: `body larger than ${MAX_INCIDENT_BODY_BYTES} bytes` });
  const componentIds = config.components.map((c) => c.id);
  // No await from here on: validation, the version check and the write happen in one turn of the object.
  let saved: Incident;
  if (!id) {
    const parsed = parseIncidentBody(body.text, newIncidentSchema, componentIds);
    if (!parsed.ok) return json(400, { error: parsed.message });
    saved = openIncident(parsed.value, `${now.toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`, now);
  } else {
    const existing = readIncident(store, id);
    if (!existing) return json(404, { error: `no incident ${id}` });
    const ifMatch = request.headers.get("If-Match");
    if (ifMatch !== null && !etagMatches(ifMatch, existing.version)) {
      return json(409, { error: `incident ${id} changed since you read it (now version ${existing.version}); read it again and re-apply your change`, current: existing }, { ETag: etag(existing.version) });
    }
    const parsed = parseIncidentBody(body.text, incidentPatchSchema, componentIds);
    if (!parsed.ok) return json(400, { error: parsed.message });
    saved = updateIncident(existing, parsed.value, now);
  }
  store.put(KEYS.incident(saved.id), saved);
  pruneIncidents(store, config, now);
  return json(id ? 200 : 201, saved, { ETag: etag(saved.version) });
}

/** `"<version>"`, the incident's entity tag. */
function etag(version: number): string {
  return `"${version}"`;
}

/** Whether an If-Match header names this version (`*`, `"3"`, `W/"3"` or a bare 3). */
export function etagMatches(header: string, version: number): boolean {
  return header.split(",").some((part) => {
    const tag = part.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
    return tag === "*" || tag === String(version);
  });
}

function pruneIncidents(store: DocumentStore, config: WorkerConfig, now: Date): void {
  const all = readPageState(store, config).incidents;
  const kept = new Set(retainIncidents(all, firstKeptDate(now, config.historyDays)).map((i) => i.id));
  for (const i of all) if (!kept.has(i.id)) store.delete(KEYS.incident(i.id));
}

function applyAlertNotification(config: WorkerConfig, store: DocumentStore, source: AlertSource, body: unknown, now: Date) {
  const signals = parseAlertNotification(source, body);
  const byService = new Map(config.components.map((c) => [c.id, c]));
  let applied = 0;
  for (const s of signals) {
    const component = byService.get(s.service);
    if (!component || component.decidedBy === "probes") continue;
    const key = KEYS.meta(`alerts:${component.id}`);
    const raw = parseStored(store.getText(key));
    const firing: Record<string, unknown> = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
    const alertKey = `${source}:${s.key}`;
    if (s.firing) {
      const previous = firing[alertKey] as { since?: unknown } | undefined;
      const since = typeof previous?.since === "string" ? previous.since : now.toISOString();
      firing[alertKey] = { name: s.name, severity: s.severity, since, until: new Date(now.getTime() + FIRING_ALERT_TTL_MS).toISOString() };
    } else delete firing[alertKey];
    store.put(key, firing);
    applied += 1;
  }
  return { signals: signals.length, applied };
}

function health(config: WorkerConfig, store: DocumentStore, now: Date, json: (status: number, value: unknown) => Response): Response {
  const raw = parseStored(store.getText(KEYS.meta("lastRun")));
  const lastRun = typeof raw === "string" && !Number.isNaN(Date.parse(raw)) ? raw : null;
  // Two runs of the cron as it really fires (a 30s probeEvery still runs once a minute), so one late run is not an alarm.
  const limitMs = 2 * runPeriodSeconds(config.probeEverySeconds) * 1000;
  const ageMs = lastRun ? now.getTime() - Date.parse(lastRun) : null;
  const ok = ageMs !== null && ageMs <= limitMs;
  return json(ok ? 200 : 503, {
    status: ok ? "ok" : "stale",
    lastRun,
    ...(ok ? {} : { error: lastRun ? `the last scheduled run was ${Math.round(ageMs! / 1000)}s ago, over two probe intervals (${limitMs / 1000}s)` : "no scheduled run has completed yet" }),
  });
}
