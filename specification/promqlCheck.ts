/**
 * PromQL type and modifier rules on the Lezer tree, as Prometheus's parser applies them after its
 * grammar (promql/parser/parse.go checkAST, the actions of generated_parser.y, lex.go). The Lezer
 * grammar is permissive (any expression before `[5m]` or `offset`, any escape in a string, the
 * experimental syntax of the newest release), so every rule Go's parser enforces is re-checked here.
 *
 * Target: what every Prometheus from 2.42 (Debian's promtool, which the tests run) to 3.x accepts by
 * default. Syntax newer than 2.42 (bare-number ranges, `offset 0`, quoted UTF-8 names, `(?<name>)`,
 * duration arithmetic) is refused with a hint; the function table is Prometheus 3's stable one.
 *
 * Not @prometheus-io/codemirror-promql's linter (evaluated at 0.314.0): it runs only inside a
 * CodeMirror EditorState (five @codemirror peer packages), and it checks neither that a range or
 * an `offset` follows a selector, nor zero ranges, string escapes or regexes (parser/parser.ts).
 */
import type { SyntaxNode, Tree } from "@lezer/common" with { "resolution-mode": "import" };
import { checkRe2 } from "./re2";
import { PROMQL_FUNCTIONS, type PromqlType } from "./promqlFunctions";

/** Where a query breaks a rule of Prometheus's parser, and which rule. */
export interface PromqlProblem {
  offset: number;
  message: string;
}

class Refusal extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** A node of the Lezer tree, copied so that modifiers can be re-attached where Go's grammar puts them. */
interface Ast {
  name: string;
  from: number;
  to: number;
  kids: Ast[];
}

const POSTFIX = new Set(["OffsetExpr", "StepInvariantExpr", "MatrixSelector", "SubqueryExpr", "AnchoredExpr", "SmoothedExpr"]);

/**
 * The tree as Go's grammar builds it. Lezer's grammar lets `offset`, `@`, `[range]` and `[range:step]`
 * apply to a whole binary or unary expression (`a + b offset 5m` is `(a + b) offset 5m`); Go's yacc
 * grammar gives them the highest precedence (OFFSET, LEFT_BRACKET, and a shift for AT), so they
 * attach to the rightmost operand: `a + (b offset 5m)`.
 */
function copyTree(n: SyntaxNode): Ast {
  const kids: Ast[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) kids.push(copyTree(c));
  const node = { name: n.name, from: n.from, to: n.to, kids };
  return POSTFIX.has(node.name) ? pushDown(node) : node;
}

function pushDown(postfix: Ast): Ast {
  const inner = postfix.kids[0];
  if (inner.name !== "BinaryExpr" && inner.name !== "UnaryExpr") return postfix;
  const operand = inner.kids[inner.kids.length - 1];
  const moved = pushDown({ ...postfix, from: operand.from, kids: [operand, ...postfix.kids.slice(1)] });
  return { ...inner, to: postfix.to, kids: [...inner.kids.slice(0, -1), moved] };
}

/** The first rule of Prometheus's parser the parsed query breaks, or undefined. */
export function checkPromqlTree(tree: Tree, text: string): PromqlProblem | undefined {
  const top = tree.topNode.firstChild;
  if (!top) return { offset: 0, message: "the query is empty" };
  try {
    new Checker(text).check(copyTree(top));
    return undefined;
  } catch (e) {
    if (e instanceof Refusal) return { offset: e.offset, message: e.message };
    throw e;
  }
}

const COMPARISONS = new Set(["Eql", "Neq", "Gtr", "Lss", "Gte", "Lte"]);
const SET_OPERATORS = new Set(["And", "Or", "Unless"]);
const ARITHMETIC = new Set(["Add", "Sub", "Mul", "Div", "Mod", "Pow", "Atan2"]);
const WITH_PARAM: Record<string, PromqlType> = { Topk: "scalar", Bottomk: "scalar", Quantile: "scalar", CountValues: "string" };
// Selectors and subqueries are the only things `offset` and `@` attach to (parse.go addOffset, getAtModifierVars).
const MODIFIABLE = new Set(["VectorSelector", "MatrixSelector", "SubqueryExpr"]);
// model.ParseDuration's units, in the only order it accepts.
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
// strconv.ParseInt(s, 0, 64) or ParseFloat(s, 64) on what lex.go scans as a NUMBER.
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[iI][nN][fF]|[nN][aA][nN])$/;
const EXPERIMENTAL = "is experimental in Prometheus 3 (behind a feature flag) and unknown to earlier releases";

