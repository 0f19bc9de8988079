/** The terminal report: the inventory as an aligned table, then one line per finding. */
import { countByLevel } from "../audit";
import { countByBackend, RENDERED_BACKENDS } from "../rendered";
import type { LocatedReport } from "./located";
import { oneLineText } from "../../specification/oneLineText";

const COLUMNS = ["SERVICE", "ALERT", "KIND", "SEVERITY", "FOR", "ROUTES TO", "CAN WAKE", "RUNBOOK", "CONDITION"] as const;

/** `file:line:col [level] rule: message (hint)`, the form editors and CI logs link from. */
export function findingLine(f: LocatedReport["findings"][number]): string {
  return oneLineText(`${f.location.file}:${f.location.line}:${f.location.col} [${f.level}] ${f.rule}: ${f.message} (${f.hint})`);
}

/** The whole report as plain text. */
export function renderText(report: LocatedReport): string {
  const rows = report.alerts.map((a) => [
    a.service,
    a.id,
    a.kind,
    a.severity === a.declaredSeverity ? a.severity : `${a.severity} (was ${a.declaredSeverity})`,
    a.for ?? "-",
    a.routes.join(", ") || "(nowhere)",
    a.wakes.join(", ") || "-",
    a.runbook ?? "(none)",
    a.condition,
  ]);
  const out = [`Alerts in ${report.environment} (${report.paging ? "paging on" : "paging off: pages become tickets"}): ${report.alerts.length}`, ...table([[...COLUMNS], ...rows]), ""];
  if (report.rendered.length) {
    const counts = countByBackend(report.rendered);
    const per = RENDERED_BACKENDS.filter((b) => (counts[b] ?? 0) > 0).map((b) => `${b} ${counts[b]}`).join(", ");
    const deployed = report.rendered.map((i) => [i.exportOnly ? `${i.backend} (export)` : i.backend, i.service || "-", i.name, i.kind, i.severity, i.routes.join(", ") || "(nowhere)", i.wakes.join(", ") || "-"]);
    out.push(`Deployed items that can notify (${per}):`, ...table([["BACKEND", "SERVICE", "NAME", "KIND", "SEVERITY", "ROUTES TO", "CAN WAKE"], ...deployed]));
    if (report.rendered.some((i) => i.exportOnly))
      out.push(`prometheus (export): not deployed in ${report.environment} (no prometheus backend); the rules \`readiness export prometheus\` prints, routed by \`readiness export alertmanager\``);
    out.push("");
  }
  const n = countByLevel(report.findings);
  out.push(report.findings.length ? `Findings: ${n.error} error${n.error === 1 ? "" : "s"}, ${n.warning} warning${n.warning === 1 ? "" : "s"}, ${n.info} info` : "Findings: none");
  for (const f of report.findings) out.push(findingLine(f));
  return `${out.join("\n")}\n`;
}

/** Columns padded to their widest cell; the last column is not padded. Spec text stays on its row. */
function table(cells: string[][]): string[] {
  const rows = cells.map((r) => r.map(oneLineText));
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd());
}
