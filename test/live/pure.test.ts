/** The live layer's pure parts: episodes from a range result, PromQL compared as Prometheus re-prints it, recordings inlined. */
import { atNight, episodes, flaps, firingSeconds, stepFor } from "../../live/episodes";
import { canonicalPromql, inlineRecordings, selectorsOf, seriesMatch } from "../../live/promqlTree";
import { groupDifferences } from "../../live/liveAudit";
import { authorizationFrom, prometheusBase, PrometheusError } from "../../live/prometheusClient";

const series = (times: number[], labels: Record<string, string> = {}) => ({ metric: labels, values: times.map((t) => [t, 1] as [number, number]) });
const run = (from: number, to: number, step = 60) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

describe("episodes", () => {
  test("a stretch fires once it has held for `for`, and resolves at the first evaluation without a sample", () => {
    // Active 0..600 (11 evaluations), then 1200..1260.
    const s = series([...run(0, 600), ...run(1200, 1260)]);
    expect(episodes([s], 60, 0, 10_000)).toEqual([
      { labels: {}, start: 0, end: 660, open: false },
      { labels: {}, start: 1200, end: 1320, open: false },
    ]);
    // With for: 5m the short stretch never fires and the long one fires 5m in.
    expect(episodes([s], 60, 300, 10_000)).toEqual([{ labels: {}, start: 300, end: 660, open: false }]);
  });

  test("an alert still firing at the end of the range is open and its time is cut at the end", () => {
    const [e] = episodes([series(run(0, 600))], 60, 0, 600);
    expect(e).toMatchObject({ start: 0, end: 600, open: true });
  });

  test("each label set is its own alert; flaps count re-fires within 15m of resolving", () => {
    const a = series([...run(0, 60), ...run(600, 660), ...run(1200, 1260)], { pod: "a" });
    const b = series(run(0, 60), { pod: "b" });
    const eps = episodes([a, b], 60, 0, 10_000);
    expect(eps).toHaveLength(4);
    expect(flaps(eps)).toBe(2);
    expect(firingSeconds(eps)).toBe(4 * 120);
  });

  test("night is 22:00 to 07:00 in the on-call time zone", () => {
    const at = (iso: string) => ({ labels: {}, start: Date.parse(iso) / 1000, end: 0, open: false });
    const eps = [at("2026-03-02T21:59:00Z"), at("2026-03-02T22:00:00Z"), at("2026-03-03T06:59:00Z"), at("2026-03-03T07:00:00Z")];
    expect(atNight(eps, "UTC")).toBe(2);
    // In New York (UTC-5) those are 16:59, 17:00, 01:59 and 02:00: the last two are night.
    expect(atNight(eps.slice(0, 2), "America/New_York")).toBe(0);
    expect(atNight(eps.slice(2), "America/New_York")).toBe(2);
  });

  test("the step keeps a range under Prometheus's 11,000 points", () => {
    expect(stepFor(7 * 86400, 60)).toBe(60);
    expect(stepFor(7 * 86400, 15)).toBe(55);
  });
});

