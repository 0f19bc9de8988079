/** One HTTP probe of a component, bounded by its timeout so a hanging service cannot stall a run. */
import type { StatusComponent } from "../../specification/model";
import type { ProbeResult } from "./results";

/** The fetch function probes use (the runtime's, or a test's). */
export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

/**
 * A probe result for one component. The timeout covers the whole exchange, body included, because
 * a server can send headers and then hang. A probe is slow when it took over half its timeout:
 * it still passed, but has little headroom left before it fails.
 */
export async function probeComponent(component: StatusComponent, fetcher: Fetcher, clock: () => number): Promise<ProbeResult> {
  const probe = component.probe;
  if (!probe) return { at: new Date(clock()).toISOString(), ok: false, latencyMs: 0, slow: false, error: "nothing to probe" };
  const timeoutMs = probe.timeout.seconds * 1000;
  const started = clock();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Racing a timer as well as aborting: the abort should end the fetch, the race guarantees it.
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  const exchange = async (): Promise<Omit<ProbeResult, "at" | "latencyMs" | "slow">> => {
    const response = await fetcher(probe.url, {
      method: probe.method,
      signal: controller.signal,
      redirect: "manual",
      headers: { "User-Agent": "readiness-status-probe", "Cache-Control": "no-cache" },
    });
    const statusOk = response.status === probe.expectStatus;
    if (probe.bodyContains !== undefined && probe.method !== "HEAD") {
      const text = await response.text();
      if (!statusOk) return { ok: false, statusCode: response.status, error: `HTTP ${response.status}, expected ${probe.expectStatus}` };
      if (!text.includes(probe.bodyContains)) return { ok: false, statusCode: response.status, error: `body does not contain "${probe.bodyContains}"` };
      return { ok: true, statusCode: response.status };
    }
    await response.body?.cancel();
    return statusOk ? { ok: true, statusCode: response.status } : { ok: false, statusCode: response.status, error: `HTTP ${response.status}, expected ${probe.expectStatus}` };
  };
  let outcome: Omit<ProbeResult, "at" | "latencyMs" | "slow">;
  try {
    const raced = await Promise.race([exchange(), timedOut]);
    outcome = raced === "timeout" ? { ok: false, error: `no answer within ${probe.timeout.text}` } : raced;
  } catch (err) {
    outcome = controller.signal.aborted
      ? { ok: false, error: `no answer within ${probe.timeout.text}` }
      : { ok: false, error: `request failed: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    clearTimeout(timer);
  }
  const latencyMs = Math.max(0, clock() - started);
  return { at: new Date(started).toISOString(), ...outcome, latencyMs, slow: latencyMs > timeoutMs / 2 };
}
