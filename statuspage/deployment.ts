/**
 * How the status page Worker is deployed, shared by the Pulumi plan (backends/cloudflare) and the
 * `wrangler.json` of `readiness statuspage build`, so both deploy the same Worker the same way.
 */

/**
 * Runtime behaviour the Worker was written against; fixed rather than today's date so that plans
 * do not change by themselves.
 */
export const COMPATIBILITY_DATE = "2025-01-01";

/**
 * A cron expression that runs at least as often as `probeEvery` allows: Cloudflare cron triggers
 * have minute granularity, so intervals round up to whole minutes, then to whole hours past an hour,
 * and to daily past a day.
 */
export function cronForInterval(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes === 1) return "* * * * *";
  if (minutes < 60) return `*/${minutes} * * * *`;
  const hours = Math.ceil(minutes / 60);
  if (hours < 24) return `0 */${hours} * * *`;
  return "0 0 * * *";
}
