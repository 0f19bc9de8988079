/**
 * A preview of the status page with sample probe results, for reviewing its look without deploying:
 * deterministic (same spec and `now`, same HTML), rendered by the same code as the Worker.
 */
import type { StatusPage } from "../specification/model";
import { workerConfig } from "./worker/config";
import type { Incident } from "./worker/incidents";
import { renderStatusHtml } from "./worker/render";
import type { DayAggregate, History, LatestResults } from "./worker/results";
import { buildStatusView, windowDates } from "./worker/view";

/** FNV-1a: a stable pseudo-random number per text, so sample data differs by component and day. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Sample latest results, history and one resolved incident for a status page at `now`. */
export function sampleState(statusPage: StatusPage, now: Date): { latest: LatestResults; history: History; incidents: Incident[] } {
  const perDay = Math.max(1, Math.floor(86_400 / statusPage.probeEvery.seconds));
  const dates = windowDates(now, statusPage.historyDays);
  const latest: LatestResults = {};
  const history: History = {};
  const lastRun = new Date(Math.floor(now.getTime() / (statusPage.probeEvery.seconds * 1000)) * statusPage.probeEvery.seconds * 1000).toISOString();
  for (const c of statusPage.components) {
    const latencyMs = 40 + (hash(c.id) % 160);
    latest[c.id] = { last: { at: lastRun, ok: true, statusCode: c.probe?.expectStatus ?? 200, latencyMs, slow: false }, consecutiveFailures: 0, recent: Array(10).fill(true) };
    history[c.id] = dates.map((date, i): DayAggregate => {
      // Today is only partly over, so it has proportionally fewer probes.
      const probes = i === dates.length - 1 ? Math.max(1, Math.floor(((now.getTime() % 86_400_000) / 86_400_000) * perDay)) : perDay;
      const h = hash(`${c.id}:${date}`);
      const outage = i < dates.length - 1 && h % 61 === 0 ? 12 : 0;
      const failures = outage + (h % 29 === 0 ? 2 : 0);
      return { date, probes, failures, slow: h % 31 === 0 ? 3 : 0, outage };
    });
  }
  const incidents: Incident[] = [];
  const first = statusPage.components[0];
  if (first && dates.length > 3) {
    const day = dates[dates.length - 4];
    const at = (hm: string) => `${day}T${hm}:00.000Z`;
    incidents.push({
      id: `${day}-sample`,
      // The title says it is invented: a reviewer must never mistake it for a real incident of their service.
      title: `SAMPLE INCIDENT (preview data, not real): elevated errors on ${first.name}`,
      status: "resolved",
      impact: "degraded",
      body: "A fix has been deployed and error rates are back to normal.",
      components: [first.id],
      createdAt: at("14:05"),
      updatedAt: at("14:52"),
      resolvedAt: at("14:52"),
      updates: [
        { at: at("14:05"), status: "investigating", body: `Some requests to ${first.name} are failing. We are investigating.` },
        { at: at("14:31"), status: "identified", body: "A faulty deploy was identified and is being rolled back." },
        { at: at("14:52"), status: "resolved", body: "A fix has been deployed and error rates are back to normal." },
      ],
      version: 3,
    });
  }
  return { latest, history, incidents };
}

/** The status page as the Worker would render it at `now`, with sample results. */
export function renderPreviewHtml(statusPage: StatusPage, now: Date): string {
  const config = workerConfig(statusPage, "preview");
  const { latest, history, incidents } = sampleState(statusPage, now);
  return renderStatusHtml(buildStatusView(config, latest, history, incidents, now));
}
