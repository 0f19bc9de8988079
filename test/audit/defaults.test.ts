/**
 * Defaults that pass their own audit: the starter spec with every default left to readiness (the
 * burn-rate windows scaled to each SLO window, the scrape interval, the status page's probe
 * interval; a check's interval has no default), across SLO windows and scrape intervals, raises no finding of any audit rule.
 * The one finding the starter has, a watchdog without a dead man's switch, comes from a missing
 * status page, not from a default: the spec here adds one.
 */
import { audit } from "../../audit";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import { STARTER_SPEC } from "../../specification/starter";
import { MIN_SCRAPES_PER_WINDOW } from "../../slos/burnRate";

const NOW = new Date("2026-11-23T00:00:00Z");
const WINDOWS = ["1d", "7d", "14d", "28d", "30d", "90d"];
/** Scrape intervals: unset (readiness's 1m default) and explicit ones. */
const SCRAPES = [undefined, "15s", "30s", "1m", "2m"];

/** The starter with only defaults where a default exists, a status page probing at its default interval, and the given SLO window and scrape interval. */
function spec(window: string, scrape: string | undefined): string {
  let text = STARTER_SPEC.replace(/window: 30d/, `window: ${window}`);
  if (scrape) text = text.replace(/(\n    backends: \[[^\]]*\])/g, `$1\n    scrapeInterval: ${scrape}`);
  text = text.replace(/\n    tier: (\w+)/, "\n    tier: $1\n    statusPage: { component: API, group: Public }");
  return `${text}\nstatusPage:\n  title: Example status\n  hostname: status.example.com\n`;
}

describe.each(WINDOWS)("an SLO over %s", (window) => {
  test.each(SCRAPES.map((s) => [s ?? "the default", s] as const))("at a scrape interval of %s, no default trips an audit rule", (_label, scrape) => {
    const loaded = loadModels(spec(window, scrape), "readiness.yaml");
    if (!loaded.ok) throw new Error(loaded.diagnostics.map(formatDiagnostic).join("\n"));
    for (const model of Object.values(loaded.models)) {
      const slo = model.services[0].slos[0];
      expect(slo.alerts.map((a) => a.id)).toEqual(["page-fast", "page-slow", "ticket-fast", "ticket-slow"]); // the default table
      for (const a of slo.alerts) {
        expect(a.short.seconds).toBeGreaterThanOrEqual(MIN_SCRAPES_PER_WINDOW * model.scrapeInterval.seconds);
        expect(a.long.seconds).toBeGreaterThanOrEqual(a.short.seconds);
      }
      const findings = audit(model, { now: NOW }).findings.map((f) => `${f.rule}: ${f.message}`);
      expect({ env: model.environment, findings }).toEqual({ env: model.environment, findings: [] });
    }
  });
});
