/**
 * The Worker's bindings, typed by what this Worker uses of them (the runtime's own type packages
 * are not a dependency of this project).
 */

/** The part of a Workers KV namespace the status page uses. */
export interface KvStore {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}

/** Bindings of the deployed Worker: `STATUS_KV` (KV namespace) and `ADMIN_TOKEN` (secret). */
export interface Env {
  STATUS_KV: KvStore;
  /** Bearer token for the incident API; when unset the API refuses everyone. */
  ADMIN_TOKEN?: string;
}

/** What the runtime passes to the `scheduled` handler. */
export interface ScheduledController {
  /** Milliseconds since the epoch at which this run was scheduled. */
  scheduledTime: number;
  cron: string;
}