const child = (n: Ast | undefined, name: string): Ast | undefined => n?.kids.find((k) => k.name === name);
const first = (n: Ast): Ast | undefined => n.kids[0];
const last = (n: Ast): Ast | undefined => n.kids[n.kids.length - 1];

class Checker {
  constructor(private readonly text: string) {}

  private src(n: Ast): string {
    return this.text.slice(n.from, n.to);
  }

  private refuse(n: Ast | number, message: string): never {
    throw new Refusal(typeof n === "number" ? n : n.from, message);
  }

  /** The type of an expression node, after checking it and everything under it. */
  check(n: Ast): PromqlType {
    switch (n.name) {
      case "ParenExpr":
        return this.check(first(n)!);
      case "NumberDurationLiteral":
        this.number(n);
        return "scalar";
      case "StringLiteral":
        this.string(n);
        return "string";
      case "VectorSelector":
        this.vectorSelector(n);
        return "instant vector";
      case "MatrixSelector":
        return this.matrixSelector(n);
      case "SubqueryExpr":
        return this.subquery(n);
      case "OffsetExpr":
      case "StepInvariantExpr":
        return this.modified(n);
      case "UnaryExpr":
        return this.unary(n, this.check(last(n)!));
      case "BinaryExpr":
        return this.binary(n);
      case "AggregateExpr":
        this.aggregate(n);
        return "instant vector";
      case "FunctionCall":
        return this.call(n);
      case "AnchoredExpr":
      case "SmoothedExpr":
        return this.refuse(last(n)!, `the ${n.name === "AnchoredExpr" ? "anchored" : "smoothed"} modifier ${EXPERIMENTAL}`);
      default:
        return this.refuse(n, `unexpected ${n.name} "${this.src(n)}"`);
    }
  }

  private unary(n: Ast, t: PromqlType): PromqlType {
    if (t !== "scalar" && t !== "instant vector") this.refuse(n, `unary expression only allowed on expressions of type scalar or instant vector, got "${t}"`);
    return t;
  }

  /** lex.go scanNumber: a number or duration must not run into a letter, digit or underscore (`1and`). */
  private separated(n: Ast): void {
    if (/[A-Za-z0-9_]/.test(this.text[n.to] ?? "")) this.refuse(n, `bad number or duration syntax: "${this.src(n)}${this.text.slice(n.to).match(/^\w+/)![0]}" (put a space after the number)`);
  }

  private number(n: Ast): void {
    this.separated(n);
    const text = this.src(n).replace(/^[-+]\s*/, "");
    if (DURATION.test(text) && !/^\d+$/.test(text)) this.refuse(n, `"${text}" is a duration, not a number: durations go in [ranges] and after offset; write seconds as a number (e.g. ${durationSeconds(text)})`);
    if (!NUMBER.test(text)) this.refuse(n, `bad number syntax: "${text}"`);
    if (!/^0x|inf|nan/i.test(text) && !Number.isFinite(Number(text))) this.refuse(n, `number out of range: "${text}"`);
  }

  /** A string literal's value, after the checks lex.go's lexString/lexEscape apply. */
  private string(n: Ast): string {
    const { value, error } = unquote(this.src(n));
    if (error !== undefined) this.refuse(n, error);
    return value!;
  }

  private vectorSelector(n: Ast): void {
    const name = child(n, "Identifier");
    const matchers = child(n, "LabelMatchers");
    // `atan2` is an operator keyword Go's grammar does not take as a metric name; Lezer's does.
    if (name && this.src(name).toLowerCase() === "atan2") this.refuse(name, "unexpected operator atan2 (atan2 is a binary operator: x atan2 y)");
    let nonEmpty = name !== undefined;
    for (const m of matchers ? matchers.kids : []) {
      if (m.name !== "UnquotedLabelMatcher") this.refuse(m, `quoted label names ("${this.src(m)}") need Prometheus 3; write label="value" with a plain label name`);
      const label = this.src(child(m, "LabelName")!);
      const op = first(child(m, "MatchOp")!)!.name;
      const valueNode = child(m, "StringLiteral")!;
      const value = this.string(valueNode);
      if (name && label === "__name__") this.refuse(n, `metric name must not be set twice: "${this.src(name)}" or "${value}"`);
      let matchesEmpty: boolean;
      if (op === "EqlRegex" || op === "NeqRegex") {
        const re = checkRe2(value);
        if (re.error !== undefined) this.refuse(valueNode, `invalid regular expression ${JSON.stringify(value)} for label ${label}: ${re.error} (Prometheus uses Go's RE2 syntax: no lookarounds or backreferences)`);
        matchesEmpty = op === "EqlRegex" ? re.matchesEmpty : !re.matchesEmpty;
      } else matchesEmpty = op === "EqlSingle" ? value === "" : value !== "";
      nonEmpty ||= !matchesEmpty;
    }
    if (!nonEmpty) this.refuse(n, "vector selector must contain at least one non-empty matcher");
  }

