/** PromQL syntax checks in-process, with Prometheus's own Lezer grammar. */
import type { parser as LezerParser } from "@prometheus-io/lezer-promql" with { "resolution-mode": "import" };

// The package ships CommonJS too, but its type declarations are ESM-only, so require it explicitly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parser } = require("@prometheus-io/lezer-promql") as { parser: typeof LezerParser };
import { checkPromqlTree } from "./promqlCheck";

/**
 * Returns undefined when Prometheus's parser would accept the query, else the offset and a short
 * reason: the Lezer grammar first, then Prometheus's type and modifier rules (./promqlCheck).
 * `{{window}}` and `${...}` placeholders are replaced by stand-ins of the same kind before parsing.
 */
export function promqlSyntaxError(query: string): { offset: number; message: string } | undefined {
  const text = withStandIns(query);
  if (text.trim() === "") return { offset: 0, message: "the query is empty" };
  const shape = shapeOf(text);
  if (shape !== undefined && VALID_SHAPES.has(shape)) return undefined;
  const error = parseError(text);
  if (error === undefined && shape !== undefined && VALID_SHAPES.size < 10_000) VALID_SHAPES.add(shape);
  return error;
}

/** The query with `{{window}}` as 5m and every `${...}` as x: what promqlSyntaxError parses. */
export function withStandIns(query: string): string {
  return query.replace(/\{\{\s*window\s*\}\}/g, "5m").replace(/\$\{[^}]*\}/g, "x");
}

/**
 * Queries known to be valid, by shape. A thousand services' queries differ mostly in label values
 * (`service="svc-0042"`), and validity depends on a string only through its escapes, whether it is
 * empty (a selector needs one matcher that does not match ""), and, after =~ or !~, the regular
 * expression it holds. So a shape keeps regexes and strings with a backslash verbatim, and writes
 * every other string as "" or "s". The grammar's StringLiteral is `"` (anything but `\`, newline or
 * `"`, or `\` and any character)* `"`, which DOUBLE_QUOTED matches exactly: one parse per shape.
 */
const VALID_SHAPES = new Set<string>();
const DOUBLE_QUOTED = /(=~\s*|!~\s*)?"((?:[^"\\\n]|\\[\s\S])*)"/g;

/** The query with its inert strings reduced; undefined when another quote or a comment could change how it splits into tokens. */
function shapeOf(text: string): string | undefined {
  const shape = text.replace(DOUBLE_QUOTED, (whole, regexOp: string | undefined, body: string) => (regexOp !== undefined || body.includes("\\") ? whole : body === "" ? '""' : '"s"'));
  return /['`#]/.test(shape.replace(DOUBLE_QUOTED, "")) ? undefined : shape;
}

function parseError(text: string): { offset: number; message: string } | undefined {
  const tree = parser.parse(lezerFriendly(text));
  let offset: number | undefined;
  tree.iterate({
    enter: (n) => {
      if (offset === undefined && n.type.isError) offset = n.from;
      return offset === undefined;
    },
  });
  if (offset === undefined) return checkPromqlTree(tree, text);
  const near = text.slice(Math.max(0, offset - 12), offset + 12);
  return { offset, message: offset >= text.length ? "the query ends too early (an unclosed bracket or a missing operand?)" : `syntax error near "${near}"` };
}

/**
 * The query with `5.` written `5 ` outside strings: Go's lexer reads a number with a trailing dot,
 * Lezer's grammar does not. Same length, so offsets still point into the query.
 */
function lezerFriendly(text: string): string {
  if (!/\d\./.test(text)) return text;
  return text.replace(/("(?:[^"\\\n]|\\[\s\S])*"?|'(?:[^'\\\n]|\\[\s\S])*'?|`[^`]*`?|#[^\n]*)|(?<![\w.])(\d+)\.(?![\w.])/g, (whole, quoted: string | undefined, digits: string) => (quoted !== undefined ? whole : `${digits} `));
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

/** Nodes a query may hold and still be empty exactly when its one selector matches nothing. */
const RATE_OF_ONE_SELECTOR = new Set([
  "PromQL", "ParenExpr", "AggregateExpr", "AggregateOp", "Sum", "Avg", "Min", "Max", "Count", "AggregateModifier", "By", "Without", "GroupingLabels", "LabelName", "QuotedLabelName",
  "FunctionCallBody", "FunctionCall", "FunctionIdentifier", "Rate", "Increase", "Irate",
  "MatrixSelector", "VectorSelector", "Identifier", "LabelMatchers", "UnquotedLabelMatcher", "QuotedLabelMatcher", "MatchOp", "EqlSingle", "Neq", "EqlRegex", "NeqRegex", "StringLiteral",
  "DurationExpr", "NumberDurationLiteralInDurationContext", "NumberDurationLiteral",
]);

/**
 * The series selector of a query that only rates and aggregates one selector
 * (`sum(rate(x{a="b"}[5m]))` -> `x{a="b"}`), else undefined. Such a query is empty exactly when
 * the selector matches nothing, so `absent(selector)` asks the same question as `absent(query)`
 * but as an instant: it holds from the first evaluation after a target's staleness markers,
 * where a rate over a range keeps its pre-stale samples for the whole window.
 */
export function soleRatedSelector(query: string): string | undefined {
  const text = withStandIns(query);
  if (promqlSyntaxError(text)) return undefined;
  let selector: { from: number; to: number } | undefined;
  let selectors = 0;
  let plain = true;
  parser.parse(text).iterate({
    enter: (n) => {
      if (!RATE_OF_ONE_SELECTOR.has(n.name)) plain = false;
      if (n.name === "VectorSelector") {
        selectors++;
        selector = { from: n.from, to: n.to };
      }
      return plain;
    },
  });
  if (!plain || selectors !== 1 || !selector) return undefined;
  const sel = text.slice(selector.from, selector.to);
  // A placeholder inside the selector would have been replaced: keep only selectors read verbatim.
  return query.includes(sel) ? sel : undefined;
}
