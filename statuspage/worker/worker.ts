/**
 * The status page Worker: a thin front for the Durable Object that owns all state (durable.ts).
 * `fetch` forwards requests, `scheduled` asks the object to run the probes. Whatever goes wrong on
 * the way, the answer is a 503 with the security and cache headers, never a bare 500.
 */
import type { Env, ScheduledController } from "./bindings";
import type { WorkerConfig } from "./config";
import { API_CACHE_CONTROL, cspHash, respond } from "./http";
import { STATUS_PAGE_CSS } from "./render";

/** The Worker's handlers for one embedded configuration. */
export interface StatusWorker {
  fetch(request: Request, env: Env): Promise<Response>;
  scheduled(controller: ScheduledController, env: Env): Promise<void>;
}

/** The name of the one Durable Object instance per status page. */
export const STATE_OBJECT_NAME = "status-page";

function stateObject(env: Env) {
  return env.STATUS_STATE.get(env.STATUS_STATE.idFromName(STATE_OBJECT_NAME));
}

/** The Worker for an embedded configuration. */
export function createWorker(_config: WorkerConfig): StatusWorker {
  return {
    async scheduled(controller, env) {
      const res = await stateObject(env).fetch(
        new Request("https://state.internal/internal/run", { method: "POST", body: JSON.stringify({ scheduledTime: controller.scheduledTime }) }),
      );
      if (!res.ok) throw new Error(`scheduled run failed: HTTP ${res.status}`);
      await res.arrayBuffer();
    },
    async fetch(request, env) {
      try {
        const url = new URL(request.url);
        // Everything from outside goes under /public, so it can never name an internal path.
        const forwarded = new Request(`https://state.internal/public${url.pathname}${url.search}`, request);
        return await stateObject(env).fetch(forwarded);
      } catch {
        return respond(JSON.stringify({ error: "the status page is briefly unavailable; try again shortly" }), 503, "application/json; charset=utf-8", API_CACHE_CONTROL, await cspHash(STATUS_PAGE_CSS), { "Retry-After": "5" });
      }
    },
  };
}
