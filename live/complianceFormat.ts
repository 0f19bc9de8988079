/**
 * `readiness compliance` as a page a director reads at a glance (one card per SLO: met or missed,
 * attainment against the objective, budget spent, a budget burn-down and the daily SLI as inline
 * SVG; no script, no external asset, so it can be mailed and archived), as markdown, and as JSON
 * (docs/compliance.md).
 */
import { humanize } from "../specification/duration";
import { promNumber } from "../rules/naming";
import { mdCode, mdText } from "../markdown/escape";
import { escapeHtml, htmlPage } from "../report/format/html";
import type { ComplianceAlert, ComplianceDay, ComplianceReport, ComplianceStatus, SloCompliance } from "./compliance";

/** Output formats of `readiness compliance`. */
export const COMPLIANCE_FORMATS = ["html", "markdown", "json"] as const;
/** One of COMPLIANCE_FORMATS. */
export type ComplianceFormat = (typeof COMPLIANCE_FORMATS)[number];

/** A ratio as a percentage with enough digits for a 99.9% objective (`99.792%`). */
export const percent = (x: number | null, digits = 3): string => (x === null ? "n/a" : `${(x * 100).toFixed(digits)}%`);
const count = (n: number | null): string => (n === null ? "n/a" : Math.round(n).toLocaleString("en-US"));
const STATUS_TEXT: Record<ComplianceStatus, string> = { met: "Met", missed: "Missed", "no data": "No data", "not in Prometheus": "Not in Prometheus" };

/** One line per SLO verdict, for headings: `3 of 4 SLOs met their objective`. */
export function complianceSentence(r: ComplianceReport): string {
  const judged = r.slos.filter((s) => s.status === "met" || s.status === "missed");
  const met = judged.filter((s) => s.status === "met").length;
  const tail = r.period.complete ? "" : " so far";
  return `${met} of ${judged.length} SLO${judged.length === 1 ? "" : "s"} with data met ${judged.length === 1 ? "its" : "their"} objective in ${r.period.label}${tail}`;
}

function periodText(r: ComplianceReport): string {
  return `${r.period.start} to ${r.period.end} (${r.period.timezone}${r.period.complete ? "" : ", still running: figures to date"})`;
}

const dayText = (d: ComplianceDay) => `${d.date}: SLI ${percent(d.sli)} (${count(d.badEvents)} bad of ${count(d.events)}; ${percent(d.budgetConsumed, 1)} of the budget)`;
const alertText = (a: ComplianceAlert) => `${a.alert} (${a.severity}, ${a.windows}): ${a.episodes === 0 ? "never fired" : `${a.episodes} time${a.episodes === 1 ? "" : "s"}, ${humanize(a.firingSeconds)} in all`}`;

