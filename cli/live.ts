/** What `status`, `audit --prometheus` and `diff --prometheus` share: the client from the command line and its errors as one line. */
import { PrometheusClient, PrometheusError } from "../live/prometheusClient";
import { parseDurationMs } from "../specification/duration";
import { UserError } from "../files/userError";
import type { Finding } from "../audit/finding";
import { specPathsFromSpec } from "../audit/specPaths";
import { auditLive } from "../live/liveAudit";
import { pickEnvironment, type LoadedSpec } from "./load";

/** The client for `--prometheus URL` and `--timeout`, credentials from the environment (README: Live checks). */
export function clientFromCli(url: string, timeout: string | undefined): PrometheusClient {
  const ms = timeout === undefined ? 10_000 : parseDurationMs(timeout);
  if (ms === undefined || ms <= 0) throw new UserError(1, `--timeout ${JSON.stringify(timeout)}: expected a duration such as 10s or 1m`);
  return withLiveErrors(() => new PrometheusClient({ url, timeoutMs: ms, env: process.env }));
}

/** `--since 7d` in seconds. */
export function sinceSeconds(text: string): number {
  const ms = parseDurationMs(text);
  if (ms === undefined || ms < 60_000) throw new UserError(1, `--since ${JSON.stringify(text)}: expected a duration of at least 1m, such as 7d or 24h`);
  return Math.floor(ms / 1000);
}

/** Runs live work; a PrometheusError becomes one line on stderr and exit 1. */
export function withLiveErrors<T>(work: () => T): T {
  try {
    const r = work();
    if (r instanceof Promise) return r.catch(rethrow) as T;
    return r;
  } catch (e) {
    return rethrow(e);
  }
}

function rethrow(e: unknown): never {
  if (e instanceof PrometheusError) throw new UserError(1, `readiness: ${e.message}`);
  throw e;
}

/** The live findings of `audit --prometheus`, read now. */
export async function liveAuditFindings(loaded: LoadedSpec, env: string, url: string, since: string, timeout: string): Promise<Finding[]> {
  const model = pickEnvironment(loaded, env);
  const range = sinceSeconds(since);
  const client = clientFromCli(url, timeout);
  return withLiveErrors(() => auditLive(client, model, specPathsFromSpec(loaded.spec, env), Math.floor(Date.now() / 1000), range));
}
