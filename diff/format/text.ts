/** The diff for a terminal: semantic changes, on-call tables, then resources, warnings last and loud. */
import type { EnvironmentDiff } from "../environmentDiff";
import { diffWarnings, isEmptyDiff } from "../environmentDiff";
import type { OnCallTable, SemanticChange } from "../semanticChange";
import type { ResourceChange } from "../resourceDiff";
import { arrow, shortType, sign } from "./value";

/** Text for a terminal. */
export function diffText(d: EnvironmentDiff): string {
  const lines = [`readiness diff: ${d.environment} against ${d.base}`];
  for (const n of d.notes) lines.push(`note: ${n}`);
  if (isEmptyDiff(d)) return `${[...lines, "No changes."].join("\n")}\n`;
  lines.push("", `Monitoring (${d.semantic.length} change${d.semantic.length === 1 ? "" : "s"})`);
  if (!d.semantic.length) lines.push("  (none)");
  for (const c of d.semantic) {
    lines.push(`  ${semanticHeadline(c)}`);
    for (const f of c.fields) lines.push(`      ${f.field}: ${arrow(f.before, f.after, f.before !== undefined, f.after !== undefined)}`);
    if (c.onCall) lines.push(...onCallText(c.onCall).map((l) => `      ${l}`));
  }
  lines.push("", `Resources (${d.resources.length} change${d.resources.length === 1 ? "" : "s"})`);
  if (!d.resources.length) lines.push("  (none)");
  for (const r of d.resources) {
    lines.push(`  ${resourceHeadline(r)}`);
    // Creations and deletions list every input; a reviewer needs them only for updates.
    if (r.action !== "create" && r.action !== "delete") for (const p of r.changes) lines.push(`      ${p.path}: ${arrow(p.before, p.after, true, true)}`);
  }
  const warnings = diffWarnings(d);
  if (warnings.length) lines.push("", ...warnings.map((w) => `WARNING: ${w}`));
  return `${lines.join("\n")}\n`;
}

/** `~ alert billing-api/error-rate`, `~ schedule primary (renamed from old)`, `+ slo checkout/availability added (teams/payments.yaml)`. */
export function semanticHeadline(c: SemanticChange): string {
  const renamed = c.action === "renamed" ? ` (renamed from ${c.previousSubject})` : "";
  // A file name is not a spec id: anything unusual in it is shown escaped, never raw.
  const from = c.file === undefined ? "" : /^[\w./@+-]+$/.test(c.file) ? ` (${c.file})` : ` (${JSON.stringify(c.file).replace(/`/g, "\\u0060")})`;
  return `${sign(c.action)} ${c.kind} ${c.subject}${renamed}${c.action === "added" || c.action === "removed" ? ` ${c.action}` : ""}${from}`;
}

/** `~ pagerduty:Schedule primary`, with the rename or replacement spelled out. */
export function resourceHeadline(r: ResourceChange): string {
  const what = r.action === "rename" ? ` (renamed from ${r.previousName})` : r.action === "replace" ? " (replace)" : "";
  return `${sign(r.action)} ${shortType(r.type)} ${r.name}${what}`;
}

function onCallText(t: OnCallTable): string[] {
  const header = ["from", "to", "before", "after"];
  const rows = t.rows.map((r) => [r.from, r.to, r.before ?? "-", r.after ?? "-", r.before !== r.after ? "*" : ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) => cells.slice(0, 4).map((c, i) => c.padEnd(widths[i])).join("  ") + (cells[4] ? `  ${cells[4]}` : "");
  return [`on call, ${t.days} days from ${t.fromDate} (${t.timezone}; * = changed):`, fmt(header).trimEnd(), ...rows.map((r) => fmt(r).trimEnd())];
}
