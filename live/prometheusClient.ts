/**
 * The one Prometheus HTTP API client (`/api/v1`): instant and range queries, series, rules and
 * alerts, with Node's fetch. Credentials come from the environment or a file, never from argv
 * (a URL with `user:pass@` is refused), since argv is visible to every user of the machine in
 * `ps`. Every failure is a PrometheusError whose message is one line a person can act on.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

/** A failure talking to Prometheus, worded for the terminal (no stack trace is ever shown for it). */
export class PrometheusError extends Error {}

/** Where the credentials may come from; the CLI passes process.env. */
export const AUTH_ENV = {
  bearerToken: "READINESS_PROMETHEUS_BEARER_TOKEN",
  bearerTokenFile: "READINESS_PROMETHEUS_BEARER_TOKEN_FILE",
  username: "READINESS_PROMETHEUS_USERNAME",
  password: "READINESS_PROMETHEUS_PASSWORD",
  passwordFile: "READINESS_PROMETHEUS_PASSWORD_FILE",
} as const;

/** A sample of an instant vector. */
export interface InstantSample {
  metric: Record<string, string>;
  /** Seconds since the epoch (Prometheus's own timestamp of the evaluation). */
  time: number;
  value: number;
}

/** One series of a range query: values at each step where it existed. */
export interface RangeSeries {
  metric: Record<string, string>;
  /** [seconds since the epoch, value], in time order. */
  values: [number, number][];
}

/** A rule as `/api/v1/rules` reports it. */
export interface LoadedRule {
  type: "alerting" | "recording";
  name: string;
  query: string;
  /** `for`, in seconds (alerting rules). */
  duration?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  health: "ok" | "err" | "unknown";
  lastError?: string;
}

/** A loaded rule group. */
export interface LoadedGroup {
  name: string;
  file: string;
  /** Evaluation interval in seconds. */
  interval: number;
  rules: LoadedRule[];
}

/** An alert as `/api/v1/alerts` reports it. */
export interface ActiveAlert {
  labels: Record<string, string>;
  state: "pending" | "firing" | "inactive";
  /** When the alert became active (RFC 3339). */
  activeAt: string;
}

/** How to reach a Prometheus server. */
export interface PrometheusOptions {
  url: string;
  /** Per-request timeout in milliseconds (default 10s). */
  timeoutMs?: number;
  /** Where credentials are read from; default none. */
  env?: Record<string, string | undefined>;
  /** The fetch to use (tests and the CLI use the global one). */
  fetch?: typeof fetch;
}

