/** Datadog change-alert shifts, the only windows a `pct_change` monitor compares against. */
import { parseDuration } from "../../specification/duration";

const SHIFTS: Record<number, string> = { 300: "5m_ago", 600: "10m_ago", 900: "15m_ago", 1800: "30m_ago", 3600: "1h_ago", 7200: "2h_ago", 14400: "4h_ago", 86400: "1d_ago", 604800: "1w_ago" };

/** Windows Datadog can compare against, as a spec writes them. */
export const DATADOG_CHANGE_WINDOWS = ["5m", "10m", "15m", "30m", "1h", "2h", "4h", "1d", "7d"];

/** The change-alert shift of a window (`1d` -> `1d_ago`), or undefined when Datadog has none. */
export function datadogChangeShift(window: string | { seconds: number }): string | undefined {
  const seconds = typeof window === "string" ? parseDuration(window)?.seconds : window.seconds;
  return seconds === undefined ? undefined : SHIFTS[seconds];
}
