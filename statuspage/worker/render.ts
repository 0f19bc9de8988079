/**
 * The status page as one self-contained HTML document: no scripts, no external assets, styles in one
 * <style> element (its hash goes into the CSP). Pure, so Node renders the same page for the preview.
 */
import { humanize } from "../../specification/duration";
import { escapeHtml } from "./html";
import type { Incident, IncidentStatus } from "./incidents";
import type { Maintenance } from "./maintenance";
import type { ComponentStatus } from "./componentStatus";
import type { ComponentView, DayView, StatusView } from "./view";

/** The page's stylesheet; light by default, dark where the reader's system prefers it. */
export const STATUS_PAGE_CSS = `
:root{color-scheme:light dark;--bg:#f6f8fa;--card:#ffffff;--text:#1f2328;--muted:#59636e;--line:#d1d9e0;
--ok:#1a7f37;--ok-bar:#2da44e;--warn:#8a5a00;--warn-bar:#d4a72c;--down:#cf222e;--down-bar:#e5534b;--unk:#59636e;--unk-bar:#d1d9e0;
--ok-bg:#dafbe1;--warn-bg:#fff8c5;--down-bg:#ffebe9;--unk-bg:#eff2f5;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#151b23;--text:#e6edf3;--muted:#9198a1;--line:#30363d;
--ok:#3fb950;--ok-bar:#2ea043;--warn:#d29922;--warn-bar:#bb8009;--down:#f85149;--down-bar:#da3633;--unk:#9198a1;--unk-bar:#3d444d;
--ok-bg:#12261e;--warn-bg:#272115;--down-bg:#25171c;--unk-bg:#1c2128;--link:#4493f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Helvetica,Arial,sans-serif}
.wrap{max-width:52rem;margin:0 auto;padding:2rem 1.25rem 3rem}
header.top{display:flex;align-items:center;gap:.75rem;flex-wrap:wrap;margin-bottom:1.5rem}
h1{font-size:1.75rem;margin:0;letter-spacing:-.01em}
h2{font-size:1.25rem;margin:2rem 0 .75rem}
h3{font-size:1rem;margin:0}
.env{font-size:.8rem;font-weight:600;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);border:1px solid var(--line);border-radius:999px;padding:.1rem .6rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:.75rem}
.overall{display:flex;align-items:center;gap:1rem;padding:1.25rem 1.5rem;border-left-width:.5rem}
.overall h2{margin:0;font-size:1.35rem}
.overall p{margin:.15rem 0 0;color:var(--muted);font-size:.9rem}
.overall .icon{flex:none;width:2.5rem;height:2.5rem;border-radius:50%;display:grid;place-items:center;font-weight:700;font-size:1.25rem;color:#fff}
.overall.s-operational{border-left-color:var(--ok);background:var(--ok-bg)}.overall.s-operational .icon{background:var(--ok)}
.overall.s-degraded{border-left-color:var(--warn);background:var(--warn-bg)}.overall.s-degraded .icon{background:var(--warn)}
.overall.s-outage{border-left-color:var(--down);background:var(--down-bg)}.overall.s-outage .icon{background:var(--down)}
.overall.s-unknown{border-left-color:var(--unk);background:var(--unk-bg)}.overall.s-unknown .icon{background:var(--unk)}
.overall.s-maintenance{border-left-color:var(--link);background:var(--unk-bg)}.overall.s-maintenance .icon{background:var(--link)}
@media (prefers-color-scheme:dark){.overall .icon{color:#0d1117}}
.group{margin-bottom:1rem;overflow:hidden}
.group h3{padding:.75rem 1.25rem;border-bottom:1px solid var(--line);color:var(--muted);font-size:.85rem;text-transform:uppercase;letter-spacing:.06em}
.components{list-style:none;margin:0;padding:0}
.component{padding:1rem 1.25rem}
.component+.component{border-top:1px solid var(--line)}
.row{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}
.name{font-weight:600}
.status{font-weight:600;font-size:.9rem;white-space:nowrap}
.status.s-operational{color:var(--ok)}.status.s-degraded{color:var(--warn)}.status.s-outage{color:var(--down)}.status.s-unknown{color:var(--unk)}.status.s-maintenance{color:var(--link)}
.detail{margin:.1rem 0 .5rem;color:var(--muted);font-size:.85rem}
.bars{display:flex;gap:2px;height:2rem;margin:.5rem 0 .25rem}
.bar{flex:1 1 0;min-width:2px;border-radius:2px;background:var(--unk-bar)}
.bar.s-operational{background:var(--ok-bar)}.bar.s-degraded{background:var(--warn-bar)}.bar.s-outage{background:var(--down-bar)}.bar.s-maintenance{background:var(--link)}
.incident.i-maintenance{border-left-color:var(--link)}
.scale{display:flex;justify-content:space-between;color:var(--muted);font-size:.8rem}
.scale .uptime{color:var(--text);font-weight:600}
.incident{padding:1rem 1.25rem;margin-bottom:.75rem;border-left-width:.35rem}
.incident.i-degraded{border-left-color:var(--warn)}.incident.i-outage{border-left-color:var(--down)}.incident.i-resolved{border-left-color:var(--ok)}
.incident h3{font-size:1.05rem}
.meta{margin:.2rem 0 .5rem;color:var(--muted);font-size:.85rem}
.updates{list-style:none;margin:0;padding:0}
.updates li{padding:.4rem 0}
.updates li+li{border-top:1px dashed var(--line)}
.updates p{margin:.15rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.label{font-weight:600}
.none{color:var(--muted)}
.legend{display:flex;gap:1rem;flex-wrap:wrap;color:var(--muted);font-size:.8rem;margin:.25rem 0 0;padding:0;list-style:none}
.legend span{display:inline-block;width:.7rem;height:.7rem;border-radius:2px;margin-right:.35rem;vertical-align:-.05rem}
.legend .s-operational{background:var(--ok-bar)}.legend .s-degraded{background:var(--warn-bar)}.legend .s-outage{background:var(--down-bar)}.legend .s-unknown{background:var(--unk-bar)}.legend .s-maintenance{background:var(--link)}
a{color:var(--link)}
footer{margin-top:2.5rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);padding-top:1rem}
`.trim();

