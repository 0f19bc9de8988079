/** Findings placed at `file:line:col`, given a way to find where a spec path was written. */
import type { Finding, LocatedFinding, SpecPath } from "./finding";

/** Line and column (1-based) where a spec path was written, and the file when it is not the root (an included team file). */
export type PositionOf = (segments: SpecPath) => { line: number; col: number; file?: string };

/** Each finding with its location; without a position function every finding points at the file's start. */
export function locateFindings(findings: readonly Finding[], file: string, positionOf?: PositionOf): LocatedFinding[] {
  return findings.map((f) => {
    const pos = positionOf ? positionOf(f.segments) : { line: 1, col: 1 };
    return { ...f, location: { file: pos.file ?? file, line: pos.line, col: pos.col } };
  });
}
