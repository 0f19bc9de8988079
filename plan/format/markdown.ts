/** The Plan for a pull-request comment: a count per provider, then a table per provider, folded. */
import { mdCode } from "../../markdown/escape";
import type { Plan } from "../plan";
import { groups, resourceType } from "./resources";

/** Markdown for a pull-request comment: a table per provider, inputs folded. */
export function planMarkdown(plan: Plan): string {
  const lines = [`### Monitoring plan: ${mdCode(plan.environment)}`, "", `${plan.resources.length} resources, ${plan.lookups.length} lookups.`, ""];
  lines.push("| provider | resources |", "|---|---:|");
  for (const [provider, byParent] of groups(plan)) lines.push(`| ${provider} | ${[...byParent.values()].reduce((a, rs) => a + rs.length, 0)} |`);
  for (const [provider, byParent] of groups(plan)) {
    lines.push("", `<details><summary><b>${provider}</b></summary>`, "", "| component | type | name | protected |", "|---|---|---|---|");
    for (const [parent, rs] of byParent) for (const r of rs) lines.push(`| ${mdCode(parent)} | ${mdCode(resourceType(r))} | ${mdCode(r.name)} | ${r.protect ? "yes" : ""} |`);
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}\n`;
}
