/** What the cross-reference checks share: a path into the spec and the "not defined" diagnostic. */
import type { Diagnostic, Locator } from "../diagnostics";
import { didYouMean } from "../diagnostics";
import type { Spec } from "../schema";

/** A path into the spec, as the locator takes it. */
export type Path = (string | number)[];

/** A check over the whole spec: its diagnostics, in the order a reader meets them. */
export type CrossRefCheck = (spec: Spec, locate: Locator) => Diagnostic[];

/** A reference to something not declared, with a guess or the known names as the hint. */
export function unknownRef(locate: Locator, at: Path, what: string, name: string, known: string[], whenNoneKnown = "declare it under oncall"): Diagnostic {
  const guess = didYouMean(name, known);
  return locate(at, "UnknownReference", `${what} "${name}" is not defined`, guess ? `did you mean "${guess}"?` : known.length ? `known: ${known.join(", ")}` : whenNoneKnown);
}
