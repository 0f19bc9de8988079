/**
 * What Datadog accepts that the spec must be checked against at `validate`: the change-alert shifts,
 * the only windows a `pct_change` monitor compares against. Here, in the spec layer, so validation
 * needs no backend; the Datadog renderer reads the same table.
 */
import { parseDuration } from "../duration";

/**
 * Written as the Datadog UI writes them (`last_1d`), the form monitors come back with, so the
 * provider sees no difference; the API also reads `1d_ago`.
 */
const SHIFTS: Record<number, string> = { 300: "last_5m", 600: "last_10m", 900: "last_15m", 1800: "last_30m", 3600: "last_1h", 7200: "last_2h", 14400: "last_4h", 86400: "last_1d", 604800: "last_1w" };

/** Windows Datadog can compare against, as a spec writes them. */
export const DATADOG_CHANGE_WINDOWS = ["5m", "10m", "15m", "30m", "1h", "2h", "4h", "1d", "7d"];

/** The change-alert shift of a window (`1d` -> `last_1d`), or undefined when Datadog has none. */
export function datadogChangeShift(window: string | { seconds: number }): string | undefined {
  const seconds = typeof window === "string" ? parseDuration(window)?.seconds : window.seconds;
  return seconds === undefined ? undefined : SHIFTS[seconds];
}
