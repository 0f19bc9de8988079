/** The Plan for a terminal: resources grouped by provider and component, each with the few inputs that say what it is. */
import type { Plan, PlannedResource, PlanValue } from "../plan";
import { CUSTOM_RESOURCE_TYPE } from "../sdkTypes";
import { oneLineText } from "../../specification/oneLineText";
import { printable } from "./value";
import { groups, resourceType, shortType } from "./resources";

function inline(v: PlanValue): string {
  const p = printable(v);
  // Spec text stays on its line: a name with a line break must not add a line to the plan.
  const s = typeof p === "string" ? oneLineText(p) : JSON.stringify(p);
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}

/** The few inputs that tell a reviewer what a resource is, in one line. */
function summary(r: PlannedResource): string {
  const meta = r.inputs.metadata;
  if (r.type === CUSTOM_RESOURCE_TYPE && meta && typeof meta === "object" && !Array.isArray(meta))
    return (["name", "namespace"] as const)
      .filter((k) => typeof (meta as Record<string, PlanValue>)[k] === "string")
      .map((k) => `${k}=${inline((meta as Record<string, PlanValue>)[k])}`)
      .join(" ");
  const keys = ["name", "title", "query", "type", "rotationTurnLengthSeconds", "timeZone", "numLoops", "tickEvery", "frequency", "target", "schedule", "cron", "hostname"];
  return keys
    .filter((k) => r.inputs[k] !== undefined && r.inputs[k] !== null)
    .slice(0, 3)
    .map((k) => `${k}=${inline(r.inputs[k])}`)
    .join(" ");
}

/** Text for a terminal. */
export function planText(plan: Plan): string {
  const lines = [`Plan for ${plan.environment}: ${plan.resources.length} resources, ${plan.lookups.length} lookups, ${plan.components.length} components`];
  for (const [provider, byParent] of groups(plan)) {
    const n = [...byParent.values()].reduce((a, rs) => a + rs.length, 0);
    lines.push("", `${provider} (${n})`);
    for (const [parent, rs] of byParent) {
      lines.push(`  ${parent}`);
      for (const r of rs) {
        const s = summary(r);
        lines.push(`    + ${resourceType(r)} ${r.name}${r.protect ? " [protected]" : ""}${s ? `  ${s}` : ""}`);
      }
    }
  }
  if (plan.lookups.length) {
    lines.push("", "lookups (read, never created)");
    for (const l of plan.lookups) lines.push(`    ? ${shortType(l.token)} ${l.name} ${inline(l.args as PlanValue)}`);
  }
  return `${lines.join("\n")}\n`;
}
