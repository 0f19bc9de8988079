/**
 * Which file a semantic change came from, for a spec composed of team files (`include:`): a
 * reviewer of a 50-team spec reads "alert checkout/error-rate (teams/payments.yaml)" and knows
 * whose change it is. Only included files are named; the root spec is the default.
 */
import type { Spec } from "../specification/schema";
import type { Locator } from "../specification/diagnostics";
import type { SemanticChange, SemanticKind } from "./semanticChange";

/** The file holding a composed item, by `service:<id>`, `schedule:<id>`, `escalation:<id>`; undefined for the root spec's own. */
export type Origins = (key: string) => string | undefined;

/** Where each composed item sits in the composed spec, by origin key. */
function composedPaths(spec: Spec): Map<string, (string | number)[]> {
  const out = new Map<string, (string | number)[]>();
  spec.services.forEach((s, i) => out.set(`service:${s.id}`, ["services", i]));
  (spec.oncall?.schedules ?? []).forEach((s, i) => out.set(`schedule:${s.id}`, ["oncall", "schedules", i]));
  (spec.oncall?.escalations ?? []).forEach((e, i) => out.set(`escalation:${e.id}`, ["oncall", "escalations", i]));
  return out;
}

/**
 * Where an item of `spec` was written, looked up when asked: locating parses the holding file again
 * (specification/load.ts keeps no syntax trees), so naming every item of a 50-file spec up front
 * parsed all 1.3 MB twice per side, for the few items a diff names.
 */
export function originsOf(spec: Spec, locate: Locator, rootFile: string): Origins {
  const paths = composedPaths(spec);
  const found = new Map<string, string | undefined>();
  return (key) => {
    if (!found.has(key)) {
      const at = paths.get(key);
      const file = at === undefined ? undefined : locate(at, "UnknownKey", "").file;
      found.set(key, file === rootFile ? undefined : file);
    }
    return found.get(key);
  };
}

/** Every item's file outside `rootFile`, for keeping with a cached base (which has no locator). */
export function allOrigins(spec: Spec, locate: Locator, rootFile: string): Map<string, string> {
  const origins = originsOf(spec, locate, rootFile);
  const out = new Map<string, string>();
  for (const key of composedPaths(spec).keys()) {
    const file = origins(key);
    if (file !== undefined) out.set(key, file);
  }
  return out;
}

const SERVICE_KINDS: ReadonlySet<SemanticKind> = new Set(["slo", "burn-rate", "alert", "check", "heartbeat"]);

function keyOf(kind: SemanticKind, subject: string): string | undefined {
  if (SERVICE_KINDS.has(kind)) return `service:${subject.split("/")[0]}`;
  if (kind === "schedule" || kind === "escalation") return `${kind}:${subject}`;
  return undefined;
}

/** The changes with `file` set where the subject lives in an included file: before's for removals, after's otherwise. */
export function withOrigins(changes: SemanticChange[], before: Origins, after: Origins): SemanticChange[] {
  return changes.map((c) => {
    const key = keyOf(c.kind, c.subject);
    const file = key === undefined ? undefined : (c.action === "removed" ? before : after)(key);
    return file === undefined ? c : { ...c, file };
  });
}
