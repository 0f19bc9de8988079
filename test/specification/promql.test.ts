/** PromQL syntax checks: one parse per query shape, and the same answers as parsing every query. */
import { promqlSyntaxError } from "../../specification/promql";

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
});