/** The Authorization header the environment asks for, or undefined; throws PrometheusError for half-set credentials. */
export function authorizationFrom(env: Record<string, string | undefined>): string | undefined {
  const fromFile = (variable: string): string => {
    const file = env[variable] as string;
    try {
      return readFileSync(file, "utf8").trim();
    } catch (e) {
      throw new PrometheusError(`${variable}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
  };
  const token = env[AUTH_ENV.bearerToken] || (env[AUTH_ENV.bearerTokenFile] ? fromFile(AUTH_ENV.bearerTokenFile) : undefined);
  const user = env[AUTH_ENV.username];
  const password = env[AUTH_ENV.password] || (env[AUTH_ENV.passwordFile] ? fromFile(AUTH_ENV.passwordFile) : undefined);
  if (token && (user || password)) throw new PrometheusError(`set either a bearer token (${AUTH_ENV.bearerToken}) or basic auth (${AUTH_ENV.username}), not both`);
  if (token) return `Bearer ${token}`;
  if (user || password) {
    if (!user || password === undefined) throw new PrometheusError(`basic auth needs both ${AUTH_ENV.username} and ${AUTH_ENV.password} (or ${AUTH_ENV.passwordFile})`);
    return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  }
  return undefined;
}

/** The base URL checked and normalised (no trailing slash); credentials in it are refused. */
export function prometheusBase(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new PrometheusError(`--prometheus ${JSON.stringify(url)} is not a URL; expected e.g. http://localhost:9090`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new PrometheusError(`--prometheus ${u.protocol}//...: only http and https are supported`);
  if (u.username || u.password) throw new PrometheusError(`--prometheus: credentials in the URL would show in the process list; set ${AUTH_ENV.username} and ${AUTH_ENV.passwordFile} (or ${AUTH_ENV.bearerTokenFile}) instead`);
  u.search = "";
  u.hash = "";
  return u.toString().replace(/\/+$/, "");
}

/** What a network failure means, in words (fetch hides the cause one level down). */
function networkReason(e: unknown): string {
  const err = e as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (err.name === "TimeoutError" || err.name === "AbortError") return "no answer (timed out)";
  const code = err.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (code === "ECONNRESET") return "connection reset";
  return code ?? err.cause?.message ?? err.message ?? String(e);
}

/** A sample value as Prometheus writes it: a decimal string, or `NaN`, `+Inf`, `-Inf` (Number() reads `+Inf` as NaN). */
function sampleValue(v: string): number {
  return v === "+Inf" ? Infinity : v === "-Inf" ? -Infinity : Number(v);
}

// What /api/v1/query and /api/v1/query_range answer (Prometheus's docs, "Expression query result formats").
const SAMPLE_VALUE = z.string().refine((v) => v === "NaN" || v === "+Inf" || v === "-Inf" || !Number.isNaN(Number(v)) && v.trim() !== "", "not a sample value");
const POINT = z.tuple([z.number(), SAMPLE_VALUE]);
const METRIC = z.record(z.string(), z.string());
const INSTANT_DATA = z.discriminatedUnion("resultType", [
  z.object({ resultType: z.literal("vector"), result: z.array(z.object({ metric: METRIC, value: POINT })) }),
  z.object({ resultType: z.literal("scalar"), result: POINT }),
  z.object({ resultType: z.literal("matrix"), result: z.unknown() }),
  z.object({ resultType: z.literal("string"), result: z.unknown() }),
]);
const RANGE_DATA = z.object({ resultType: z.literal("matrix"), result: z.array(z.object({ metric: METRIC, values: z.array(POINT) })) });

/** `data` checked against what the endpoint must answer, or a PrometheusError naming the first thing that is off. */
function checked<T>(endpoint: string, expr: string, schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue.path.length ? `data.${issue.path.join(".")}` : "data";
  throw new PrometheusError(`/api/v1/${endpoint} answered something that is not a Prometheus ${endpoint === "query" ? "instant" : "range"} query result (${where}: ${issue.message}) for ${expr.length > 80 ? `${expr.slice(0, 77)}...` : expr}`);
}

/** A client bound to one server. Every method rejects only with PrometheusError. */
export class PrometheusClient {
  readonly base: string;
  private readonly timeoutMs: number;
  private readonly authorization?: string;
  private readonly doFetch: typeof fetch;

  constructor(options: PrometheusOptions) {
    this.base = prometheusBase(options.url);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.authorization = authorizationFrom(options.env ?? {});
    this.doFetch = options.fetch ?? fetch;
  }

  /** GET (or POST for long queries) `/api/v1/<path>` and return `data`. */
  private async call<T>(path: string, params: [string, string][]): Promise<T> {
    const body = new URLSearchParams(params).toString();
    const url = `${this.base}/api/v1/${path}`;
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.authorization) headers.authorization = this.authorization;
    // Long queries (inlined recordings) go in a form body: URLs over 8KiB are refused by proxies.
    const post = body.length > 4000;
    if (post) headers["content-type"] = "application/x-www-form-urlencoded";
    let response: Response;
    try {
      response = await this.doFetch(post || body === "" ? url : `${url}?${body}`, { method: post ? "POST" : "GET", headers, body: post ? body : undefined, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw new PrometheusError(`cannot reach Prometheus at ${this.base}: ${networkReason(e)}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      throw new PrometheusError(`Prometheus at ${this.base} stopped answering /api/v1/${path}: ${networkReason(e)}`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new PrometheusError(`Prometheus at ${this.base} refused the request (HTTP ${response.status}); set ${AUTH_ENV.bearerTokenFile} or ${AUTH_ENV.username}/${AUTH_ENV.passwordFile}`);
    }
    let json: { status?: string; data?: T; error?: string; errorType?: string } | undefined;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      json = undefined;
    }
    if (!json || typeof json !== "object") throw new PrometheusError(`${this.base}/api/v1/${path} answered HTTP ${response.status} with something that is not the Prometheus API (is this the Prometheus URL?)`);
    if (json.status !== "success") throw new PrometheusError(`Prometheus at ${this.base} rejected /api/v1/${path}: ${json.errorType ?? "error"}: ${(json.error ?? `HTTP ${response.status}`).split("\n")[0]}`);
    return json.data as T;
  }

  /** An instant query; `time` in seconds since the epoch (default: the server's now). */
  async query(expr: string, time?: number): Promise<InstantSample[]> {
    const data = checked("query", expr, INSTANT_DATA, await this.call<unknown>("query", [["query", expr], ...(time === undefined ? [] : ([["time", String(time)]] as [string, string][]))]));
    if (data.resultType === "scalar") {
      const [t, v] = data.result;
      return [{ metric: {}, time: t, value: sampleValue(v) }];
    }
    if (data.resultType !== "vector") throw new PrometheusError(`query ${expr} returned a ${data.resultType}, not an instant vector`);
    return data.result.map((r) => ({ metric: r.metric, time: r.value[0], value: sampleValue(r.value[1]) }));
  }

  /** A range query from `start` to `end` (seconds) every `step` seconds. */
  async queryRange(expr: string, start: number, end: number, step: number): Promise<RangeSeries[]> {
    const data = checked(
      "query_range",
      expr,
      RANGE_DATA,
      await this.call<unknown>("query_range", [
        ["query", expr],
        ["start", String(start)],
        ["end", String(end)],
        ["step", String(step)],
      ]),
    );
    return data.result.map((r) => ({ metric: r.metric, values: r.values.map(([t, v]) => [t, sampleValue(v)] as [number, number]) }));
  }

  /** Label sets of the series a selector matches between `start` and `end` (seconds). */
  async series(match: string, start: number, end: number): Promise<Record<string, string>[]> {
    return this.call<Record<string, string>[]>("series", [
      ["match[]", match],
      ["start", String(start)],
      ["end", String(end)],
    ]);
  }

  /** Every loaded rule group. */
  async rules(): Promise<LoadedGroup[]> {
    const data = await this.call<{ groups: LoadedGroup[] }>("rules", []);
    return data.groups;
  }

  /** Every pending or firing alert. */
  async alerts(): Promise<ActiveAlert[]> {
    const data = await this.call<{ alerts: ActiveAlert[] }>("alerts", []);
    return data.alerts;
  }
}
