/** The report as Markdown, for pull requests and wikis. */
import { mdCode, mdLink, mdText } from "../../markdown/escape";
import { longDate } from "../calendarDate";
import type { GateReport, Report } from "../report";
import { attestationCell, dueText, EVIDENCE_DISCLAIMER, evidenceLabel, evidenceTally, figuresSentence, gateName, GLOSSARY, notAttestedSentence, personText, stateLabel, summarySentence } from "../wording";

/** Table cells may not contain pipes or line breaks. */
function cell(text: string): string {
  return mdText(text);
}

/** A link a sign-off names: a real link for http(s) URLs, code for anything else (`#1269`, paths). */
function linkText(link: string): string {
  return mdLink(link, link);
}

/** The line under a phase's table giving a sign-off's rationale, approvers and links, or undefined when it has none. */
function detailLine(g: GateReport): string | undefined {
  const parts: string[] = [];
  if (g.description !== undefined) parts.push(cell(g.description));
  if (g.approvers.length) parts.push(`Approvers: ${g.approvers.map((a) => cell(personText(a))).join(", ")}.`);
  if (g.links.length) parts.push(`Links: ${g.links.map(linkText).join(", ")}.`);
  if (!parts.length) return undefined;
  return `- **${cell(g.title)}** (${mdCode(g.id)}): ${parts.join(" ")}`;
}

/** The report as a Markdown document. */
export function renderMarkdown(report: Report): string {
  const lines: string[] = [];
  lines.push(`# Launch readiness: ${cell(report.system)} (${cell(report.environment)})`, "");
  lines.push(`As of ${longDate(report.date)}, from ${mdCode(report.file)}.`, "");
  lines.push(`**${summarySentence(report)}.** ${figuresSentence(report)}`, "");
  if (!report.phases.length) lines.push("The spec declares no sign-offs.", "");
  report.phases.forEach((phase, i) => {
    lines.push(`## Phase ${i + 1} of ${report.phases.length}: ${cell(phase.phase)}`, "");
    lines.push("| Sign-off | Gate | Owner | Due | State | Attestation | Evidence |", "|---|---|---|---|---|---|---|");
    for (const g of phase.gates) {
      const due = g.overdue ? `**${cell(dueText(g))}**` : cell(dueText(g));
      const owner = g.owner ? cell(personText(g.owner)) : "—";
      lines.push(`| ${cell(g.title)} (${mdCode(g.id)}) | ${gateName(g.gate)} | ${owner} | ${due} | **${stateLabel(g.attestation)}** | ${cell(attestationCell(g.attestation, report.date))} | ${cell(evidenceTally(g))} |`);
    }
    lines.push("");
    const nobody = notAttestedSentence(phase);
    if (nobody) lines.push(cell(nobody), "");
    const details = phase.gates.map(detailLine).filter((l): l is string => l !== undefined);
    if (details.length) lines.push(...details, "");
  });
  lines.push("## Evidence", "", `_${EVIDENCE_DISCLAIMER}_`, "");
  const withEvidence = report.gates.filter((g) => g.evidence.length);
  if (!withEvidence.length) lines.push("No sign-off names any evidence.", "");
  for (const g of withEvidence) {
    lines.push(`### ${cell(g.title)}`, "");
    for (const e of g.evidence) {
      const mark = !e.verified ? "❔" : e.holds ? "✅" : "❌";
      lines.push(`- ${mark} ${evidenceLabel(e)}: ${mdCode(e.ref)}: ${cell(e.reason)}`);
    }
    lines.push("");
  }
  lines.push("## Glossary", "");
  for (const { term, definition } of GLOSSARY) lines.push(`- **${term}**: ${definition}`);
  lines.push("");
  return lines.join("\n");
}