  /** A range or subquery duration: one literal with a unit, greater than zero (parse.go parseDuration). */
  private duration(n: Ast, what: string): void {
    const lit = first(n);
    if (n.name !== "DurationExpr" || !lit || n.kids.length !== 1 || lit.name !== "NumberDurationLiteralInDurationContext")
      this.refuse(n, `${what} must be a duration such as 5m (duration arithmetic ${EXPERIMENTAL})`);
    this.durationLiteral(lit, what);
  }

  private durationLiteral(lit: Ast, what: string): void {
    this.separated(lit);
    const text = this.src(lit);
    if (/^\d+(\.\d+)?$/.test(text)) this.refuse(lit, `missing unit character in duration "${text}" of ${what}${/^\d+$/.test(text) ? `: write e.g. ${text}s` : ""}`);
    const m = DURATION.exec(text);
    if (!m) this.refuse(lit, `bad duration syntax "${text}" in ${what}`);
    if (m.slice(1).every((d) => d === undefined || Number(d) === 0)) this.refuse(lit, `${what} must be greater than 0, got "${text}"`);
  }

  private matrixSelector(n: Ast): PromqlType {
    const [inner, range] = n.kids;
    this.duration(range, "the range");
    if (inner.name !== "VectorSelector") {
      const why = inner.name === "OffsetExpr" ? "no offset modifiers allowed before range" : inner.name === "StepInvariantExpr" ? "no @ modifiers allowed before range" : `ranges only allowed for vector selectors, not "${this.src(inner)}" (over an expression, use a subquery: ${this.src(inner)}[${this.src(range)}:1m])`;
      this.refuse(range.from - 1, why);
    }
    this.vectorSelector(inner);
    return "range vector";
  }

  private subquery(n: Ast): PromqlType {
    const [inner, range, step] = n.kids;
    this.duration(range, "the subquery range");
    if (step) this.duration(step, "the subquery step");
    const t = this.check(inner);
    if (t !== "instant vector") this.refuse(n, `subquery is only allowed on instant vector, got ${t} instead`);
    return "range vector";
  }

  /** A chain of `offset` and `@` modifiers over a selector or subquery. */
  private modified(n: Ast): PromqlType {
    let base = n;
    let offsets = 0;
    let ats = 0;
    const modifiers: Ast[] = [];
    while (base.name === "OffsetExpr" || base.name === "StepInvariantExpr") {
      modifiers.push(base);
      if (base.name === "OffsetExpr") {
        offsets++;
        this.offsetDuration(last(base)!);
      } else {
        ats++;
        this.atTimestamp(base);
      }
      base = first(base)!;
    }
    if (!MODIFIABLE.has(base.name)) {
      const which = modifiers[modifiers.length - 1].name === "OffsetExpr" ? "offset" : "@";
      const at = child(modifiers[modifiers.length - 1], which === "offset" ? "Offset" : "At")!;
      this.refuse(at, `${which} modifier must be preceded by an instant vector selector or range vector selector or a subquery, not "${this.src(base)}"${base.name === "FunctionCall" || base.name === "AggregateExpr" ? ` (put it on the selector inside, e.g. rate(x[5m] ${which === "offset" ? "offset 1d" : "@ 1700000000"}))` : ""}`);
    }
    if (offsets > 1) this.refuse(n, "offset may not be set multiple times");
    if (ats > 1) this.refuse(n, "@ <timestamp> may not be set multiple times");
    return this.check(base);
  }

  private offsetDuration(d: Ast): void {
    // 2.42's grammar: `offset <duration>` or `offset -<duration>`, nothing else.
    let parts = d.kids;
    if (parts.length === 2 && parts[0].name === "UnaryOp" && this.src(parts[0]) === "-" && parts[1].name === "OffsetDurationExpr") parts = parts[1].kids;
    const lit = parts[0];
    if (parts.length !== 1 || lit.name !== "NumberDurationLiteralInDurationContext") this.refuse(d, `offset must be a duration such as 5m or -5m (duration arithmetic ${EXPERIMENTAL})`);
    this.durationLiteral(lit, "the offset");
  }

