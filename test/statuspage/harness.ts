/**
 * Test harness for the status page Worker: local HTTP services to probe (healthy, failing, flaky,
 * hanging) on 127.0.0.1, and the built worker.js running in workerd through miniflare.
 */
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { Miniflare } from "miniflare";
import type { StatusComponent, StatusPage } from "../../specification/model";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { buildWorkerScript, STATE_CLASS_NAME } from "../../statuspage/build";
import type { WorkerBuildOptions } from "../../statuspage/worker/config";
import { COMPATIBILITY_DATE } from "../../statuspage/deployment";
import { budget, dur } from "../support/model";

/** A local service that answers probes in one fixed way. */
export interface LocalService {
  url: string;
  hits: () => number;
  close: () => Promise<void>;
}

type Behaviour = "healthy" | "failing" | "flaky" | "hanging";

/** Starts a service on 127.0.0.1: healthy answers 200 ok, failing 500, flaky 500 once then 200, hanging never answers. */
export async function startService(behaviour: Behaviour): Promise<LocalService> {
  let hits = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    hits += 1;
    if (behaviour === "hanging") return; // keep the connection open and never answer
    const ok = behaviour === "healthy" || (behaviour === "flaky" && hits > 1);
    res.writeHead(ok ? 200 : 500, { "Content-Type": "application/json" });
    res.end(ok ? '{"status":"ok"}' : '{"status":"error"}');
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}/health`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A status page component probing a URL. */
export function component(id: string, name: string, group: string, url: string, over: { timeout?: string; alertAfter?: number; bodyContains?: string; decidedBy?: "probes" | "both" } = {}): StatusComponent {
  return {
    id,
    name,
    group,
    decidedBy: over.decidedBy ?? "probes",
    probe: { url, method: "GET", expectStatus: 200, timeout: budget(over.timeout ?? "2s"), ...(over.bodyContains ? { bodyContains: over.bodyContains } : {}) },
    alertAfter: over.alertAfter ?? 3,
  };
}

/** A status page component with no HTTP endpoint, decided by its service's alerts. */
export function alertComponent(id: string, name: string, group: string): StatusComponent {
  return { id, name, group, decidedBy: "alerts", alertAfter: 2 };
}

/** A status page over some components. */
export function statusPage(components: StatusComponent[], over: Partial<StatusPage> = {}): StatusPage {
  return { title: "Acme Billing status", hostname: "status.acme.test", probeEvery: dur("1m"), historyDays: 30, components, deadMansSwitch: { after: dur("10m") }, ...over };
}

interface ScheduledTarget {
  scheduled(options: { scheduledTime?: Date; cron?: string }): Promise<{ outcome: string; noRetry: boolean }>;
}

/** The admin token the test Worker is deployed with. */
export const ADMIN_TOKEN = "correct-horse-battery-staple";
/** The alerting pipeline's token the test Worker is deployed with. */
export const WATCHDOG_TOKEN = "watchdog-token-for-tests";
/** The PagerDuty routing key the test Worker is deployed with. */
export const ROUTING_KEY = "R0UTINGKEY0000000000000000000042";

/** Options of a test Worker. */
export interface WorkerOptions {
  port?: number;
  /** Directory keeping Durable Object and KV data across Worker restarts. */
  persist?: string;
  build?: WorkerBuildOptions;
  /** Extra or overriding bindings (PAGERDUTY_EVENTS_URL, ...). */
  bindings?: Record<string, string>;
}

/** The built worker.js running in workerd with its Durable Object, an in-memory KV and the secrets. */
export async function startWorker(page: StatusPage, options: WorkerOptions = {}) {
  const mf = new Miniflare({
    modules: true,
    script: buildWorkerScript(page, "prod", options.build),
    scriptPath: "worker.js",
    compatibilityDate: COMPATIBILITY_DATE,
    kvNamespaces: ["STATUS_KV"],
    durableObjects: { STATUS_STATE: { className: STATE_CLASS_NAME, useSQLite: true } },
    bindings: { ADMIN_TOKEN, WATCHDOG_TOKEN, PAGERDUTY_ROUTING_KEY: ROUTING_KEY, ...options.bindings },
    ...(options.persist ? { durableObjectsPersist: join(options.persist, "do"), kvPersist: join(options.persist, "kv") } : {}),
    ...(options.port !== undefined ? { host: "127.0.0.1", port: options.port } : {}),
  });
  const url = await mf.ready;
  // miniflare types its worker against the runtime's own type package, which this project does not use.
  const worker = (await mf.getWorker()) as unknown as ScheduledTarget;
  return {
    mf,
    url,
    /** Runs the cron handler as if scheduled at `at`; resolves when the run has finished. */
    async runProbes(at: Date) {
      const result = await worker.scheduled({ scheduledTime: at, cron: "* * * * *" });
      if (result.outcome !== "ok") throw new Error(`scheduled run failed: ${result.outcome}`);
    },
    fetch: (path: string, init?: Parameters<typeof mf.dispatchFetch>[1]) => mf.dispatchFetch(`https://status.acme.test${path}`, init),
  };
}

/** The SQLite file of the one Durable Object under a persist directory. */
export function stateDatabase(persist: string): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith(".sqlite") && e.name !== "metadata.sqlite") found.push(join(dir, e.name));
    }
  };
  walk(join(persist, "do"));
  if (found.length !== 1) throw new Error(`expected one Durable Object database under ${persist}, found ${found.length}`);
  return found[0];
}

/** A local PagerDuty Events API v2 that accepts every event and keeps it. */
export async function fakePagerDuty() {
  const events: Record<string, unknown>[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      events.push(JSON.parse(body));
      res.writeHead(202, { "Content-Type": "application/json" }).end('{"status":"success"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/v2/enqueue`, events, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * One Alertmanager notification carrying `count` firing page alerts of `service`, each a different
 * pod (labels that change per pod), as small as Alertmanager's shape allows (each alert's status
 * is the notification's) so that 2,800 of them fit the Worker's 256 KiB webhook limit.
 */
export function alertStorm(service: string, count: number): string {
  const alerts = Array.from({ length: count }, (_, i) => ({ labels: { alertname: "PodDown", service, severity: "page", pod: `p${String(i).padStart(5, "0")}` } }));
  return JSON.stringify({ version: "4", status: "firing", alerts });
}

/** Runs one SQL statement on a SQLite file with the sqlite3 CLI. */
export const sqlite = (file: string, sql: string) => execFileSync("sqlite3", [file, sql], { encoding: "utf8" });

