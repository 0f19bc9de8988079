/**
 * Pieces of the live end-to-end test: free ports, local HTTP stand-ins that record what they
 * receive, and the Debian daemons (Prometheus, Alertmanager, blackbox exporter) started on
 * 127.0.0.1 and stopped by the test. A missing binary throws: the test must fail, not skip.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** One request a stand-in received, with its JSON body. */
export interface Received {
  path: string;
  at: number;
  body: unknown;
}

/** A local HTTP server that records every request and answers with `reply`. */
export interface StandIn {
  url: string;
  received: Received[];
  server: Server;
}

/** Starts a recording stand-in (PagerDuty Events API, Slack, webhook). */
export async function recordingServer(status: number, reply: string): Promise<StandIn> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString("utf8")));
    req.on("end", () => {
      let body: unknown = data;
      try {
        body = JSON.parse(data);
      } catch {
        // Slack and PagerDuty bodies are JSON; anything else is kept as text for the failure message.
      }
      received.push({ path: req.url ?? "", at: Date.now(), body });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

/** How the stand-in service's health endpoint behaves. */
export type Health = "healthy" | "failing" | "hanging";

/** The service under watch: request counters with a switchable error ratio, and a health endpoint. */
export interface FakeService {
  url: string;
  server: Server;
  health: Health;
  errorRatio: number;
  stop(): Promise<void>;
}

/** Starts the service; traffic is 100 requests a second, `errorRatio` of them failing. */
export async function fakeService(): Promise<FakeService> {
  const counts = { ok: 0, failed: 0 };
  const hung: ServerResponse[] = [];
  const svc = {} as FakeService;
  svc.health = "healthy";
  svc.errorRatio = 0;
  const tick = setInterval(() => {
    counts.failed += 10 * svc.errorRatio;
    counts.ok += 10 * (1 - svc.errorRatio);
  }, 100);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/metrics") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(`# TYPE shop_requests_total counter\nshop_requests_total{code="200"} ${counts.ok}\nshop_requests_total{code="500"} ${counts.failed}\n`);
    } else if (req.url === "/health") {
      if (svc.health === "hanging") hung.push(res);
      else if (svc.health === "failing") res.writeHead(500).end('{"status":"down"}');
      else res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  svc.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  svc.server = server;
  svc.stop = async () => {
    clearInterval(tick);
    for (const r of hung) r.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return svc;
}

/** The first of some names that is an installed command (Debian renames some binaries). */
export function binary(...names: string[]): string {
  for (const n of names) if (spawnSync("sh", ["-c", `command -v ${n}`]).status === 0) return n;
  throw new Error(`none of ${names.join(", ")} is installed (see .ci/run)`);
}

/** A started daemon and the tail of its output, for failure messages. */
export interface Daemon {
  name: string;
  process: ChildProcess;
  log: string[];
}

/** Starts a daemon; its output is kept (last 200 lines) rather than printed. */
export function startDaemon(name: string, command: string, args: string[]): Daemon {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  const log: string[] = [];
  const keep = (b: Buffer) => {
    log.push(...b.toString("utf8").split("\n").filter((l) => l !== ""));
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { name, process: child, log };
}

/** Stops a daemon (TERM, then KILL after 5s). */
export async function stopDaemon(d: Daemon): Promise<void> {
  if (d.process.exitCode !== null || d.process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => d.process.once("exit", () => resolve()));
  d.process.kill("SIGTERM");
  const timer = setTimeout(() => d.process.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every 250ms until it returns a value, or throws after `ms` with `what` and the logs. */
export async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined> | T | undefined, daemons: Daemon[] = []): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      const logs = daemons.map((d) => `--- ${d.name}\n${d.log.slice(-15).join("\n")}`).join("\n");
      throw new Error(`timed out after ${ms}ms waiting for ${what}\n${logs}`);
    }
    await sleep(250);
  }
}

/** GET a URL and return its body when the status is 200. */
export async function getOk(url: string): Promise<string | undefined> {
  const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return r.status === 200 ? r.text() : undefined;
}

/** Result vector of an instant PromQL query against a running Prometheus. */
export async function promQuery(base: string, expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const r = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}`, { signal: AbortSignal.timeout(2000) });
  const j = (await r.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return j.data.result;
}

export { sleep };
