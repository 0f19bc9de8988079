/**
 * The status page Worker: `scheduled` probes every component and records the results in KV; `fetch`
 * serves the page, the JSON API and the incident admin API. The bundle's entry calls
 * `createWorker(config)` with the spec's status page embedded (see statuspage/build.ts).
 */
import type { Env, ScheduledController } from "./bindings";
import type { WorkerConfig } from "./config";
import { cspHash, API_CACHE_CONTROL, PAGE_CACHE_CONTROL, readBodyLimited, respond } from "./http";
import { isAuthorized } from "./auth";
import type { Incident } from "./incidents";
import { incidentPatchSchema, MAX_INCIDENT_BODY_BYTES, newIncidentSchema, openIncident, parseIncidentBody, retainIncidents, updateIncident } from "./incidents";
import type { Fetcher } from "./probe";
import { probeComponent } from "./probe";
import { firstKeptDate, recordRun } from "./results";
import type { ProbeResult } from "./results";
import { renderStatusHtml, STATUS_PAGE_CSS } from "./render";
import { KV_KEYS, readState, writeJson } from "./store";
import { buildStatusView, historyJson, statusJson } from "./view";

/** The Worker's handlers for one embedded configuration. */
export interface StatusWorker {
  fetch(request: Request, env: Env): Promise<Response>;
  scheduled(controller: ScheduledController, env: Env): Promise<void>;
}

const JSON_TYPE = "application/json; charset=utf-8";
const READ_METHODS = ["GET", "HEAD"];

/** Probes every component in parallel and records the run: one write per KV key. */
export async function runProbes(config: WorkerConfig, env: Env, fetcher: Fetcher, clock: () => number): Promise<void> {
  const [state, probed] = await Promise.all([
    readState(env.STATUS_KV),
    Promise.all(config.components.map(async (c) => [c.id, await probeComponent(c, fetcher, clock)] as const)),
  ]);
  const results: Record<string, ProbeResult> = Object.fromEntries(probed);
  const next = recordRun(config, state.latest, state.history, results, new Date(clock()));
  await Promise.all([writeJson(env.STATUS_KV, KV_KEYS.latest, next.latest), writeJson(env.STATUS_KV, KV_KEYS.history, next.history)]);
}

/** The Worker for an embedded configuration. */
export function createWorker(config: WorkerConfig): StatusWorker {
  return {
    async scheduled(controller, env) {
      // Probe times come from the real clock; the scheduled time only anchors the first reading, so a
      // run replayed with an older scheduledTime (tests, catch-up) is recorded on that day.
      const offset = controller.scheduledTime - Date.now();
      await runProbes(config, env, (url, init) => fetch(url, init), () => Date.now() + offset);
    },
    async fetch(request, env) {
      return handle(config, request, env, new Date());
    },
  };
}

async function handle(config: WorkerConfig, request: Request, env: Env, now: Date): Promise<Response> {
  const style = await cspHash(STATUS_PAGE_CSS);
  const json = (status: number, value: unknown, extra: Record<string, string> = {}) =>
    respond(request.method === "HEAD" ? null : JSON.stringify(value, null, 2), status, JSON_TYPE, API_CACHE_CONTROL, style, extra);
  const methodNotAllowed = (allowed: string[]) => json(405, { error: `method ${request.method} not allowed; use ${allowed.join(", ")}` }, { Allow: allowed.join(", ") });
  const path = new URL(request.url).pathname.replace(/\/+$/, "") || "/";

  if (path === "/" || path === "/api/status" || path === "/api/history" || path === "/health") {
    if (!READ_METHODS.includes(request.method)) return methodNotAllowed(READ_METHODS);
    if (path === "/health") return json(200, { status: "ok" });
    const state = await readState(env.STATUS_KV);
    const view = buildStatusView(config, state.latest, state.history, state.incidents, now);
    if (path === "/api/status") return json(200, statusJson(view));
    if (path === "/api/history") return json(200, historyJson(view));
    return respond(request.method === "HEAD" ? null : renderStatusHtml(view), 200, "text/html; charset=utf-8", PAGE_CACHE_CONTROL, style);
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
  const { incidents } = await readState(env.STATUS_KV);
  let saved: Incident;
  let kept: Incident[];
  if (!id) {
    const parsed = parseIncidentBody(body.text, newIncidentSchema, componentIds);
    if (!parsed.ok) return json(400, { error: parsed.message });
    saved = openIncident(parsed.value, `${now.toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`, now);
    kept = [saved, ...incidents];
  } else {
    const existing = incidents.find((i) => i.id === id);
    if (!existing) return json(404, { error: `no incident ${id}` });
    const parsed = parseIncidentBody(body.text, incidentPatchSchema, componentIds);
    if (!parsed.ok) return json(400, { error: parsed.message });
    saved = updateIncident(existing, parsed.value, now);
    kept = incidents.map((i) => (i.id === id ? saved : i));
  }
  await writeJson(env.STATUS_KV, KV_KEYS.incidents, retainIncidents(kept, firstKeptDate(now, config.historyDays)));
  return json(id ? 200 : 201, saved);
}
