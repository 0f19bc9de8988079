/**
 * The Worker's bindings, typed by what this Worker uses of them (the runtime's own type packages
 * are not a dependency of this project).
 */

/** The part of a Workers KV namespace the status page uses. */
export interface KvStore {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}

/** A cursor over the rows of one SQL statement in a Durable Object's SQLite storage. */
export interface SqlCursor {
  toArray(): Record<string, unknown>[];
}

/** The synchronous SQL API of a SQLite-backed Durable Object. */
export interface SqlStorage {
  exec(query: string, ...bindings: (string | number | null)[]): SqlCursor;
}

/** The storage of a SQLite-backed Durable Object. */
export interface DurableObjectStorage {
  sql: SqlStorage;
  /** Runs `fn` as one SQLite transaction: all of its writes land, or none. */
  transactionSync<T>(fn: () => T): T;
}

/** What the runtime passes to a Durable Object's constructor. */
export interface DurableObjectState {
  storage: DurableObjectStorage;
  /** Holds every incoming event until `fn` settles (used once, to set up and import). */
  blockConcurrencyWhile<T>(fn: () => Promise<T>): Promise<T>;
}

/** A stub of one Durable Object instance. */
export interface DurableObjectStub {
  fetch(request: Request): Promise<Response>;
}

/** A Durable Object namespace binding. */
export interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): DurableObjectStub;
}

/**
 * Bindings of the deployed Worker. `STATUS_STATE` (the Durable Object holding all state),
 * `STATUS_KV` (KV: read once, to import what an older version kept there), and secrets.
 */
export interface Env {
  STATUS_STATE: DurableObjectNamespace;
  STATUS_KV?: KvStore;
  /** Bearer token for the incident and maintenance API; when unset the API refuses everyone. */
  ADMIN_TOKEN?: string;
  /** Bearer token of the alerting pipeline: watchdogs and alert notifications. Unset: refused. */
  WATCHDOG_TOKEN?: string;
  /** PagerDuty Events API v2 routing key the dead man's switch pages with. */
  PAGERDUTY_ROUTING_KEY?: string;
  /** Where PagerDuty events are sent; overridable so tests never reach PagerDuty. */
  PAGERDUTY_EVENTS_URL?: string;
}

/** What the runtime passes to the `scheduled` handler. */
export interface ScheduledController {
  /** Milliseconds since the epoch at which this run was scheduled. */
  scheduledTime: number;
  cron: string;
}
