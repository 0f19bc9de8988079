/** PromQL syntax checks in-process, with Prometheus's own Lezer grammar. */
import type { parser as LezerParser } from "@prometheus-io/lezer-promql" with { "resolution-mode": "import" };

// The package ships CommonJS too, but its type declarations are ESM-only, so require it explicitly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parser } = require("@prometheus-io/lezer-promql") as { parser: typeof LezerParser };

/**
 * Returns undefined when the query parses, else the offset and a short reason. `{{window}}` and
 * `${...}` placeholders are replaced by stand-ins of the same kind before parsing.
 */
export function promqlSyntaxError(query: string): { offset: number; message: string } | undefined {
  const text = query.replace(/\{\{\s*window\s*\}\}/g, "5m").replace(/\$\{[^}]*\}/g, "x");
  if (text.trim() === "") return { offset: 0, message: "the query is empty" };
  const shape = shapeOf(text);
  if (shape !== undefined && VALID_SHAPES.has(shape)) return undefined;
  const error = parseError(text);
  if (error === undefined && shape !== undefined && VALID_SHAPES.size < 10_000) VALID_SHAPES.add(shape);
  return error;
}

/**
 * Queries known to parse, with every double-quoted string emptied. A thousand services' queries
 * differ mostly in label values (`service="svc-0042"`), and whether a query parses does not depend
 * on what its strings hold: the grammar's StringLiteral is `"` (anything but `\`, newline or `"`,
 * or `\` and any character)* `"`, which the pattern below matches exactly. So one parse per shape.
 */
const VALID_SHAPES = new Set<string>();
const DOUBLE_QUOTED = /"(?:[^"\\\n]|\\[\s\S])*"/g;

/** The query with its strings emptied; undefined when another quote or a comment could change how it splits into tokens. */
function shapeOf(text: string): string | undefined {
  const shape = text.replace(DOUBLE_QUOTED, '""');
  return /['`#"]/.test(shape.replace(/""/g, "")) ? undefined : shape;
}

function parseError(text: string): { offset: number; message: string } | undefined {
  const tree = parser.parse(text);
  let offset: number | undefined;
  tree.iterate({
    enter: (n) => {
      if (offset === undefined && n.type.isError) offset = n.from;
      return offset === undefined;
    },
  });
  if (offset === undefined) return undefined;
  const near = text.slice(Math.max(0, offset - 12), offset + 12);
  return { offset, message: offset >= text.length ? "the query ends too early (an unclosed bracket or a missing operand?)" : `syntax error near "${near}"` };
}

/** Nodes an `offset` modifier attaches to; the outermost of them is shifted as a whole. */
const SHIFTABLE = new Set(["VectorSelector", "MatrixSelector", "SubqueryExpr"]);

/**
 * The query evaluated `offset` earlier: ` offset <offset>` after every outermost selector and
 * subquery, since PromQL has no offset for a whole expression. Undefined when the query already
 * has an `offset` or `@` modifier (two offsets do not parse) or does not parse.
 */
export function withOffset(query: string, offset: string): string | undefined {
  if (promqlSyntaxError(query)) return undefined;
  const ends: number[] = [];
  let pinned = false;
  parser.parse(query).iterate({
    enter: (n) => {
      if (n.name === "OffsetExpr" || n.name === "StepInvariantExpr") pinned = true;
      if (!SHIFTABLE.has(n.name)) return true;
      ends.push(n.to);
      return false;
    },
  });
  if (pinned || ends.length === 0) return undefined;
  let out = query;
  for (const end of ends.sort((a, b) => b - a)) out = `${out.slice(0, end)} offset ${offset}${out.slice(end)}`;
  return out;
}
