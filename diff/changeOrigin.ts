/**
 * Which file a semantic change came from, for a spec composed of team files (`include:`): a
 * reviewer of a 50-team spec reads "alert checkout/error-rate (teams/payments.yaml)" and knows
 * whose change it is. Only included files are named; the root spec is the default.
 */
import type { Spec } from "../specification/schema";
import type { Locator } from "../specification/diagnostics";
import type { SemanticChange, SemanticKind } from "./semanticChange";

/** The file holding each composed item, by `service:<id>`, `schedule:<id>`, `escalation:<id>`. */
export type Origins = Map<string, string>;

/** Where each service, schedule and escalation of `spec` was written (only those outside `rootFile`). */
export function originsOf(spec: Spec, locate: Locator, rootFile: string): Origins {
  const out: Origins = new Map();
  const note = (key: string, at: (string | number)[]) => {
    const file = locate(at, "UnknownKey", "").file;
    if (file !== rootFile) out.set(key, file);
  };
  spec.services.forEach((s, i) => note(`service:${s.id}`, ["services", i]));
  (spec.oncall?.schedules ?? []).forEach((s, i) => note(`schedule:${s.id}`, ["oncall", "schedules", i]));
  (spec.oncall?.escalations ?? []).forEach((e, i) => note(`escalation:${e.id}`, ["oncall", "escalations", i]));
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
    const file = key === undefined ? undefined : (c.action === "removed" ? before : after).get(key);
    return file === undefined ? c : { ...c, file };
  });
}
