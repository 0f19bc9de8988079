/**
 * PromQL read with Prometheus's own Lezer grammar, for comparing with what a server holds:
 * the selectors a query reads, a canonical form that ignores how Prometheus re-prints a rule
 * (spacing, matcher order, `1w` for `7d`), and recording rules inlined so that an alert can be
 * evaluated over a past in which its recordings did not exist.
 */
import type { parser as LezerParser } from "@prometheus-io/lezer-promql" with { "resolution-mode": "import" };
import type { SyntaxNode } from "@lezer/common" with { "resolution-mode": "import" };
import { parseDurationMs } from "../specification/duration";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parser } = require("@prometheus-io/lezer-promql") as { parser: typeof LezerParser };

/** One label matcher of a selector. */
export interface Matcher {
  name: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
}

/** A vector selector as written in a query. */
export interface Selector {
  /** The metric name; empty for `{__name__=~"..."}`-style selectors. */
  metric: string;
  matchers: Matcher[];
  /** The selector's text, offsets into the query. */
  from: number;
  to: number;
  /** True inside a range (`x[5m]`): its samples are read over a window, not as an instant. */
  inRange: boolean;
}

/** A string literal's value (double, single or back quotes). */
function unquote(text: string): string {
  if (text.startsWith("`")) return text.slice(1, -1);
  if (text.startsWith("'")) text = `"${text.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`;
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1);
  }
}

function matchersOf(node: SyntaxNode, query: string): Matcher[] {
  const out: Matcher[] = [];
  const list = node.getChild("LabelMatchers");
  for (let m = list?.firstChild ?? null; m; m = m.nextSibling) {
    const name = m.getChild("LabelName") ?? m.getChild("QuotedLabelName");
    const op = m.getChild("MatchOp");
    const value = m.getChild("StringLiteral");
    if (!name || !op || !value) continue;
    const nameText = query.slice(name.from, name.to);
    out.push({ name: nameText.startsWith('"') ? unquote(nameText) : nameText, op: query.slice(op.from, op.to) as Matcher["op"], value: unquote(query.slice(value.from, value.to)) });
  }
  return out;
}

/** Every vector selector of a query, in order; empty when it does not parse. */
export function selectorsOf(query: string): Selector[] {
  const tree = parser.parse(query);
  const out: Selector[] = [];
  let broken = false;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) broken = true;
      if (n.name !== "VectorSelector") return true;
      const node = n.node;
      const id = node.getChild("Identifier");
      out.push({ metric: id ? query.slice(id.from, id.to) : "", matchers: matchersOf(node, query), from: n.from, to: n.to, inRange: node.parent?.name === "MatrixSelector" });
      return false;
    },
  });
  return broken ? [] : out;
}

/** The selector as one `match[]` argument for `/api/v1/series` (`{__name__="x", a="b"}`). */
export function seriesMatch(s: Pick<Selector, "metric" | "matchers">): string {
  const all = [...(s.metric ? [{ name: "__name__", op: "=", value: s.metric }] : []), ...s.matchers];
  return `{${all.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(", ")}}`;
}

/** True when a series with these labels matches every matcher (a missing label is the empty string, as in Prometheus). */
export function matchesLabels(matchers: readonly Matcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => {
    const v = labels[m.name] ?? "";
    switch (m.op) {
      case "=":
        return v === m.value;
      case "!=":
        return v !== m.value;
      case "=~":
        return new RegExp(`^(?:${m.value})$`).test(v);
      case "!~":
        return !new RegExp(`^(?:${m.value})$`).test(v);
    }
  });
}

function canonicalNode(node: SyntaxNode, query: string): string {
  switch (node.name) {
    case "StringLiteral":
      return JSON.stringify(unquote(query.slice(node.from, node.to)));
    case "NumberDurationLiteral":
    case "NumberDurationLiteralInDurationContext":
    case "NumberLiteral":
    case "Duration": {
      const text = query.slice(node.from, node.to);
      if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return String(Number(text));
      const ms = parseDurationMs(text);
      return ms === undefined ? text : `${ms}ms`;
    }
    case "LabelMatchers": {
      const parts: string[] = [];
      for (let c = node.firstChild; c; c = c.nextSibling) parts.push(canonicalNode(c, query));
      return `{${parts.sort().join(",")}}`;
    }
  }
  const children: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) children.push(c);
  if (children.length === 0) return query.slice(node.from, node.to);
  // `sum(x) by (a)` and `sum by (a) (x)` are one expression; Prometheus prints the second.
  if (node.name === "AggregateExpr") {
    const modifier = children.find((c) => c.name === "AggregateModifier");
    const body = children.find((c) => c.name === "FunctionCallBody");
    const op = children.find((c) => c.name === "AggregateOp");
    if (op && body) return `${canonicalNode(op, query)}${modifier ? canonicalNode(modifier, query) : ""}${canonicalNode(body, query)}`;
  }
  let out = "";
  let at = node.from;
  for (const c of children) {
    out += query.slice(at, c.from).replace(/\s+/g, "");
    out += canonicalNode(c, query);
    at = c.to;
  }
  return out + query.slice(at, node.to).replace(/\s+/g, "");
}

/** A form of a query that two spellings of the same expression share (whitespace, matcher order, number and duration spelling). */
export function canonicalPromql(query: string): string {
  const tree = parser.parse(query);
  const top = tree.topNode;
  return canonicalNode(top, query);
}

/** A recording rule as the inliner needs it. */
export interface Recording {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

/**
 * The query with every instant selector of a recorded series replaced by the recording's own
 * expression (recursively, recordings reading recordings), so it can be evaluated at times when
 * the recording did not exist. A selector over a range (`rate(rec[5m])`) cannot be inlined and
 * stays; `inlined` says how many were replaced, `left` lists recorded names left in place.
 */
export function inlineRecordings(query: string, recordings: readonly Recording[]): { expr: string; inlined: number; left: string[] } {
  const byName = new Map<string, Recording[]>();
  for (const r of recordings) byName.set(r.record, [...(byName.get(r.record) ?? []), r]);
  let expr = query;
  let inlined = 0;
  for (let depth = 0; depth < 8; depth++) {
    const edits: { from: number; to: number; text: string }[] = [];
    for (const s of selectorsOf(expr)) {
      if (s.inRange) continue;
      const rule = byName.get(s.metric)?.find((r) => matchesLabels(s.matchers, r.labels ?? {}));
      if (rule) edits.push({ from: s.from, to: s.to, text: `(${rule.expr})` });
    }
    if (edits.length === 0) break;
    inlined += edits.length;
    for (const e of edits.sort((a, b) => b.from - a.from)) expr = `${expr.slice(0, e.from)}${e.text}${expr.slice(e.to)}`;
  }
  const left = [...new Set(selectorsOf(expr).filter((s) => byName.has(s.metric)).map((s) => s.metric))];
  return { expr, inlined, left };
}