const STATUS_LABEL: Record<ComponentStatus, string> = { operational: "Operational", maintenance: "Under maintenance", degraded: "Degraded", outage: "Outage", unknown: "Unknown" };
/** A shape beside each colour so the status never depends on colour alone. */
const STATUS_ICON: Record<ComponentStatus, string> = { operational: "✓", maintenance: "◆", degraded: "!", outage: "✕", unknown: "?" };
const INCIDENT_LABEL: Record<IncidentStatus, string> = { investigating: "Investigating", identified: "Identified", monitoring: "Monitoring", resolved: "Resolved" };

/** The headline for the whole system. */
export function overallHeadline(view: Pick<StatusView, "overall" | "components">): string {
  const down = view.components.filter((c) => c.status === "outage").length;
  switch (view.overall) {
    case "operational":
      return "All systems operational";
    case "degraded":
      return "Some systems are degraded";
    case "outage":
      return down === view.components.length ? "Major outage" : "Partial outage";
    case "maintenance":
      return "Scheduled maintenance in progress";
    case "unknown":
      return "Status unknown: waiting for probe results";
  }
}

/** An instant as `YYYY-MM-DD HH:MM UTC`, the same for every reader. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function time(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatUtc(iso))}</time>`;
}

function percent(value: number | null): string {
  return value === null ? "no data" : `${value.toFixed(2)}%`;
}

function dayBar(day: DayView): string {
  const words = day.probes === 0 ? "no data" : `${percent(day.uptime)} uptime, ${day.failures} of ${day.probes} probes failed`;
  return `<span class="bar s-${day.status}" title="${day.date}: ${STATUS_LABEL[day.status]}, ${words}"></span>`;
}

function componentItem(c: ComponentView, historyDays: number): string {
  const probed = c.lastCheckedAt
    ? `Last checked ${time(c.lastCheckedAt)}${c.latencyMs !== undefined ? `, ${c.latencyMs} ms` : ""}${c.lastError ? `: ${escapeHtml(c.lastError)}` : ""}`
    : "Not checked yet";
  const alerting = c.firingAlerts.length ? `Alert firing: ${c.firingAlerts.map(escapeHtml).join(", ")}` : "No alert firing";
  const detail = c.decidedBy === "alerts" ? `Monitored by alerts · ${alerting}` : c.decidedBy === "both" ? `${probed} · ${alerting}` : probed;
  const summary = `${c.name}: ${percent(c.uptime)} uptime over the last ${historyDays} days`;
  return `<li class="component">
<div class="row"><span class="name">${escapeHtml(c.name)}</span><span class="status s-${c.status}"><span aria-hidden="true">${STATUS_ICON[c.status]} </span>${STATUS_LABEL[c.status]}</span></div>
<p class="detail">${detail}</p>
<div class="bars" role="img" aria-label="${escapeHtml(summary)}">${c.days.map(dayBar).join("")}</div>
<div class="scale" aria-hidden="true"><span>${historyDays} days ago</span><span class="uptime">${percent(c.uptime)} uptime</span><span>Today</span></div>
</li>`;
}

function maintenanceArticle(m: Maintenance, names: Map<string, string>, underway: boolean): string {
  const affected = m.components.map((id) => escapeHtml(names.get(id) ?? id)).join(", ");
  return `<article class="card incident i-maintenance">
<h3>${escapeHtml(m.title)}</h3>
<p class="meta"><span class="label">${underway ? "In progress" : "Scheduled"}</span> · Affects ${affected} · ${time(m.startsAt)} to ${time(m.endsAt)}</p>
<p>${escapeHtml(m.body)}</p>
</article>`;
}

function incidentArticle(incident: Incident, names: Map<string, string>): string {
  const affected = incident.components.map((id) => escapeHtml(names.get(id) ?? id)).join(", ");
  const kind = incident.status === "resolved" ? "resolved" : incident.impact;
  const updates = [...incident.updates]
    .reverse()
    .map((u) => `<li><span class="label">${INCIDENT_LABEL[u.status]}</span> · ${time(u.at)}<p>${escapeHtml(u.body)}</p></li>`)
    .join("\n");
  return `<article class="card incident i-${escapeHtml(kind)}">
<h3>${escapeHtml(incident.title)}</h3>
<p class="meta"><span class="label">${INCIDENT_LABEL[incident.status]}</span>${affected ? ` · Affects ${affected}` : ""} · Started ${time(incident.createdAt)}${incident.resolvedAt ? ` · Resolved ${time(incident.resolvedAt)}` : ""}</p>
<ol class="updates">
${updates}
</ol>
</article>`;
}

/** The status page HTML for a view. */
export function renderStatusHtml(view: StatusView): string {
  const names = new Map(view.components.map((c) => [c.id, c.name]));
  const env = view.environment === "prod" || view.environment === "production" ? "" : `<span class="env">${escapeHtml(view.environment)}</span>`;
  const updated = view.updatedAt ? `Last probe ${time(view.updatedAt)}` : "No probe has run yet";
  const active = view.activeIncidents.length
    ? `<section aria-labelledby="active-h"><h2 id="active-h">Active incidents</h2>
${view.activeIncidents.map((i) => incidentArticle(i, names)).join("\n")}
</section>`
    : "";
  const maintenance =
    view.activeMaintenance.length + view.upcomingMaintenance.length
      ? `<section aria-labelledby="maint-h"><h2 id="maint-h">Scheduled maintenance</h2>
${[...view.activeMaintenance.map((m) => maintenanceArticle(m, names, true)), ...view.upcomingMaintenance.map((m) => maintenanceArticle(m, names, false))].join("\n")}
</section>`
      : "";
  const groups = view.groups
    .map(
      (g) => `<section class="card group" aria-labelledby="g-${escapeHtml(slug(g.name))}"><h3 id="g-${escapeHtml(slug(g.name))}">${escapeHtml(g.name)}</h3>
<ul class="components">
${g.components.map((c) => componentItem(c, view.historyDays)).join("\n")}
</ul></section>`,
    )
    .join("\n");
  const recent = view.recentIncidents.length
    ? view.recentIncidents.map((i) => incidentArticle(i, names)).join("\n")
    : `<p class="none">No incidents in the last ${view.historyDays} days.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(view.title)}</title>
<style>${STATUS_PAGE_CSS}</style>
</head>
<body>
<div class="wrap">
<header class="top"><h1>${escapeHtml(view.title)}</h1>${env}</header>
<main>
<section class="card overall s-${view.overall}" aria-live="polite"><span class="icon" aria-hidden="true">${STATUS_ICON[view.overall]}</span><div><h2>${overallHeadline(view)}</h2><p>${updated}</p></div></section>
${active}
${maintenance}
<section aria-labelledby="components-h"><h2 id="components-h">Components</h2>
${groups}
<ul class="legend" aria-label="Legend"><li><span class="s-operational"></span>Operational</li><li><span class="s-degraded"></span>Degraded</li><li><span class="s-outage"></span>Outage</li><li><span class="s-maintenance"></span>Maintenance</li><li><span class="s-unknown"></span>No data</li></ul>
</section>
<section aria-labelledby="past-h"><h2 id="past-h">Past incidents</h2>
${recent}
</section>
</main>
<footer><p>Each component is probed every ${humanize(view.probeEverySeconds)}. Uptime is the share of successful probes per UTC day. Times are UTC. Probes during scheduled maintenance do not count against uptime. Machine-readable status: <a href="/api/status">/api/status</a>; subscribe to incidents and maintenance: <a href="/feed.atom">Atom feed</a>.</p></footer>
</div>
</body>
</html>
`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "group";
}
