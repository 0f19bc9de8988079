/**
 * The status page's HTTP API, served inside the Durable Object (so every read is consistent and
 * every write serialized): the page, its JSON and feed, health, the admin API for incidents and
 * maintenance, and the alerting pipeline's webhooks. Writes validate, check the version and store
 * in one turn, with no `await` in between.
 */
import type { Env } from "./bindings";
import type { WatchdogSource, WorkerConfig } from "./config";
import { WATCHDOG_SOURCES } from "./config";
import { isAuthorized } from "./auth";
import type { Incident } from "./incidents";
import { incidentPatchSchema, MAX_INCIDENT_BODY_BYTES, newIncidentSchema, openIncident, parseIncidentBody, retainIncidents, updateIncident } from "./incidents";
import { API_CACHE_CONTROL, cspHash, PAGE_CACHE_CONTROL, readBodyLimited, respond } from "./http";
import { firstKeptDate } from "./results";
import { renderStatusHtml, STATUS_PAGE_CSS } from "./render";
import type { DocumentStore } from "./store";
import { KEYS, readIncident, readMaintenance, readPageState } from "./store";
import { buildStatusView, historyJson, statusJson } from "./view";
import type { AlertSource } from "./alerts";
import { ALERT_SOURCES } from "./alerts";
import type { Maintenance } from "./maintenance";
import { maintenancePatchSchema, newMaintenanceSchema, parseMaintenanceBody, scheduleMaintenance, updateMaintenance, windowProblem } from "./maintenance";
import { renderAtomFeed } from "./feed";
import { parseStored } from "./stored";
import { applyAlertNotification, readFiringAlerts, recordWatchdog } from "./alertState";
import { etag, etagMatches } from "./etag";
import { health } from "./health";
import { watchdogFiring } from "./watchdog";

/** Content type of every JSON answer. */
export const JSON_TYPE = "application/json; charset=utf-8";
const READ_METHODS = ["GET", "HEAD"];
/** Webhook bodies (alert notifications batch many alerts) may be larger than incident bodies. */
const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

/** The answer to one request from outside; `path` is the request's path without the /public prefix. */
export async function handle(config: WorkerConfig, store: DocumentStore, env: Env, request: Request, path: string, now: Date): Promise<Response> {
  const style = await cspHash(STATUS_PAGE_CSS);
  const json = (status: number, value: unknown, extra: Record<string, string> = {}) =>
    respond(request.method === "HEAD" ? null : JSON.stringify(value, null, 2), status, JSON_TYPE, API_CACHE_CONTROL, style, extra);
  const methodNotAllowed = (allowed: string[]) => json(405, { error: `method ${request.method} not allowed; use ${allowed.join(", ")}` }, { Allow: allowed.join(", ") });
  // What every admin write (incident or maintenance, new or patched) checks first: the method its
  // path takes, the bearer token, and a bounded body. Answers the refusal, or the body's text.
  const adminWriteBody = async (id: string | undefined): Promise<Response | { text: string }> => {
    const allowed = id ? "PATCH" : "POST";
    if (request.method !== allowed) return methodNotAllowed([allowed]);
    if (!(await isAuthorized(request.headers.get("Authorization"), env.ADMIN_TOKEN))) {
      return json(401, { error: "a valid Authorization: Bearer <ADMIN_TOKEN> header is required" }, { "WWW-Authenticate": 'Bearer realm="status admin"' });
    }
    const body = await readBodyLimited(request, MAX_INCIDENT_BODY_BYTES);
    if (!body.ok) return json(413, { error: `body larger than ${MAX_INCIDENT_BODY_BYTES} bytes` });
    return { text: body.text };
  };

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
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    if (!(await isAuthorized(request.headers.get("Authorization"), env.WATCHDOG_TOKEN))) {
      return json(401, { error: "a valid Authorization: Bearer <WATCHDOG_TOKEN> header is required" }, { "WWW-Authenticate": 'Bearer realm="status alerting"' });
    }
    // Only after the token: the list of sources tells an outsider which pipelines feed this page.
    if (!sources.includes(source)) return json(404, { error: `unknown ${kind} source ${source}; known: ${sources.join(", ")}` });
    const body = await readBodyLimited(request, MAX_WEBHOOK_BODY_BYTES);
    if (!body.ok) return json(413, { error: `body larger than ${MAX_WEBHOOK_BODY_BYTES} bytes` });
    if (kind === "watchdog") {
      // Grafana and Datadog each send their own notification shape; arrival counts, unless it says the watchdog resolved.
      const counted = watchdogFiring(parseStored(body.text));
      if (counted) recordWatchdog(store, source as WatchdogSource, now);
      return json(202, { received: source, at: now.toISOString(), counted });
    }
    return json(202, await applyAlertNotification(config, store, source as AlertSource, parseStored(body.text), now));
  }

  const maintenancePath = /^\/api\/maintenance(?:\/([A-Za-z0-9-]+))?$/.exec(path);
  if (maintenancePath) {
    const id = maintenancePath[1];
    const body = await adminWriteBody(id);
    if (body instanceof Response) return body;
    const componentIds = config.components.map((c) => c.id);
    let saved: Maintenance;
    // The range is checked when a time is given: a PATCH that only retitles or cancels a past window stays possible.
    let timesGiven = true;
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
      timesGiven = parsed.value.startsAt !== undefined || parsed.value.endsAt !== undefined;
    }
    const problem = windowProblem(saved.startsAt, saved.endsAt, timesGiven ? now : undefined);
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
  const body = await adminWriteBody(id);
  if (body instanceof Response) return body;
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

function pruneIncidents(store: DocumentStore, config: WorkerConfig, now: Date): void {
  const all = readPageState(store, config).incidents;
  const kept = new Set(retainIncidents(all, firstKeptDate(now, config.historyDays)).map((i) => i.id));
  for (const i of all) if (!kept.has(i.id)) store.delete(KEYS.incident(i.id));
}

