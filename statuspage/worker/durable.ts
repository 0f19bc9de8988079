/**
 * The status page's Durable Object (one per status page, SQLite-backed): it owns all state and
 * serves every request and scheduled run, so writes are serialized and reads are consistent.
 * The Worker in front only forwards (worker.ts). Requests arrive under `/public/…` (what a visitor
 * or operator sent) or `/internal/…` (the Worker's own cron), so nothing from outside can reach
 * the internal paths.
 */
import type { DurableObjectState, Env } from "./bindings";
import type { WatchdogSource, WorkerConfig } from "./config";
import { API_CACHE_CONTROL, cspHash, respond } from "./http";
import type { Fetcher } from "./probe";
import { probeComponent } from "./probe";
import type { ProbeResult } from "./results";
import { recordRun } from "./results";
import { STATUS_PAGE_CSS } from "./render";
import { DocumentStore, importLegacyKv, KEYS, readMaintenance, readPageState } from "./store";
import { componentsUnderMaintenance } from "./maintenance";
import type { WatchdogState } from "./watchdog";
import { PAGERDUTY_EVENTS_URL, pagerDutyEvent, watchdogActions } from "./watchdog";
import { alertStatus } from "./alerts";
import { parseStored } from "./stored";
import { createAlertTable, readFiringAlerts, readWatchdog, recordPaged } from "./alertState";
import { handle, JSON_TYPE } from "./routes";

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
      createAlertTable(state.storage.sql);
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
        const body = parseStored(await request.text());
        const given = typeof body === "object" && body !== null ? (body as { scheduledTime?: unknown }).scheduledTime : undefined;
        const scheduledTime = typeof given === "number" && Number.isFinite(given) ? given : Date.now();
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
        recordPaged(this.store, action.source, action.action === "trigger");
      }
    }
  };
}