  private atTimestamp(n: Ast): void {
    const ts = child(n, "NumberDurationLiteral");
    if (!ts) return; // start() or end()
    const text = this.src(ts).replace(/\s+/g, "");
    this.number(ts);
    // Number() reads Inf and NaN as NaN, refused below as Go refuses them.
    const value = /^[-+]?0x/i.test(text) ? (text.startsWith("-") ? -1 : 1) * parseInt(text.replace(/^[-+]?0x/i, ""), 16) : Number(text);
    // parse.go setTimestamp: Inf, NaN and anything outside int64 are refused.
    if (!Number.isFinite(value) || value >= 9223372036854775807 || value <= -9223372036854775808) this.refuse(ts, `timestamp out of bounds for @ modifier: ${text}`);
  }

  private groupingLabels(n: Ast | undefined): string[] {
    if (!n) return [];
    return n.kids.map((l) => {
      if (l.name !== "LabelName") this.refuse(l, `quoted label names (${this.src(l)}) need Prometheus 3; write the label name without quotes`);
      return this.src(l);
    });
  }

  private binary(n: Ast): PromqlType {
    const kids = n.kids;
    const lhs = kids[0];
    const rhs = kids[kids.length - 1];
    const opNode = kids[1];
    const op = opNode.name;
    const opText = this.src(opNode).toLowerCase();
    if (!COMPARISONS.has(op) && !SET_OPERATORS.has(op) && !ARITHMETIC.has(op)) this.refuse(opNode, `the "${opText}" operator ${EXPERIMENTAL}`);
    const fill = child(n, "FillModifier");
    if (fill) this.refuse(fill, `fill modifiers ${EXPERIMENTAL}`);
    const lt = this.check(lhs);
    const rt = this.check(rhs);
    const returnBool = child(n, "BoolModifier") !== undefined;
    const matching = child(n, "MatchingModifierClause");
    const on = child(matching, "On") !== undefined;
    const groups = matching?.kids.filter((k) => k.name === "GroupingLabels") ?? [];
    const matchingLabels = this.groupingLabels(groups[0]);
    const include = this.groupingLabels(groups[1]);
    const grouped = child(matching, "GroupLeft") ?? child(matching, "GroupRight");
    const comparison = COMPARISONS.has(op);
    const setOp = SET_OPERATORS.has(op);
    if (returnBool && !comparison) this.refuse(opNode, `bool modifier can only be used on comparison operators, not "${opText}"`);
    if (comparison && !returnBool && lt === "scalar" && rt === "scalar") this.refuse(opNode, `comparisons between scalars must use BOOL modifier (write "${opText} bool")`);
    if (on) for (const l of matchingLabels) if (include.includes(l)) this.refuse(opNode, `label "${l}" must not occur in ON and GROUP clause at once`);
    if (lt !== "scalar" && lt !== "instant vector") this.refuse(lhs, `binary expression must contain only scalar and instant vector types, got ${lt} on the left of "${opText}"`);
    if (rt !== "scalar" && rt !== "instant vector") this.refuse(rhs, `binary expression must contain only scalar and instant vector types, got ${rt} on the right of "${opText}"`);
    if (lt !== "instant vector" || rt !== "instant vector") {
      if (matchingLabels.length > 0) this.refuse(matching!, "vector matching only allowed between instant vectors");
    } else if (setOp && grouped) this.refuse(grouped, `no grouping allowed for "${opText}" operation`);
    if ((lt === "scalar" || rt === "scalar") && setOp) this.refuse(opNode, `set operator "${opText}" not allowed in binary scalar expression`);
    return lt === "scalar" && rt === "scalar" ? "scalar" : "instant vector";
  }

  private aggregate(n: Ast): void {
    const opNode = first(child(n, "AggregateOp")!)!;
    const opText = this.src(opNode);
    if (opNode.name === "LimitK" || opNode.name === "LimitRatio") this.refuse(opNode, `the ${opText} aggregation ${EXPERIMENTAL}`);
    this.groupingLabels(child(child(n, "AggregateModifier"), "GroupingLabels"));
    const args = child(n, "FunctionCallBody")!.kids;
    if (args.length === 0) this.refuse(n, `no arguments for aggregate expression "${opText}" provided`);
    const paramType = WITH_PARAM[opNode.name];
    const want = paramType ? 2 : 1;
    if (args.length !== want) this.refuse(n, `wrong number of arguments for aggregate expression "${opText}" provided, expected ${want}, got ${args.length}${paramType ? ` (it takes a ${paramType} parameter, then the vector: ${opText}(${paramType === "string" ? '"label"' : "5"}, x))` : ""}`);
    const t = this.check(args[want - 1]);
    const swapped = paramType && t === paramType && this.check(args[0]) === "instant vector" ? ` (the ${paramType} parameter comes first: ${opText}(${this.src(args[1])}, ${this.src(args[0])}))` : "";
    if (t !== "instant vector") this.refuse(args[want - 1], `expected type instant vector in aggregation expression "${opText}", got ${t}${swapped}`);
    if (paramType) {
      const pt = this.check(args[0]);
      if (pt !== paramType) this.refuse(args[0], `expected type ${paramType} in aggregation parameter of "${opText}", got ${pt}`);
    }
  }

