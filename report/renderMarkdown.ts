/** The report as Markdown, for pull requests and wikis. */
import { mdCode, mdText } from "../markdown/escape";
import { longDate } from "./calendarDate";
import { GATE_ORDER, type Report } from "./report";
import { attestationSentence, EVIDENCE_DISCLAIMER, evidenceTally, figuresSentence, gateName, GLOSSARY, stateLabel, summarySentence } from "./wording";

/** Table cells may not contain pipes or line breaks. */
function cell(text: string): string {
  return mdText(text);
}

/** The report as a Markdown document. */
export function renderMarkdown(report: Report): string {
  const lines: string[] = [];
  lines.push(`# Launch readiness: ${cell(report.system)} (${cell(report.environment)})`, "");
  lines.push(`As of ${longDate(report.date)}, from ${mdCode(report.file)}.`, "");
  lines.push(`**${summarySentence(report)}.** ${figuresSentence(report)}`, "");
  for (const gate of GATE_ORDER) {
    const gates = report.gates.filter((g) => g.gate === gate);
    if (!gates.length) continue;
    lines.push(`## ${gateName(gate)}`, "");
    lines.push("| Sign-off | Phase | State | Attestation | Evidence |", "|---|---|---|---|---|");
    for (const g of gates) {
      lines.push(`| ${cell(g.title)} (${mdCode(g.id)}) | ${cell(g.phase)} | **${stateLabel(g.attestation)}** | ${cell(attestationSentence(g.attestation, report.date))} | ${evidenceTally(g)} |`);
    }
    lines.push("");
  }
  lines.push("## Evidence", "", `_${EVIDENCE_DISCLAIMER}_`, "");
  const withEvidence = report.gates.filter((g) => g.evidence.length);
  if (!withEvidence.length) lines.push("No sign-off names any evidence.", "");
  for (const g of withEvidence) {
    lines.push(`### ${cell(g.title)}`, "");
    for (const e of g.evidence) lines.push(`- ${e.holds ? "✅ holds" : "❌ does not hold"}: ${mdCode(e.ref)}: ${cell(e.reason)}`);
    lines.push("");
  }
  lines.push("## Glossary", "");
  for (const { term, definition } of GLOSSARY) lines.push(`- **${term}**: ${definition}`);
  lines.push("");
  return lines.join("\n");
}
