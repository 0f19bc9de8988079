/** The report for a pull request or a wiki page: findings first, the inventory folded. */
import { mdCode, mdLink, mdText } from "../../markdown/escape";
import { countByLevel } from "../audit";
import type { LocatedReport } from "./located";

const ICON = { error: "❌", warning: "⚠️", info: "ℹ️" } as const;

/** Markdown with a summary line, a findings table and the inventory in a `<details>` block. */
export function renderMarkdown(report: LocatedReport): string {
  const n = countByLevel(report.findings);
  const out = [`### readiness audit: ${report.environment}`, ""];
  out.push(`${report.alerts.length} alerts; ${n.error} errors, ${n.warning} warnings, ${n.info} info${report.paging ? "" : " (paging off: pages become tickets)"}.`, "");
  if (report.findings.length) {
    out.push("| | rule | where | finding | fix |", "|---|---|---|---|---|");
    for (const f of report.findings) out.push(`| ${ICON[f.level]} ${f.level} | ${mdCode(f.rule)} | ${mdCode(`${f.location.file}:${f.location.line}`)} ${mdCode(f.path)} | ${cell(f.message)} | ${cell(f.hint)} |`);
    out.push("");
  }
  out.push("<details><summary>Alert inventory</summary>", "");
  out.push("| service | alert | kind | severity | for | routes to | can wake | runbook | condition |", "|---|---|---|---|---|---|---|---|---|");
  for (const a of report.alerts) {
    const sev = a.severity === a.declaredSeverity ? a.severity : `${a.severity} (was ${a.declaredSeverity})`;
    out.push(`| ${cell(a.service)} | ${cell(a.id)} | ${a.kind} | ${sev} | ${a.for ?? "-"} | ${cell(a.routes.join(", ") || "nowhere")} | ${cell(a.wakes.join(", ")) || "-"} | ${a.runbook ? mdLink("runbook", a.runbook) : "**none**"} | ${cell(a.condition)} |`);
  }
  out.push("", "</details>");
  return `${out.join("\n")}\n`;
}

/** Text safe inside a table cell. */
function cell(text: string): string {
  return mdText(text);
}
