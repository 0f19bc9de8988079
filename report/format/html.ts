/**
 * The report as one self-contained HTML page for the people who sign off a launch: no external
 * assets and no scripts, so it can be mailed, archived and printed as it is.
 */
import { longDate } from "../calendarDate";
import type { AttestationState } from "../attestationState";
import type { GateReport, PhaseReport, Report } from "../report";
import { attestationCell, dueText, EVIDENCE_DISCLAIMER, evidenceLabel, evidenceTally, figuresSentence, gateName, GLOSSARY, notAttestedSentence, personText, stateLabel, summarySentence } from "../wording";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A self-contained page (UTF-8, phone viewport, inline style, no external asset): the shell of every HTML report. */
export function htmlPage(title: string, style: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

const STATE_ICON: Record<AttestationState, string> = { passed: "✓", expired: "!", never: "○", "not-yet-valid": "…", "not-an-approver": "✗" };

// Every colour pair below has a contrast ratio of at least 7:1 (WCAG AAA) against its background.
const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1b1f24; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 40px 48px; background: #fff; }
header { border-bottom: 3px solid #1b1f24; padding-bottom: 12px; margin-bottom: 24px; }
.eyebrow { margin: 0; font-size: 14px; letter-spacing: .06em; text-transform: uppercase; color: #3d4651; }
h1 { margin: 4px 0 4px; font-size: 30px; line-height: 1.2; }
.meta { margin: 0; color: #3d4651; }
h2 { font-size: 22px; margin: 36px 0 12px; border-bottom: 1px solid #c9ced6; padding-bottom: 4px; }
h3 { font-size: 18px; margin: 24px 0 8px; }
.headline { font-size: 24px; font-weight: 700; margin: 0 0 6px; }
.headline.open { color: #8a1c1c; }
.headline.done { color: #14532d; }
.figures-text { margin: 0 0 16px; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 0; padding: 0; list-style: none; }
.figures li { border: 1px solid #c9ced6; border-radius: 6px; padding: 10px 14px; }
.figures .n { display: block; font-size: 30px; font-weight: 700; line-height: 1.1; }
.figures .alert { border-color: #8a1c1c; border-width: 2px; }
table { width: 100%; border-collapse: collapse; font-size: 15px; table-layout: fixed; }
col.c-title { width: 31%; } col.c-gate { width: 14%; } col.c-owner { width: 19%; } col.c-due { width: 13%; } col.c-state { width: 13%; } col.c-ev { width: 10%; }
col.c-phase { width: 31%; }
.why { display: block; font-weight: 400; margin-top: 4px; }
.links { display: block; font-weight: 400; font-size: 14px; margin-top: 2px; }
.overdue { color: #8a1c1c; font-weight: 700; }
.unattested { margin: 8px 0 0; font-weight: 600; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; color: #3d4651; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid #dde1e6; overflow-wrap: anywhere; }
th { background: #eef0f3; font-size: 13px; color: #2b323b; }
td.n, th.n { text-align: right; }
.att { display: block; font-size: 13px; margin-top: 4px; }
table.phases { margin-top: 16px; }
ul.open-items { margin: 8px 0 0; padding-left: 20px; }
ul.open-items li { margin: 4px 0; overflow-wrap: anywhere; }
td.title { font-weight: 600; }
.id { display: block; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #3d4651; font-weight: 400; }
.badge { display: inline-block; max-width: 100%; border: 1px solid currentColor; border-radius: 12px; padding: 1px 8px; font-size: 13px; font-weight: 700; line-height: 1.35; }
.passed { background: #e3f1e6; color: #14532d; }
.expired { background: #fde8e8; color: #8a1c1c; }
.never { background: #fff1cc; color: #5c3b00; }
.not-yet-valid { background: #e6ecf8; color: #1e3a8a; }
.not-an-approver { background: #fde8e8; color: #8a1c1c; }
.note { border-left: 4px solid #1e3a8a; background: #eef2fb; padding: 10px 14px; margin: 0 0 12px; }
ul.evidence { list-style: none; margin: 0; padding: 0; }
ul.evidence li { display: grid; grid-template-columns: 150px 1fr; gap: 4px 12px; padding: 6px 0; border-bottom: 1px solid #eef0f3; }
.holds { color: #14532d; font-weight: 700; }
.fails { color: #8a1c1c; font-weight: 700; }
.unverified { color: #3d4651; font-weight: 700; }
code { overflow-wrap: anywhere; font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eef0f3; padding: 0 4px; border-radius: 3px; }
dl { margin: 0; }
dt { font-weight: 700; margin-top: 10px; }
dd { margin: 2px 0 0 0; }
ul.evidence li > span { min-width: 0; overflow-wrap: anywhere; }
/* Narrow screens: each sign-off becomes a card of labelled lines instead of a row of columns. */
@media screen and (max-width: 700px) {
  main { padding: 20px 16px 32px; }
  h1 { font-size: 24px; }
  table.signoffs, table.signoffs tbody, table.signoffs tr, table.signoffs td { display: block; width: auto; }
  table.signoffs thead, table.signoffs colgroup { display: none; }
  table.signoffs tr { border: 1px solid #c9ced6; border-radius: 6px; margin: 0 0 12px; padding: 4px 0; }
  table.signoffs td { border: 0; padding: 4px 12px; }
  table.signoffs td[data-label]::before { content: attr(data-label); display: block; font-size: 12px; font-weight: 700; color: #3d4651; }
  ul.evidence li { grid-template-columns: 1fr; }
  table.phases th, table.phases td { padding: 6px; font-size: 14px; }
}
footer { margin-top: 36px; font-size: 13px; color: #3d4651; border-top: 1px solid #c9ced6; padding-top: 8px; }
@media print {
  @page { margin: 16mm 14mm; }
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  section.phase { break-before: page; }
  tr, ul.evidence li, .figures li, .note { break-inside: avoid; }
  .badge, .note, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .figures { grid-template-columns: repeat(5, 1fr); }
}
`;

function badge(gate: GateReport): string {
  const state = gate.attestation.state;
  return `<span class="badge ${state}"><span aria-hidden="true">${STATE_ICON[state]} </span>${escapeHtml(stateLabel(gate.attestation))}</span>`;
}

function figures(report: Report): string {
  const s = report.summary;
  const items: { n: number; label: string; alert?: boolean }[] = [
    { n: s.gaBlockingOutstanding, label: "GA-blocking outstanding", alert: s.gaBlockingOutstanding > 0 },
    { n: s.signedOff, label: `signed off, of ${s.total}` },
    { n: s.neverSignedOff, label: "never signed off" },
    { n: s.expired, label: "expired", alert: s.expired > 0 },
  ];
  if (s.overdue > 0) items.push({ n: s.overdue, label: "overdue", alert: true });
  if (s.notYetValid > 0) items.push({ n: s.notYetValid, label: "dated in the future" });
  return `<ul class="figures">${items.map((i) => `<li${i.alert ? ' class="alert"' : ""}><span class="n">${i.n}</span> ${escapeHtml(i.label)}</li>`).join("")}</ul>`;
}

/** A link a sign-off names: a real link only for http(s) URLs; anything else (`#1269`, a path, javascript:) is shown as code. */
function linkHtml(link: string): string {
  if (/^https?:\/\/[^\s<>"']+$/i.test(link)) return `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`;
  return `<code>${escapeHtml(link)}</code>`;
}

function titleCell(g: GateReport): string {
  const parts = [`${escapeHtml(g.title)}<span class="id">${escapeHtml(g.id)}</span>`];
  if (g.description !== undefined) parts.push(`<span class="why">${escapeHtml(g.description)}</span>`);
  if (g.approvers.length) parts.push(`<span class="links">Approvers: ${g.approvers.map((a) => escapeHtml(personText(a))).join(", ")}</span>`);
  if (g.links.length) parts.push(`<span class="links">Links: ${g.links.map(linkHtml).join(", ")}</span>`);
  return `<td class="title">${parts.join("")}</td>`;
}

function phaseTable(report: Report, gates: GateReport[]): string {
  // data-label names each cell where narrow screens show a row as a card without the header.
  const rows = gates
    .map(
      (g) =>
        `<tr>${titleCell(g)}<td data-label="Gate">${escapeHtml(gateName(g.gate))}</td><td data-label="Owner">${g.owner ? escapeHtml(personText(g.owner)) : "—"}</td>` +
        `<td data-label="Due"${g.overdue ? ' class="overdue"' : ""}>${escapeHtml(dueText(g))}</td><td data-label="State">${badge(g)}<span class="att">${escapeHtml(attestationCell(g.attestation, report.date))}</span></td>` +
        `<td data-label="Evidence">${escapeHtml(evidenceTally(g))}</td></tr>`,
    )
    .join("\n");
  return `<table class="signoffs">\n<colgroup><col class="c-title"><col class="c-gate"><col class="c-owner"><col class="c-due"><col class="c-state"><col class="c-ev"></colgroup>\n<thead><tr><th scope="col">Sign-off</th><th scope="col">Gate</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">State and attestation</th><th scope="col">Evidence</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

/** The summary a director reads first: per phase what is signed off, GA-blocking and overdue; then the open GA-blocking and overdue items by name. */
function phaseSummary(report: Report): string {
  if (!report.phases.length) return "";
  const isOpen = (g: GateReport) => g.attestation.state !== "passed";
  const rows = report.phases.map((p) => {
    const signed = p.gates.filter((g) => !isOpen(g)).length;
    const ga = p.gates.filter((g) => g.gate === "ga-blocking" && isOpen(g)).length;
    const late = p.gates.filter((g) => g.overdue).length;
    return `<tr><th scope="row">${escapeHtml(p.phase)}</th><td class="n">${signed} of ${p.gates.length}</td><td class="n${ga ? " overdue" : ""}">${ga}</td><td class="n${late ? " overdue" : ""}">${late}</td></tr>`;
  });
  const parts = [
    `<table class="phases">\n<caption>By phase</caption>\n<colgroup><col class="c-phase"><col><col><col></colgroup>\n<thead><tr><th scope="col">Phase</th><th scope="col" class="n">Signed off</th><th scope="col" class="n">GA-blocking open</th><th scope="col" class="n">Overdue</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`,
  ];
  const item = (g: GateReport) =>
    `<li><strong>${escapeHtml(g.title)}</strong> (${escapeHtml(g.phase)}${g.owner ? `; ${escapeHtml(personText(g.owner))}` : ""}${g.due !== undefined ? `; due ${escapeHtml(dueText(g))}` : ""})</li>`;
  const gaOpen = report.gates.filter((g) => g.gate === "ga-blocking" && isOpen(g));
  if (gaOpen.length) parts.push(`<h3>GA-blocking items open (${gaOpen.length})</h3>\n<ul class="open-items">${gaOpen.map(item).join("")}</ul>`);
  const overdue = report.gates.filter((g) => g.overdue);
  if (overdue.length) parts.push(`<h3>Overdue (${overdue.length})</h3>\n<ul class="open-items">${overdue.map(item).join("")}</ul>`);
  return parts.join("\n");
}

function phaseSection(report: Report, phase: PhaseReport, i: number): string {
  const open = phase.gates.filter((g) => g.attestation.state !== "passed").length;
  const parts = [`<section class="phase">`, `<h3>Phase ${i + 1} of ${report.phases.length}: ${escapeHtml(phase.phase)} <small>(${open} of ${phase.gates.length} not signed off)</small></h3>`, phaseTable(report, phase.gates)];
  const nobody = notAttestedSentence(phase);
  if (nobody) parts.push(`<p class="unattested">${escapeHtml(nobody)}</p>`);
  parts.push("</section>");
  return parts.join("\n");
}

function gatesSection(report: Report): string {
  const parts: string[] = ['<section aria-labelledby="signoffs"><h2 id="signoffs">Sign-offs</h2>'];
  if (!report.gates.length) parts.push("<p>The spec declares no sign-offs.</p>");
  report.phases.forEach((phase, i) => parts.push(phaseSection(report, phase, i)));
  parts.push("</section>");
  return parts.join("\n");
}

function evidenceSection(report: Report): string {
  const parts: string[] = ['<section aria-labelledby="evidence"><h2 id="evidence">Evidence</h2>', `<p class="note">${escapeHtml(EVIDENCE_DISCLAIMER)}</p>`];
  const withEvidence = report.gates.filter((g) => g.evidence.length);
  if (!withEvidence.length) parts.push("<p>No sign-off names any evidence.</p>");
  for (const g of withEvidence) {
    parts.push(`<h3>${escapeHtml(g.title)}</h3>`);
    const items = g.evidence.map(
      (e) =>
        `<li><span class="${!e.verified ? "unverified" : e.holds ? "holds" : "fails"}"><span aria-hidden="true">${!e.verified ? "?" : e.holds ? "✓" : "✗"} </span>${capitalise(evidenceLabel(e))}</span>` +
        `<span><code>${escapeHtml(e.ref)}</code>: ${escapeHtml(e.reason)}</span></li>`,
    );
    parts.push(`<ul class="evidence">\n${items.join("\n")}\n</ul>`);
  }
  parts.push("</section>");
  return parts.join("\n");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function glossarySection(): string {
  const entries = GLOSSARY.map(({ term, definition }) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(definition).replace(/`([^`]+)`/g, "<code>$1</code>")}</dd>`);
  return `<section aria-labelledby="glossary"><h2 id="glossary">Glossary</h2>\n<dl>\n${entries.join("\n")}\n</dl>\n</section>`;
}

/** The report as a self-contained, printable HTML page. */
export function renderHtml(report: Report): string {
  const headline = summarySentence(report);
  const title = `Launch readiness: ${report.system} (${report.environment})`;
  const paging = report.paging ? "paging on" : "paging off";
  return htmlPage(
    title,
    STYLE,
    `<header>
<p class="eyebrow">Launch readiness</p>
<h1>${escapeHtml(report.system)}</h1>
<p class="meta">Environment <strong>${escapeHtml(report.environment)}</strong> (${paging}) · as of ${escapeHtml(longDate(report.date))} · from <code>${escapeHtml(report.file)}</code></p>
</header>
<section aria-labelledby="summary">
<h2 id="summary">Summary</h2>
<p class="headline ${report.summary.gaBlockingOutstanding > 0 ? "open" : "done"}">${escapeHtml(headline)}.</p>
<p class="figures-text">${escapeHtml(figuresSentence(report))}</p>
${figures(report)}
${phaseSummary(report)}
</section>
${gatesSection(report)}
${evidenceSection(report)}
${glossarySection()}
<footer>Generated by readiness from <code>${escapeHtml(report.file)}</code>. Record a sign-off with <code>readiness attest &lt;id&gt; --by EMAIL</code>.</footer>`,
  );
}
