import type { Duration } from "./model";

const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
const ORDER = ["w", "d", "h", "m", "s"] as const;
/** `90s`, `15m`, `1h30m`, `30d`, `1w`; also `800ms` where sub-second values are allowed. */
const DURATION_RE = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Parses a duration; returns undefined when the text is not one. Milliseconds round down to seconds. */
export function parseDurationMs(text: string): number | undefined {
  const m = DURATION_RE.exec(text.trim());
  if (!m || text.trim() === "" || m.slice(1).every((g) => g === undefined)) return undefined;
  const [w, d, h, min, s, ms] = m.slice(1).map((g) => (g === undefined ? 0 : Number(g)));
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000 + ms;
}

/** Canonical text for a number of seconds, largest units first; weeks are written as days. */
export function formatSeconds(seconds: number): string {
  if (seconds === 0) return "0s";
  let rest = Math.round(seconds);
  let out = "";
  for (const unit of ORDER) {
    if (unit === "w") continue; // PromQL accepts w, but `7d` reads better next to `30d`
    const size = UNIT_SECONDS[unit];
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** A Duration from seconds. */
export function seconds(n: number): Duration {
  return { seconds: n, text: formatSeconds(n) };
}

/** Parses whole-second durations (`ms` allowed only when it adds up to whole seconds). */
export function parseDuration(text: string): Duration | undefined {
  const ms = parseDurationMs(text);
  if (ms === undefined || ms % 1000 !== 0) return undefined;
  return seconds(ms / 1000);
}

/** Human wording for a span: `43m 12s`, `2h 10m`, `3d 4h`. */
export function humanize(totalSeconds: number): string {
  const s = Math.round(totalSeconds);
  if (s < 60) return `${s}s`;
  const parts: string[] = [];
  let rest = s;
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}