describe("PromQL as Prometheus re-prints it", () => {
  test("spacing, matcher order, aggregation modifier position, number and duration spelling do not matter", () => {
    expect(canonicalPromql('sum(rate(x{b="c", code=~"5.."}[7d])) by (a) > 0.10')).toBe(canonicalPromql('sum by (a) (rate(x{code=~"5..",b="c"}[1w])) > 0.1'));
    expect(canonicalPromql("rate(x[90s])")).toBe(canonicalPromql("rate(x[1m30s])"));
  });

  test("a different threshold, label value or operator does", () => {
    expect(canonicalPromql('x{a="b"} > 1')).not.toBe(canonicalPromql('x{a="c"} > 1'));
    expect(canonicalPromql("x > 1")).not.toBe(canonicalPromql("x > 2"));
    expect(canonicalPromql("x > 1")).not.toBe(canonicalPromql("x >= 1"));
  });

  test("selectors and their series match", () => {
    const [s] = selectorsOf('sum(rate(http_requests_total{code=~"5..", job="api"}[5m]))');
    expect(s).toMatchObject({ metric: "http_requests_total", inRange: true });
    expect(seriesMatch(s)).toBe('{__name__="http_requests_total", code=~"5..", job="api"}');
  });

  test("recordings are inlined recursively where their labels match, and left where read over a range", () => {
    const recordings = [
      { record: "slo:ratio", expr: "sum(rate(err[5m])) / sum(rate(all[5m]))", labels: { slo: "a" } },
      { record: "slo:sli", expr: 'slo:ratio{slo="a"} * 2', labels: { slo: "a" } },
    ];
    expect(inlineRecordings('slo:sli{slo="a"} > 1', recordings)).toEqual({ expr: "((sum(rate(err[5m])) / sum(rate(all[5m]))) * 2) > 1", inlined: 2, left: [] });
    expect(inlineRecordings('slo:sli{slo="b"} > 1', recordings).inlined).toBe(0);
    expect(inlineRecordings('max_over_time(slo:ratio{slo="a"}[1h])', recordings).left).toEqual(["slo:ratio"]);
  });
});

test("drift names the rule and what differs; Prometheus's own spelling of the same rule is not drift", () => {
  const rendered = { name: "shop-slos", service: "shop", rules: [{ alert: "A", expr: 'x{b="1", a="2"} > 0.5', for: "5m", labels: { severity: "page" }, annotations: { summary: "s" } }] };
  const same = { name: "shop-slos", file: "f", interval: 60, rules: [{ type: "alerting" as const, name: "A", query: 'x{a="2",b="1"} > 0.5', duration: 300, labels: { severity: "page" }, annotations: { summary: "s" }, health: "ok" as const }] };
  expect(groupDifferences(rendered, same)).toEqual([]);
  const edited = { ...same, rules: [{ ...same.rules[0], query: 'x{a="2",b="1"} > 0.9', duration: 60 }, { ...same.rules[0], name: "Extra" }] };
  expect(groupDifferences(rendered, edited)).toEqual(["A: expr, for differ", "not in the spec: Extra"]);
  expect(groupDifferences(rendered, { ...same, rules: [] })).toEqual(["not loaded: A"]);
});

describe("credentials", () => {
  test("bearer or basic from the environment; both, or half of basic, is an error", () => {
    expect(authorizationFrom({ READINESS_PROMETHEUS_BEARER_TOKEN: "t" })).toBe("Bearer t");
    expect(authorizationFrom({ READINESS_PROMETHEUS_USERNAME: "u", READINESS_PROMETHEUS_PASSWORD: "p" })).toBe(`Basic ${Buffer.from("u:p").toString("base64")}`);
    expect(authorizationFrom({})).toBeUndefined();
    expect(() => authorizationFrom({ READINESS_PROMETHEUS_USERNAME: "u" })).toThrow(PrometheusError);
    expect(() => authorizationFrom({ READINESS_PROMETHEUS_BEARER_TOKEN: "t", READINESS_PROMETHEUS_USERNAME: "u" })).toThrow("not both");
    expect(() => authorizationFrom({ READINESS_PROMETHEUS_PASSWORD_FILE: "/nonexistent/pw", READINESS_PROMETHEUS_USERNAME: "u" })).toThrow("READINESS_PROMETHEUS_PASSWORD_FILE: cannot read /nonexistent/pw (ENOENT)");
  });

  test("the URL is checked and never carries credentials", () => {
    expect(prometheusBase("http://prom:9090/prometheus/")).toBe("http://prom:9090/prometheus");
    expect(() => prometheusBase("prom:9090")).toThrow(PrometheusError);
    expect(() => prometheusBase("https://u:p@prom")).toThrow("credentials in the URL");
  });
});
