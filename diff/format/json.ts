/** The diff as JSON for tools: `{ environment, base, notes, semantic, resources, warnings }`. */
import type { EnvironmentDiff } from "../environmentDiff";
import { diffWarnings } from "../environmentDiff";

/** Deterministic JSON (values already printable: secrets `[secret]`). */
export function diffJson(d: EnvironmentDiff): string {
  return `${JSON.stringify({ environment: d.environment, base: d.base, notes: d.notes, semantic: d.semantic, resources: d.resources, warnings: diffWarnings(d) }, null, 2)}\n`;
}
