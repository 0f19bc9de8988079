/** PromQL checks: one parse per query shape, the same answers as parsing every query, located messages. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatDiagnostic, loadModels } from "../../specification/loadModels";
import { promqlSyntaxError, soleRatedSelector } from "../../specification/promql";

describe("promqlSyntaxError", () => {
  it("accepts queries that differ only in label values, and still rejects a broken one of the same family", () => {
    for (let i = 0; i < 50; i++) expect(promqlSyntaxError(`sum(rate(http_requests_total{service="svc-${i}",code=~"5.."}[5m]))`)).toBeUndefined();
    expect(promqlSyntaxError('sum(rate(http_requests_total{service="svc-1",code=~"5.."}[5m])')).toEqual({ offset: 62, message: "the query ends too early (an unclosed bracket or a missing operand?)" });
    expect(promqlSyntaxError('sum(rate(http_requests_total{service="svc-1" code=~"5.."}[5m]))')?.message).toMatch(/syntax error near/);
  });

  it("does not let a valid query vouch for one whose quotes split it differently", () => {
    expect(promqlSyntaxError('up{job="a"}')).toBeUndefined();
    // An unterminated string swallows the rest: not the shape of `up{job=""}`.
    expect(promqlSyntaxError('up{job="a}')).toBeDefined();
    expect(promqlSyntaxError("up{job='a'}")).toBeUndefined();
    expect(promqlSyntaxError("up{job='a} # '")).toBeDefined();
    // A string holding an escaped quote is one string.
    expect(promqlSyntaxError('up{job="a\\"b"}')).toBeUndefined();
  });

  it("does not let a valid query vouch for one whose strings make it invalid", () => {
    // Same shape once strings are emptied; validity differs by regex, escape or emptiness.
    expect(promqlSyntaxError('x{code=~"5.."}')).toBeUndefined();
    expect(promqlSyntaxError('x{code=~"5(?=0).."}')?.message).toMatch(/invalid regular expression/);
    expect(promqlSyntaxError('x{code="500"}')).toBeUndefined();
    expect(promqlSyntaxError('x{code="5\\d"}')?.message).toMatch(/unknown escape sequence/);
    expect(promqlSyntaxError('{job="api"}')).toBeUndefined();
    expect(promqlSyntaxError('{job=""}')?.message).toBe("vector selector must contain at least one non-empty matcher");
  });
});

/** The alert fixture with its query replaced; the query sits on line 41, column 23. */
function validateAlertQuery(query: string): string[] {
  const text = readFileSync(path.join(__dirname, "..", "..", "fixtures", "invalid", "invalid-promql-alert.yaml"), "utf8").replace("prometheus: sum(rate(errors_total[5m])", `prometheus: ${JSON.stringify(query)}`);
  const r = loadModels(text, "readiness.yaml");
  return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
}

describe("validate refuses PromQL that Prometheus's parser refuses, at the query", () => {
  const at = "readiness.yaml:41:23 services[0].alerts[0].query.prometheus: PromQL does not parse:";
  it.each([
    ["a range on an aggregation", "rate(sum(x)[5m])", 'ranges only allowed for vector selectors, not "sum(x)" (over an expression, use a subquery: sum(x)[5m:1m])'],
    ["rate without a range", "rate(x)", 'expected type range vector in call to function "rate", got instant vector (add a range, e.g. rate(x[5m]))'],
    ["topk's arguments swapped", "topk(rate(x[5m]), 5)", 'expected type instant vector in aggregation expression "topk", got scalar (the scalar parameter comes first: topk(5, rate(x[5m])))'],
    ["offset on a function call", "rate(x[5m]) offset 1d", 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery, not "rate(x[5m])" (put it on the selector inside, e.g. rate(x[5m] offset 1d))'],
    ["label_replace with four arguments", 'label_replace(x, "dst", "$1", "src")', 'expected 5 argument(s) in call to "label_replace", got 4'],
    ["a string compared with a number", 'x > "5"', 'binary expression must contain only scalar and instant vector types, got string on the right of ">"'],
    ["a zero range", "rate(x[0s])", 'the range must be greater than 0, got "0s"'],
    ["a lookahead, which Go's RE2 does not have", 'x{code=~"5(?!00).."}', 'invalid regular expression "5(?!00).." for label code: invalid or unsupported Perl syntax: `(?!` (Prometheus uses Go\'s RE2 syntax: no lookarounds or backreferences)'],
    ["a backreference", 'x{a=~"(.)\\\\1"}', 'invalid regular expression "(.)\\\\1" for label a: invalid escape sequence: `\\1` (Prometheus uses Go\'s RE2 syntax: no lookarounds or backreferences)'],
    ["a regex escape Go's string lexer refuses", 'x{code=~"5\\d\\d"}', 'unknown escape sequence "\\d" in string "5\\d\\d" (a regular expression\'s \\d is written \\\\d inside a PromQL string)'],
    ["a comparison of two scalars without bool", "1 > 0", 'comparisons between scalars must use BOOL modifier (write "> bool")'],
    ["a set operator with a scalar", "x and 1", 'set operator "and" not allowed in binary scalar expression'],
    ["a selector that matches everything", '{job=~".*"}', "vector selector must contain at least one non-empty matcher"],
    ["rate over an expression", "rate(sum(x))", 'expected type range vector in call to function "rate", got instant vector (over an expression, use a subquery, e.g. rate((sum(x))[5m:1m]))'],
    ["a duration where a number goes", "x > 5m", '"5m" is a duration, not a number: durations go in [ranges] and after offset; write seconds as a number (e.g. 300)'],
  ])("%s: %s", (_what, query, message) => {
    expect(validateAlertQuery(query)).toEqual([`${at} ${message}`]);
  });

  it("accepts what Prometheus accepts, modifiers binding as Go's grammar binds them", () => {
    for (const q of ["x + y offset 5m", "-x offset 5m", 'x{a=~"(?i)err(or)?\\\\z"}', "sum by (le) (rate(x_bucket[5m] @ end()))", "topk(5, x) and on(job) y", "1 > bool 0"]) expect(validateAlertQuery(q)).toEqual([]);
  });
});

describe("soleRatedSelector (what an SLO's absence alert reads as an instant)", () => {
  it("finds the one selector a total query rates and aggregates", () => {
    expect(soleRatedSelector('sum(rate(http_requests_total{job="a", code=~"5.."}[{{window}}]))')).toBe('http_requests_total{job="a", code=~"5.."}');
    expect(soleRatedSelector("sum by (route) (increase(orders_total[5m]))")).toBe("orders_total");
  });

  it("declines queries whose emptiness is not that selector's: two selectors, `or`, offsets, placeholders in the selector", () => {
    for (const q of ["sum(rate(a[5m])) + sum(rate(b[5m]))", "sum(rate(a[5m])) or vector(0)", "sum(rate(a[5m] offset 1h))", "topk(3, rate(a[5m]))", 'sum(rate(a{job="${job}"}[5m]))', "sum(rate(a[5m]"]) {
      expect(soleRatedSelector(q)).toBeUndefined();
    }
  });
});
