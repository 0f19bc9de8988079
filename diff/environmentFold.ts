/**
 * Environment-vs-environment diffs without the noise of the environment's own name: labels
 * (`env="staging"`), titles, rule uids and webhook names all carry it, so a staging-vs-prod diff of
 * a real checklist was 414 lines, nearly all of that. The other environment is rendered again as
 * if it had this one's name (its own paging policy, settings and resolved values kept); what still
 * differs is real, and the rest is folded into one line.
 */
import type { Model } from "../specification/model";
import type { EnvironmentDiff } from "./environmentDiff";

/** The model under another environment name, everything else as resolved. */
export function renamedEnvironment(model: Model, environment: string): Model {
  return { ...model, environment };
}

/** Differences a reader would count: each semantic change and each changed resource property. */
export function differenceCount(d: Pick<EnvironmentDiff, "semantic" | "resources">): number {
  return d.semantic.length + d.resources.reduce((n, r) => n + Math.max(1, r.changes.length), 0);
}

/** True when two values differ only by the environment's name written inside them (`env:staging` in a query). */
function onlyTheName(before: unknown, after: unknown, from: string, to: string): boolean {
  return typeof before === "string" && typeof after === "string" && before !== after && before.split(from).join(to) === after;
}

/** Drops, from a diff against the renamed environment, field and property changes that are the name written into text. */
function withoutNameText(d: EnvironmentDiff, from: string, to: string): EnvironmentDiff {
  const semantic = d.semantic
    .map((c) => (c.action === "changed" ? { ...c, fields: c.fields.filter((f) => !onlyTheName(f.before, f.after, from, to)) } : c))
    .filter((c) => c.action !== "changed" || c.fields.length > 0 || c.onCall !== undefined);
  const resources = d.resources
    .map((r) => (r.action === "update" ? { ...r, changes: r.changes.filter((p) => !onlyTheName(p.before, p.after, from, to)) } : r))
    .filter((r) => r.action !== "update" || r.changes.length > 0);
  return { ...d, semantic, resources };
}

/** The folded diff with a note of how much was folded, or the raw diff when nothing differed only by name. */
export function foldEnvironmentNames(raw: EnvironmentDiff, renamed: EnvironmentDiff, from: string, to: string): EnvironmentDiff {
  const folded = withoutNameText(renamed, from, to);
  const n = differenceCount(raw) - differenceCount(folded);
  if (n <= 0) return raw;
  return { ...folded, notes: [...folded.notes, `${n} difference${n === 1 ? "" : "s"} only in the environment's name (${from} -> ${to}: labels, titles, rule ids) folded into this line`] };
}
