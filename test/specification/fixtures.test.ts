/**
 * The fixture corpora. Each file in fixtures/invalid targets one rule and says what it expects in
 * its leading comments:
 *
 *   # rule: <the sentence this test is named after>
 *   # expect: <Code> <path, or - for the whole file> line <N> [message~ "<text>"]... [hint~ "<text>"]...
 *
 * One `expect` line per diagnostic; the loader must report exactly those, no more. The quoted texts
 * are JSON strings that the message (or hint) must contain.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadModels } from "../../specification/loadModels";
import type { Diagnostic } from "../../specification/diagnostics";
import type { Model } from "../../specification/model";

const FIXTURES = path.join(__dirname, "..", "..", "fixtures");

interface Expectation {
  code: string;
  path: string;
  line: number;
  message: string[];
  hint: string[];
}

interface InvalidFixture {
  file: string;
  rule: string;
  expect: Expectation[];
}

const EXPECT_RE = /^# expect: (\w+) (\S+) line (\d+)((?: (?:message|hint)~ "(?:[^"\\]|\\.)*")*)\s*$/;
const MATCH_RE = / (message|hint)~ ("(?:[^"\\]|\\.)*")/g;

function parseFixture(file: string): InvalidFixture {
  const text = readFileSync(path.join(FIXTURES, "invalid", file), "utf8");
  const header = text.split("\n").filter((l) => l.startsWith("# rule:") || l.startsWith("# expect:"));
  const rule = header.find((l) => l.startsWith("# rule:"))?.slice("# rule:".length).trim();
  if (!rule) throw new Error(`${file}: no "# rule:" line`);
  const expect = header
    .filter((l) => l.startsWith("# expect:"))
    .map((l): Expectation => {
      const m = EXPECT_RE.exec(l);
      if (!m) throw new Error(`${file}: cannot read expectation ${JSON.stringify(l)}`);
      const e: Expectation = { code: m[1], path: m[2] === "-" ? "" : m[2], line: Number(m[3]), message: [], hint: [] };
      for (const [, kind, quoted] of m[4].matchAll(MATCH_RE)) e[kind as "message" | "hint"].push(JSON.parse(quoted) as string);
      return e;
    });
  if (!expect.length) throw new Error(`${file}: no "# expect:" line`);
  return { file, rule, expect };
}

const yamlFiles = (dir: string) => readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith(".yaml")).sort();
const invalid = yamlFiles("invalid").map(parseFixture);

function load(dir: string, file: string) {
  return loadModels(readFileSync(path.join(FIXTURES, dir, file), "utf8"), file);
}

function matches(d: Diagnostic, e: Expectation): boolean {
  return (
    d.code === e.code &&
    d.path === e.path &&
    d.line === e.line &&
    e.message.every((t) => d.message.includes(t)) &&
    e.hint.every((t) => (d.hint ?? "").includes(t))
  );
}

describe("invalid fixtures", () => {
  it("cover every diagnostic code a spec can trigger", () => {
    const codes = new Set(invalid.flatMap((f) => f.expect.map((e) => e.code)));
    const required = [
      "YamlSyntax", "EmptySpec", "NotAMapping", "UnknownApiVersion", "UnknownKey", "MissingKey", "InvalidType", "InvalidValue",
      "InvalidDuration", "InvalidTimeZone", "InvalidPromQL", "DuplicateId", "UnknownReference", "UndefinedVariable",
      "MissingWindowPlaceholder", "EmptyEscalationLevel", "ReservedId", "NoProbe",
    ];
    expect(required.filter((c) => !codes.has(c))).toEqual([]);
  });

  describe.each(invalid)("$file", ({ file, rule, expect: expected }) => {
    it(rule, () => {
      const r = load("invalid", file);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      // Each expectation is met by a diagnostic, and nothing else is reported.
      const unmet = expected.filter((e) => !r.diagnostics.some((d) => matches(d, e)));
      expect({ unmet, got: r.diagnostics }).toEqual({ unmet: [], got: expect.any(Array) });
      expect(r.diagnostics).toHaveLength(expected.length);
      for (const d of r.diagnostics) {
        expect(d.file).toBe(file);
        expect(d.severity).toBe("error");
        expect(d.col).toBeGreaterThanOrEqual(1);
      }
    });
  });
});

describe("duplicate ids", () => {
  const kinds = ["service", "SLO", "alert", "check", "heartbeat", "person", "schedule", "escalation", "sign-off"];
  it.each(kinds)("a duplicate %s id has its own fixture", (kind) => {
    const messages = invalid.flatMap((f) => f.expect.filter((e) => e.code === "DuplicateId").flatMap((e) => e.message));
    expect(messages.some((m) => m.startsWith(`duplicate ${kind} id `))).toBe(true);
  });
});

/** Valid fixtures: what each one exercises, checked on its Models. */
const VALID: Record<string, (models: Record<string, Model>) => void> = {
  "example.yaml": (m) => {
    expect(Object.keys(m)).toEqual(["staging", "prod"]);
    expect(m.prod.services.map((s) => s.id)).toEqual(["billing-api", "charge-run", "webhooks"]);
    expect(m.staging.services.find((s) => s.id === "billing-api")?.checks.find((c) => c.id === "health")?.url).toBe("https://api.staging.acme.test/health");
  },
  "minimal.yaml": (m) => {
    expect(Object.keys(m)).toEqual(["prod"]);
    expect(m.prod.services).toHaveLength(1);
    expect(m.prod.oncall.people).toEqual([]);
    expect(m.prod.routing.page.targets).toEqual([]);
  },
  "latency-only.yaml": (m) => {
    const slo = m.prod.services[0].slos[0];
    expect(slo.sli.kind).toBe("latency");
    if (slo.sli.kind === "latency") expect(slo.sli.threshold.ms).toBe(300);
    expect(slo.sli.kind === "latency" && slo.sli.datadog).toBe("search.request.duration{env:prod}");
    expect(slo.errorBudget).toBeCloseTo(0.05, 12);
  },
  "custom-windows.yaml": (m) => {
    const alerts = m.prod.services[0].slos[0].alerts;
    expect(alerts.map((a) => [a.id, a.severity, a.windowLabel, a.factor, a.for.text])).toEqual([
      ["fast", "page", "30m/2m", 20, "1m"],
      ["ticket-1h30m-10m", "ticket", "1h30m/10m", 4, "0s"],
    ]);
    expect(m.staging.services[0].slos[0].alerts.map((a) => a.severity)).toEqual(["ticket", "ticket"]);
    expect(m.prod.services[0].slos[0].window.text).toBe("28d");
  },
  "coverage-hours.yaml": (m) => {
    const [nights, office] = m.prod.oncall.schedules;
    expect(office.coverage).toEqual({ days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 17, minute: 30 } });
    expect(nights.coverage).toEqual({ days: [0, 6], from: { hour: 0, minute: 0 }, to: { hour: 24, minute: 0 } });
    expect(nights.timezone).toBe("America/New_York");
    expect(office.timezone).toBe("Europe/Berlin");
    expect(nights.handoff).toMatchObject({ weekday: 5, hour: 18, minute: 0 });
  },
  "seven-day-window.yaml": (m) => {
    const slo = m.prod.services[0].slos[0];
    expect(slo.window.seconds).toBe(7 * 86400);
    // The default table scaled to 7d: a 1h/5m pair becomes 14m/1m, its short window raised to four
    // scrapes: 2m at prod's 30s, 4m at staging's default 1m.
    expect(slo.alerts.map((a) => a.windowLabel)).toEqual(["14m/2m", "1h24m/7m", "5h36m/28m", "16h48m/1h24m"]);
    expect(m.staging.services[0].slos[0].alerts[0].windowLabel).toBe("14m/4m");
    expect(m.prod.scrapeInterval.seconds).toBe(30);
    expect(m.staging.scrapeInterval.seconds).toBe(60);
    expect(m.prod.services[0].checks[0].every.seconds).toBe(90);
    expect(m.prod.services[0].heartbeats[0].grace.text).toBe("1h30m");
    expect(m.prod.services[0].runbookUrl).toBe("https://runbooks.shop.test/exports.md");
  },
  "routing-overrides.yaml": (m) => {
    const billing = m.prod.services.find((s) => s.id === "billing")!;
    expect(billing.routing?.ticket?.targets).toEqual([{ kind: "slack", channel: "#billing-team" }]);
    expect(billing.routing?.info).toMatchObject({ urgency: "high", targets: [{ kind: "escalation", escalation: "primary" }] });
    expect(billing.alerts.find((a) => a.id === "refund-spike")?.route?.targets).toEqual([{ kind: "email", address: "finance@acme.test" }]);
    expect(billing.alerts.find((a) => a.id === "fraud-spike")?.route).toMatchObject({ severity: "page", urgency: "low" });
    // Paging off: the page becomes a ticket with its route, and no route stays high urgency.
    const staging = m.staging.services.find((s) => s.id === "billing")!;
    expect(staging.alerts.find((a) => a.id === "fraud-spike")?.route?.severity).toBe("ticket");
    expect(staging.routing?.info?.urgency).toBe("low");
    expect(m.prod.services.find((s) => s.id === "search")?.routing).toBeUndefined();
  },
  "time-aware.yaml": (m) => {
    expect(m.prod.oncall.businessHours).toEqual({ timezone: "Europe/Berlin", days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 18, minute: 0 } });
    const [spike, quiet] = m.prod.services[0].alerts;
    expect(quiet.businessHoursOnly).toBe(true);
    expect(spike.businessHoursOnly).toBe(false);
    expect(spike.condition).toEqual({ op: "increase", window: expect.objectContaining({ seconds: 86400 }), percent: 50, ratio: 1.5 });
    expect(m.prod.services[0].checks[0].runbookUrl).toBe("https://runbooks.chat.test/messages-api-down.md");
    expect(m.prod.services[0].heartbeats[0].runbookUrl).toBe("https://wiki.chat.test/digest");
  },
};

describe("valid fixtures", () => {
  it("every valid fixture has its own assertions", () => {
    expect(yamlFiles("valid")).toEqual(Object.keys(VALID).sort());
  });
  it.each(Object.keys(VALID))("%s loads without problems and resolves every environment", (file) => {
    const r = load("valid", file);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.path} ${d.message}`).join("\n"));
    expect(r.warnings).toEqual([]);
    expect(Object.keys(r.models)).toEqual(r.environments);
    VALID[file](r.models);
  });
});
