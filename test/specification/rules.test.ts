/**
 * Value rules as tables: one small spec per row, a value put into one place, and the diagnostic
 * it must (or must not) produce there.
 */
import { loadSpec } from "../../specification/loadModels";
import { editDistance, didYouMean } from "../../specification/diagnostics";

/** A valid spec whose lines 6, 8, 14 and 16 hold the value under test (line numbers are asserted below). */
function specWith(value: { check?: string; objective?: string; timezone?: string; handoff?: string; severity?: string }): string {
  return [
    "apiVersion: readiness/v1", // 1
    "system: { name: shop }", // 2
    "environments:", // 3
    "  prod: { backends: [grafana], paging: true }", // 4
    "oncall:", // 5
    `  timezone: ${value.timezone ?? "Europe/Berlin"}`, // 6
    "  people: [{ id: ana, name: Ana, email: ana@shop.test }]", // 7
    `  schedules: [{ id: main, rotation: weekly, handoff: ${value.handoff ?? "monday 09:00"}, members: [ana] }]`, // 8
    "services:", // 9
    "  - id: api", // 10
    "    name: API", // 11
    "    tier: standard", // 12
    "    checks:", // 13
    `      - { id: health, http: https://shop.test/health, every: ${value.check ?? "1m"}, severity: ${value.severity ?? "page"} }`, // 14
    "    slos:", // 15
    `      - { id: fast, objective: ${value.objective ?? "99"}, sli: { latency: { threshold: 800ms, prometheus: http_request_duration_seconds } } }`, // 16
    "",
  ].join("\n");
}

/** The diagnostics of one spec as `code path line`, or [] when it loads. */
function problems(text: string): string[] {
  const r = loadSpec(text, "spec.yaml");
  return r.ok ? [] : r.diagnostics.map((d) => `${d.code} ${d.path} ${d.line}`);
}

describe("the table's base spec", () => {
  it("is valid, so every failure below comes from the value under test", () => {
    expect(problems(specWith({}))).toEqual([]);
  });
});

describe("durations", () => {
  it.each(["90s", "15m", "1h30m", "30d", "1w", "2h"])("%s is a duration", (d) => {
    expect(problems(specWith({ check: d }))).toEqual([]);
  });
  it.each(["30x", "1.5h", '""', "15 m", "m15", "-5m", "1500ms"])("%s is not a duration and is reported at the value", (d) => {
    expect(problems(specWith({ check: d }))).toEqual(["InvalidDuration services[0].checks[0].every 14"]);
  });
});

describe("objectives", () => {
  it.each(["99.9", "50", "0.5", "99.999"])("%s percent is an objective", (o) => {
    expect(problems(specWith({ objective: o }))).toEqual([]);
  });
  it.each([
    ["0", "InvalidValue"],
    ["100", "InvalidValue"],
    ["-1", "InvalidValue"],
    ["101", "InvalidValue"],
    ['"99.9"', "InvalidType"],
    ["ninety", "InvalidType"],
  ])("%s is not an objective (%s)", (o, code) => {
    expect(problems(specWith({ objective: o }))).toEqual([`${code} services[0].slos[0].objective 16`]);
  });
});

describe("time zones", () => {
  it.each(["America/New_York", "Europe/Berlin", "Asia/Kolkata", "UTC"])("%s is an IANA time zone", (tz) => {
    expect(problems(specWith({ timezone: tz }))).toEqual([]);
  });
  it.each(["Mars/Olympus", "CEST", "GMT+25", '""', "Europe/Berlinn"])("%s is not an IANA time zone", (tz) => {
    expect(problems(specWith({ timezone: tz }))).toEqual(["InvalidTimeZone oncall.timezone 6"]);
  });
});

describe("severities", () => {
  it.each(["page", "ticket", "info"])("%s is a severity", (s) => {
    expect(problems(specWith({ severity: s }))).toEqual([]);
  });
  it.each(["critical", "warning", "Page", "PAGE", '""'])("%s is not a severity", (s) => {
    expect(problems(specWith({ severity: s }))).toEqual(["InvalidValue services[0].checks[0].severity 14"]);
  });
});

describe("handoffs of a weekly rotation", () => {
  it.each(["monday 09:00", "friday 18:30", "sunday 00:00", "Monday 09:00"])("%s is a handoff", (h) => {
    expect(problems(specWith({ handoff: h }))).toEqual([]);
  });
  it.each(["monday 9am", "monday 9:00", "09:00", "monday", "funday 09:00", "monday 24:00", "monday 09:60"])("%s is not a handoff", (h) => {
    expect(problems(specWith({ handoff: `"${h}"` }))).toEqual(["InvalidValue oncall.schedules[0].handoff 8"]);
  });
});

describe("the top of the file", () => {
  it.each([
    ["an empty file", "", "EmptySpec"],
    ["a file of blank lines", "\n\n  \n", "EmptySpec"],
    ["a bare null", "null\n", "EmptySpec"],
    ["a scalar", "readiness\n", "NotAMapping"],
    ["a list", "- a\n- b\n", "NotAMapping"],
    ["a number as apiVersion", "apiVersion: 1\n", "UnknownApiVersion"],
  ])("%s gets its own message", (_what, text, code) => {
    const r = loadSpec(text, "spec.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(r.diagnostics[0].line).toBeGreaterThanOrEqual(1);
  });

  it("a YAML syntax error is reported once, not once per token the parser could not read after it", () => {
    const r = loadSpec("apiVersion: readiness/v1\nsystem: { name: [shop }\nservices:\n  - { id: api, name: API, tier: standard }\n", "spec.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "YamlSyntax", line: 2 });
  });

  it("a key written twice in one mapping is a YAML error at the second one", () => {
    const r = loadSpec("apiVersion: readiness/v1\nsystem: { name: shop }\nsystem: { name: shop2 }\n", "spec.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}`)).toEqual(["YamlSyntax 3"]);
  });
});

describe("did-you-mean hints", () => {
  it.each([
    ["bne", ["ana", "ben"], "ben"],
    ["objectiv", ["objective", "window"], "objective"],
    ["tikcet", ["page", "ticket", "info"], "ticket"],
    ["zzzzzz", ["page", "ticket", "info"], undefined],
    ["zed", ["ana", "ben"], undefined],
    ["pgae", ["page", "ticket", "info"], "page"],
    ["dashbords", ["dashboards", "services"], "dashboards"],
  ])("%s suggests %p from %p", (word, candidates, want) => {
    expect(didYouMean(word, candidates)).toBe(want);
  });
  it("counts swapping two neighbouring letters as one typo", () => {
    expect(editDistance("ben", "bne")).toBe(1);
    expect(editDistance("primary", "primray")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});
