/**
 * The diff as a pull-request comment: a heading per environment, warnings unfolded, a summary
 * table of counts, and the details folded so a long change does not bury the conversation.
 */
import { mdCode, mdText } from "../../markdown/escape";
import type { EnvironmentDiff } from "../environmentDiff";
import { diffWarnings, isEmptyDiff } from "../environmentDiff";
import type { OnCallTable } from "../semanticChange";
import { SEMANTIC_KINDS } from "../semanticChange";
import { arrow } from "./value";
import { resourceHeadline, semanticHeadline } from "./text";

/** Markdown for a PR comment. */
export function diffMarkdown(d: EnvironmentDiff): string {
  const lines = [`### Monitoring diff: \`${d.environment}\``, "", `Compared with \`${d.base}\`.`];
  for (const n of d.notes) lines.push("", `> **Note:** ${cell(n)}`);
  if (isEmptyDiff(d)) return `${[...lines, "", "No changes to monitoring or resources."].join("\n")}\n`;
  const warnings = diffWarnings(d);
  if (warnings.length) lines.push("", ...warnings.map((w) => `> [!WARNING]\n> ${cell(w)}\n`));
  lines.push("", "| kind | added | removed | changed |", "|---|---:|---:|---:|");
  for (const kind of SEMANTIC_KINDS) {
    const cs = d.semantic.filter((c) => c.kind === kind);
    if (!cs.length) continue;
    lines.push(`| ${kind} | ${cs.filter((c) => c.action === "added").length} | ${cs.filter((c) => c.action === "removed").length} | ${cs.filter((c) => c.action === "changed" || c.action === "renamed").length} |`);
  }
  const rs = d.resources;
  lines.push(`| **resources** | ${rs.filter((r) => r.action === "create").length} | ${rs.filter((r) => r.action === "delete").length} | ${rs.filter((r) => r.action !== "create" && r.action !== "delete").length} |`);
  if (d.semantic.length) {
    lines.push("", `<details><summary><b>Monitoring changes (${d.semantic.length})</b></summary>`, "");
    for (const c of d.semantic) {
      lines.push(`- \`${semanticHeadline(c)}\``);
      for (const f of c.fields) lines.push(`  - ${cell(f.field)}: ${code(arrow(f.before, f.after, f.before !== undefined, f.after !== undefined))}`);
      if (c.onCall) lines.push("", ...onCallMarkdown(c.onCall).map((l) => `  ${l}`), "");
    }
    lines.push("", "</details>");
  }
  if (rs.length) {
    lines.push("", `<details><summary><b>Resource changes (${rs.length})</b></summary>`, "");
    for (const r of rs) {
      lines.push(`- \`${resourceHeadline(r)}\``);
      if (r.action !== "create" && r.action !== "delete") for (const p of r.changes) lines.push(`  - ${code(p.path)}: ${code(arrow(p.before, p.after, true, true))}`);
    }
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}\n`;
}

function onCallMarkdown(t: OnCallTable): string[] {
  return [
    `On call for **${t.schedule}**, ${t.days} days from ${t.fromDate} (${t.timezone}):`,
    "",
    "| from | to | before | after |",
    "|---|---|---|---|",
    ...t.rows.map((r) => {
      const changed = r.before !== r.after;
      const b = r.before ?? "nobody";
      const a = r.after ?? "nobody";
      return `| ${r.from} | ${r.to} | ${changed ? `~~${b}~~` : b} | ${changed ? `**${a}**` : a} |`;
    }),
  ];
}

/** Inline code that survives backticks and pipes inside the value. */
function code(s: string): string {
  return mdCode(s);
}

function cell(s: string): string {
  return mdText(s);
}
