/**
 * The history `readiness compliance` is tested on (compliance.test.ts), minute by minute, so every
 * figure can be worked out by hand. On-call time zone Europe/Berlin (CET, UTC+1, from 25 October).
 * - shop: 600 requests a minute; three outages:
 *   28 Oct 20:00-20:10 Berlin, 100% errors (6,000 bad; before November);
 *    1 Nov 00:00-00:30 Berlin, 100% errors (18,000 bad; still 31 October in UTC);
 *   12 Nov 10:00-12:00 Berlin, 50% errors (36,000 bad).
 * - search: 60 requests a minute; 20 Nov 00:00-06:00 Berlin, 10% of them bad (2,160 bad).
 * A counter sample at minute `ts` holds the events of the minute before it, so an outage from
 * 10:00 to 12:00 is in the samples 10:01 to 12:00.
 */
import type { History } from "./server";

const MINUTE = 60;
const at = (iso: string) => Date.parse(iso) / 1000;

/** Requests a minute. */
export const SHOP_PER_MINUTE = 600;
export const SEARCH_PER_MINUTE = 60;

/** Shop's failed requests in the minute ending at `ts`. */
function shopBad(ts: number): number {
  const within = (from: string, to: string) => ts > at(from) && ts <= at(to);
  if (within("2026-10-28T19:00:00Z", "2026-10-28T19:10:00Z")) return SHOP_PER_MINUTE;
  if (within("2026-10-31T23:00:00Z", "2026-10-31T23:30:00Z")) return SHOP_PER_MINUTE;
  if (within("2026-11-12T09:00:00Z", "2026-11-12T11:00:00Z")) return SHOP_PER_MINUTE / 2;
  return 0;
}

/** Search's bad requests in the minute ending at `ts`: 10% for six hours. */
function searchBad(ts: number): number {
  return ts > at("2026-11-19T23:00:00Z") && ts <= at("2026-11-20T05:00:00Z") ? SEARCH_PER_MINUTE / 10 : 0;
}

/** The history from 12 October to 1 December 2026 (UTC), every minute. */
export function complianceHistory(): History {
  const start = at("2026-10-12T00:00:00Z");
  const end = at("2026-12-01T00:00:00Z");
  const lines: string[] = [];
  const counter = (family: string, series: { labels: string; per: (ts: number) => number }[]) => {
    lines.push(`# TYPE ${family} counter`);
    for (const s of series) {
      let v = 0;
      for (let ts = start; ts <= end; ts += MINUTE) {
        if (ts > start) v += s.per(ts);
        lines.push(`${family}_total{${s.labels}} ${v} ${ts}`);
      }
    }
  };
  counter("shop_requests", [
    { labels: 'code="200"', per: (ts) => SHOP_PER_MINUTE - shopBad(ts) },
    { labels: 'code="500"', per: shopBad },
  ]);
  counter("search_requests", [{ labels: 'service="search"', per: () => SEARCH_PER_MINUTE }]);
  counter("search_good", [{ labels: 'service="search"', per: (ts) => SEARCH_PER_MINUTE - searchBad(ts) }]);
  lines.push("# EOF");
  return { timeline: { start, end }, openMetrics: `${lines.join("\n")}\n` };
}
