import { errorRatioExpr, leSpellings, summed, totalExpr } from "../../slos/sli";
import type { Sli } from "../../specification/model";
import { dur } from "../support/model";

const errorsTotal: Sli = {
  kind: "ratio",
  errors: { prometheus: 'sum(rate(http_requests_total{code=~"5.."}[{{window}}]))' },
  total: { prometheus: "sum(rate(http_requests_total[{{window}}]))" },
};
const goodTotal: Sli = {
  kind: "ratio",
  good: { prometheus: 'rate(jobs_total{result="ok"}[{{window}}])' },
  total: { prometheus: "rate(jobs_total[{{window}}])" },
};
const latency = (ms: number): Sli => ({
  kind: "latency",
  threshold: { ...dur("1s"), ms },
  prometheus: 'http_request_duration_seconds{service="billing-api"}',
});

describe("SLI to PromQL", () => {
  it.each([
    ["errors/total over 5m", errorsTotal, "5m", '(sum(rate(http_requests_total{code=~"5.."}[5m])) or vector(0)) / (sum(rate(http_requests_total[5m])) > 0)'],
    ["errors/total over 3d", errorsTotal, "3d", '(sum(rate(http_requests_total{code=~"5.."}[3d])) or vector(0)) / (sum(rate(http_requests_total[3d])) > 0)'],
    ["good/total over 1h (queries without sum are summed)", goodTotal, "1h", '1 - ((sum(rate(jobs_total{result="ok"}[1h])) or vector(0)) / (sum(rate(jobs_total[1h])) > 0))'],
    ["good/total over 6h", goodTotal, "6h", '1 - ((sum(rate(jobs_total{result="ok"}[6h])) or vector(0)) / (sum(rate(jobs_total[6h])) > 0))'],
    [
      "latency 800ms over 5m",
      latency(800),
      "5m",
      '1 - (sum(rate(http_request_duration_seconds_bucket{service="billing-api", le="0.8"}[5m])) / (sum(rate(http_request_duration_seconds_count{service="billing-api"}[5m])) > 0))',
    ],
    [
      "latency 2s over 30m matches le=\"2\" and le=\"2.0\"",
      latency(2000),
      "30m",
      '1 - (sum(rate(http_request_duration_seconds_bucket{service="billing-api", le=~"2|2\\\\.0"}[30m])) / (sum(rate(http_request_duration_seconds_count{service="billing-api"}[30m])) > 0))',
    ],
  ])("the error ratio of %s is exact PromQL", (_name, sli, window, expected) => {
    expect(errorRatioExpr(sli, dur(window))).toBe(expected);
  });

  it.each([
    ["a ratio SLI without a Prometheus total", { kind: "ratio", errors: { datadog: "a" }, total: { datadog: "b" } } as Sli],
    ["a latency SLI with only a Datadog metric", { kind: "latency", threshold: { ...dur("1s"), ms: 1000 }, datadog: "trace.http.request{*}" } as Sli],
  ])("%s has no Prometheus error ratio", (_name, sli) => {
    expect(errorRatioExpr(sli, dur("5m"))).toBeUndefined();
  });

  it.each([
    [0.8, ["0.8"]],
    [2, ["2", "2.0"]],
    [0.25, ["0.25"]],
  ])("a %ss bound is matched as %j", (s, spellings) => {
    expect(leSpellings(s)).toEqual(spellings);
  });

  it("the total of a latency SLI counts every request of the histogram", () => {
    expect(totalExpr(latency(800), dur("5m"))).toBe('sum(rate(http_request_duration_seconds_count{service="billing-api"}[5m]))');
  });

  it.each([
    ["sum(rate(a[5m]))", "sum(rate(a[5m]))"],
    ["sum(rate(a[5m])) / sum(rate(b[5m]))", "sum(sum(rate(a[5m])) / sum(rate(b[5m])))"],
    ["sum by (code) (rate(a[5m]))", "sum(sum by (code) (rate(a[5m])))"],
  ])("%s becomes one series as %s", (q, expected) => {
    expect(summed(q)).toBe(expected);
  });
});