  private call(n: Ast): PromqlType {
    const name = this.src(child(n, "FunctionIdentifier")!);
    const f = PROMQL_FUNCTIONS.get(name);
    if (!f) this.refuse(n, `function "${name}" ${EXPERIMENTAL}`);
    const args = child(n, "FunctionCallBody")!.kids;
    const nargs = f.args.length;
    if (f.variadic === 0) {
      if (args.length !== nargs) this.refuse(n, `expected ${nargs} argument(s) in call to "${name}", got ${args.length}`);
    } else if (nargs - 1 > args.length) this.refuse(n, `expected at least ${nargs - 1} argument(s) in call to "${name}", got ${args.length}`);
    else if (f.variadic > 0 && nargs - 1 + f.variadic < args.length) this.refuse(n, `expected at most ${nargs - 1 + f.variadic} argument(s) in call to "${name}", got ${args.length}`);
    args.forEach((arg, i) => {
      const want = f.args[Math.min(i, nargs - 1)];
      const t = this.check(arg);
      if (t !== want) this.refuse(arg, `expected type ${want} in call to function "${name}", got ${t}${want === "range vector" && t === "instant vector" ? ` (${arg.name === "VectorSelector" ? `add a range, e.g. ${name}(${this.src(arg)}[5m])` : `over an expression, use a subquery, e.g. ${name}((${this.src(arg)})[5m:1m])`})` : ""}`);
    });
    return f.returns;
  }
}

/** Seconds in a duration literal, for hints. */
function durationSeconds(text: string): number {
  const m = DURATION.exec(text)!;
  const unit = [31536000, 604800, 86400, 3600, 60, 1, 0.001];
  return m.slice(1).reduce((sum, d, i) => sum + (d === undefined ? 0 : Number(d) * unit[i]), 0);
}

/**
 * A PromQL string literal's value, or why Prometheus's lexer refuses it: in '…' and "…" only Go's
 * escapes (\a \b \f \n \r \t \v \\, the string's own quote, octal \ooo, \xhh, \uhhhh, \Uhhhhhhhh).
 */
export function unquote(raw: string): { value?: string; error?: string } {
  const quote = raw[0];
  if (raw.length < 2 || raw[raw.length - 1] !== quote) return { error: "unterminated quoted string" };
  const body = raw.slice(1, -1);
  if (quote === "`") return { value: body };
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
    if (e in simple) out += simple[e];
    else if (e === quote) out += quote;
    else {
      const spec = e >= "0" && e <= "7" ? { len: 3, base: 8, max: 255, from: i } : e === "x" ? { len: 2, base: 16, max: 255, from: i + 1 } : e === "u" ? { len: 4, base: 16, max: 0x10ffff, from: i + 1 } : e === "U" ? { len: 8, base: 16, max: 0x10ffff, from: i + 1 } : undefined;
      if (!spec) return { error: `unknown escape sequence "\\${e ?? ""}" in string ${raw}${e && /[dDsSwWbB.+*?()[\]{}|^$]/.test(e) ? ` (a regular expression's \\${e} is written \\\\${e} inside a PromQL string)` : ""}` };
      const digits = body.slice(spec.from, spec.from + spec.len);
      const valid = spec.base === 8 ? /^[0-7]+$/ : /^[0-9A-Fa-f]+$/;
      if (digits.length < spec.len || !valid.test(digits)) return { error: `invalid escape sequence "\\${body.slice(i, spec.from + spec.len)}" in string ${raw}` };
      const cp = parseInt(digits, spec.base);
      if (cp > spec.max || (cp >= 0xd800 && cp < 0xe000)) return { error: `escape sequence "\\${body.slice(i, spec.from + spec.len)}" is an invalid Unicode code point` };
      out += spec.base === 8 || e === "x" ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      i = spec.from + spec.len - 1;
    }
  }
  return { value: out };
}