/** The report as JSON, keys as documented in docs/compliance.md. */
export function complianceJson(r: ComplianceReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** The report as markdown, for a wiki page or an issue. */
export function complianceMarkdown(r: ComplianceReport): string {
  const out = [`### SLO compliance: ${mdText(r.environment)}, ${mdText(r.period.label)}`, "", `${mdText(periodText(r))}, from Prometheus ${mdCode(r.prometheus)}.`, "", `**${mdText(complianceSentence(r))}.**`, ""];
  out.push("| SLO | status | attainment | objective | budget spent | worst day | burn-rate alerts |", "|---|---|---|---|---|---|---|");
  for (const s of r.slos) {
    const worst = s.worstDays[0] ? mdText(dayText(s.worstDays[0])) : "-";
    const alerts = s.alerts.map((a) => `${mdCode(a.alert)}: ${a.episodes === 0 ? "never" : `${a.episodes}x, ${humanize(a.firingSeconds)}`}`).join("<br>") || "-";
    out.push(`| ${mdCode(`${s.service}/${s.slo}`)} | ${STATUS_TEXT[s.status]} | ${percent(s.attainment)} | ${promNumber(s.objective)}% | ${percent(s.budgetConsumed, 1)} | ${worst} | ${alerts} |`);
  }
  out.push("");
  for (const s of r.slos.filter((x) => x.worstDays.length || x.problems.length)) {
    out.push(`#### ${mdCode(`${s.service}/${s.slo}`)}`, "");
    out.push(...s.worstDays.map((d) => `- worst day ${mdText(dayText(d))}`));
    out.push(...s.alerts.map((a) => `- ${mdText(alertText(a))}`));
    out.push(...s.problems.map((p) => `- problem: ${mdText(p)}`), "");
  }
  if (r.notes.length) out.push("**Not read:**", "", ...r.notes.map((n) => `- ${mdText(n)}`), "");
  out.push(`_Attainment and budget from the SLI's own queries over exactly the period; alert time from the burn-rate rules evaluated every ${humanize(r.alertStep)}._`);
  return `${out.join("\n")}\n`;
}

// Every colour pair has a contrast ratio of at least 7:1 against its background (as the launch report's).
const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1b1f24; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 40px; background: #fff; }
header { border-bottom: 3px solid #1b1f24; padding-bottom: 10px; margin-bottom: 20px; }
.eyebrow { margin: 0; font-size: 14px; letter-spacing: .06em; text-transform: uppercase; color: #3d4651; }
h1 { margin: 4px 0; font-size: 28px; line-height: 1.2; overflow-wrap: anywhere; }
.meta { margin: 0; color: #3d4651; overflow-wrap: anywhere; }
.headline { font-size: 22px; font-weight: 700; margin: 0 0 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 16px; margin: 0; padding: 0; list-style: none; }
.card { border: 1px solid #c9ced6; border-top: 6px solid #3d4651; border-radius: 6px; padding: 12px 16px 14px; min-width: 0; }
.card.met { border-top-color: #14532d; }
.card.missed { border-top-color: #8a1c1c; }
.card h2 { font-size: 18px; margin: 0; line-height: 1.3; overflow-wrap: anywhere; }
.card .id { display: block; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #3d4651; overflow-wrap: anywhere; }
.card .desc { margin: 4px 0 0; color: #2b323b; font-size: 14px; overflow-wrap: anywhere; }
.badge { display: inline-block; border: 1px solid currentColor; border-radius: 12px; padding: 1px 10px; font-size: 13px; font-weight: 700; margin: 8px 0 4px; }
.badge.met { background: #e3f1e6; color: #14532d; }
.badge.missed { background: #fde8e8; color: #8a1c1c; }
.badge.nodata { background: #eef0f3; color: #2b323b; }
.figs { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin: 6px 0 10px; }
.figs div { min-width: 0; }
.figs .n { display: block; font-size: 26px; font-weight: 700; line-height: 1.1; }
.figs .l { display: block; font-size: 13px; color: #3d4651; }
.chart { margin: 8px 0 0; }
.chart figcaption { font-size: 13px; color: #2b323b; }
.chart svg { display: block; width: 100%; height: 72px; background: #f7f8fa; border: 1px solid #dde1e6; }
h3 { font-size: 14px; margin: 12px 0 2px; }
ul.plain { margin: 0; padding-left: 18px; font-size: 14px; }
ul.plain li { overflow-wrap: anywhere; }
.problem { color: #8a1c1c; }
.notes { margin-top: 24px; font-size: 14px; color: #2b323b; }
@media screen and (max-width: 700px) {
  main { padding: 16px 12px 28px; }
  h1 { font-size: 22px; }
  .cards { grid-template-columns: 1fr; }
  .figs .n { font-size: 22px; }
}
@media print { body { background: #fff; } .card { break-inside: avoid; } }
`;

const W = 300;
const H = 72;
const num = (x: number) => String(Number(x.toFixed(2)));

/** Budget left at the end of each day, from 100% at the period's start; the diagonal is an even spend. */
function burnDownSvg(s: SloCompliance): string {
  const total = s.days.reduce((n, d) => n + d.seconds, 0);
  const points: [number, number][] = [[0, 1]];
  let t = 0;
  for (const d of s.days) {
    t += d.seconds;
    if (d.budgetRemaining !== null) points.push([t / (total || 1), d.budgetRemaining]);
  }
  const low = Math.min(0, ...points.map(([, v]) => v));
  const y = (v: number) => H - 4 - ((v - low) / (1 - low || 1)) * (H - 8);
  const path = points.map(([x, v]) => `${num(x * W)},${num(y(v))}`).join(" ");
  const last = points[points.length - 1][1];
  const label = `Error budget left over the period: from 100% to ${percent(last, 1)}`;
  return `<svg role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none"><title>${escapeHtml(label)}</title><line x1="0" y1="${num(y(1))}" x2="${W}" y2="${num(y(0))}" stroke="#8c96a3" stroke-dasharray="3 3" stroke-width="1"/><line x1="0" y1="${num(y(0))}" x2="${W}" y2="${num(y(0))}" stroke="#3d4651" stroke-width="1"/><polyline class="burn" points="${path}" fill="none" stroke="${last < 0 ? "#8a1c1c" : "#1e3a8a"}" stroke-width="2"/></svg>`;
}

/** One bar per day at its SLI; the line is the objective, bars under it are dark red. */
function dailySliSvg(s: SloCompliance): string {
  const objective = s.objective / 100;
  const slis = s.days.map((d) => d.sli).filter((x): x is number => x !== null);
  // The floor leaves room under the objective for three budgets' worth and the worst day, with a
  // margin so the worst day's bar still shows.
  const low = Math.min(objective - 3 * (1 - objective), ...slis);
  const floor = Math.max(0, low - 0.15 * (1 - low));
  const y = (v: number) => H - ((v - floor) / (1 - floor || 1)) * H;
  const width = W / Math.max(1, s.days.length);
  const bars = s.days
    .map((d, i) => {
      const x = num(i * width + width * 0.1);
      const w = num(width * 0.8);
      if (d.sli === null) return `<rect class="nodata" x="${x}" y="${H - 2}" width="${w}" height="2" fill="#c9ced6"><title>${d.date}: no data</title></rect>`;
      const top = y(d.sli);
      return `<rect class="day${d.sli < objective ? " under" : ""}" x="${x}" y="${num(top)}" width="${w}" height="${num(H - top)}" fill="${d.sli < objective ? "#8a1c1c" : "#6b8fd6"}"><title>${d.date}: ${percent(d.sli)}</title></rect>`;
    })
    .join("");
  const label = `Daily SLI against the ${promNumber(s.objective)}% objective, ${s.days.filter((d) => d.sli !== null && d.sli < objective).length} of ${s.days.length} days under it`;
  return `<svg role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none"><title>${escapeHtml(label)}</title>${bars}<line class="objective" x1="0" y1="${num(y(objective))}" x2="${W}" y2="${num(y(objective))}" stroke="#1b1f24" stroke-width="1.5"/></svg>`;
}

function card(s: SloCompliance): string {
  const cls = s.status === "met" ? "met" : s.status === "missed" ? "missed" : "nodata";
  const parts = [
    `<li class="card ${cls}" data-slo="${escapeHtml(`${s.service}/${s.slo}`)}" data-status="${s.status}">`,
    `<h2>${escapeHtml(s.serviceName)}: ${escapeHtml(s.slo)}</h2><span class="id">${escapeHtml(`${s.service}/${s.slo}`)}</span>`,
    s.description ? `<p class="desc">${escapeHtml(s.description)}</p>` : "",
    `<span class="badge ${cls}">${STATUS_TEXT[s.status]}</span>`,
  ];
  if (s.status !== "not in Prometheus") {
    parts.push(
      `<div class="figs"><div><span class="n attainment">${percent(s.attainment)}</span><span class="l">attained; objective ${promNumber(s.objective)}% (${escapeHtml(s.window)})</span></div>`,
      `<div><span class="n budget">${percent(s.budgetConsumed, 1)}</span><span class="l">of the error budget spent (${count(s.badEvents)} bad of ${count(s.events)})</span></div></div>`,
    );
    if (s.days.length) {
      parts.push(`<figure class="chart burndown">${burnDownSvg(s)}<figcaption>Error budget left, day by day</figcaption></figure>`);
      parts.push(`<figure class="chart daily">${dailySliSvg(s)}<figcaption>Daily SLI; the line is the objective</figcaption></figure>`);
    }
    parts.push(`<h3>Worst days</h3>`, s.worstDays.length ? `<ul class="plain worst">${s.worstDays.map((d) => `<li>${escapeHtml(dayText(d))}</li>`).join("")}</ul>` : `<p class="plain">No day had bad events.</p>`);
    if (s.alerts.length) parts.push(`<h3>Burn-rate alerts</h3><ul class="plain alerts">${s.alerts.map((a) => `<li>${escapeHtml(alertText(a))}</li>`).join("")}</ul>`);
  }
  if (s.problems.length) parts.push(`<ul class="plain problems">${s.problems.map((p) => `<li class="problem">${escapeHtml(p)}</li>`).join("")}</ul>`);
  parts.push("</li>");
  return parts.filter((p) => p !== "").join("\n");
}

/** The report as one self-contained HTML page. */
export function complianceHtml(r: ComplianceReport): string {
  const title = `SLO compliance: ${r.environment}, ${r.period.label}`;
  return htmlPage(
    title,
    STYLE,
    `<header>
<p class="eyebrow">SLO compliance</p>
<h1>${escapeHtml(r.environment)}: ${escapeHtml(r.period.label)}</h1>
<p class="meta">${escapeHtml(periodText(r))} · from Prometheus <code>${escapeHtml(r.prometheus)}</code></p>
</header>
<p class="headline">${escapeHtml(complianceSentence(r))}.</p>
<ul class="cards">
${r.slos.map(card).join("\n")}
</ul>
<div class="notes">
<p>Attainment and budget come from each SLI's own queries over exactly the period; a day is a local day in ${escapeHtml(r.period.timezone)}. Alert time is the burn-rate rules as the spec renders them now, evaluated every ${escapeHtml(humanize(r.alertStep))} over the period.</p>
${r.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join("\n")}
</div>`,
  );
}

/** The report in one of the formats. */
export function formatCompliance(r: ComplianceReport, format: ComplianceFormat): string {
  return format === "json" ? complianceJson(r) : format === "markdown" ? complianceMarkdown(r) : complianceHtml(r);
}
