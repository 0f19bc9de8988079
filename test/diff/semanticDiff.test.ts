import type { Model } from "../../specification/model";
import { semanticDiff } from "../../diff/semanticDiff";
import { environmentDiff } from "../../diff/environmentDiff";
import { diffText } from "../../diff/format/text";
import { diffMarkdown } from "../../diff/format/markdown";
import { diffJson } from "../../diff/format/json";
import type { SemanticChange } from "../../diff/semanticChange";
import { loadModels } from "../../specification/loadModels";
import { exampleModel, exampleText } from "../support/example";
import { burn, dur, makeAlert, makeCheck, makeEscalation, makeHeartbeat, makeModel, makePerson, makeSchedule, makeService, makeSlo } from "../support/model";

const FROM = "2026-03-16";

/** A change as a reviewer scans it: `~ alert api/error-rate [condition, for]`. */
function brief(c: SemanticChange): string {
  return `${c.action} ${c.kind} ${c.subject}${c.previousSubject ? ` <- ${c.previousSubject}` : ""} [${c.fields.map((f) => f.field).join(", ")}]`;
}

function field(changes: SemanticChange[], subject: string, name: string) {
  const f = changes.find((c) => c.subject === subject)?.fields.find((x) => x.field === name);
  return f && [f.before, f.after];
}

const base = makeModel();
const withService = (over: Parameters<typeof makeService>[0]): Model => makeModel({ services: [makeService({ slos: [makeSlo()], alerts: [makeAlert()], checks: [makeCheck()], ...over })] });

describe("semantic diff over pairs of models", () => {
  const cases: [string, Model, string[]][] = [
    ["an SLO objective tightened shows objective only", withService({ slos: [makeSlo({ objective: 99.95 })] }), ["changed slo api/availability [objective]"]],
    ["an SLO window changed", withService({ slos: [makeSlo({ window: dur("28d") })] }), ["changed slo api/availability [window]"]],
    ["an SLO added lists its objective and window", withService({ slos: [makeSlo(), makeSlo({ id: "latency", objective: 99 })] }), ["added slo api/latency [objective, window, sli errors (prometheus), sli total (prometheus)]"]],
    ["an SLO removed", withService({ slos: [] }), ["removed slo api/availability [objective, window, sli errors (prometheus), sli total (prometheus)]"]],
    [
      "a burn-rate alert retuned",
      withService({ slos: [makeSlo({ alerts: [burn("page-fast", "page", "1h", "5m", 10), ...makeSlo().alerts.slice(1)] })] }),
      ["changed burn-rate api/availability/page-fast [factor]"],
    ],
    ["an alert's threshold and for retuned", withService({ alerts: [makeAlert({ condition: { op: "above", threshold: 0.1 }, for: dur("10m") })] }), ["changed alert api/error-rate [condition, for]"]],
    ["an alert downgraded to ticket", withService({ alerts: [makeAlert({ severity: "ticket", declaredSeverity: "ticket" })] }), ["changed alert api/error-rate [severity, routes to, can wake, no longer woken]"]],
    ["an alert's query changed", withService({ alerts: [makeAlert({ query: { prometheus: "sum(rate(errors_total[10m]))" } })] }), ["changed alert api/error-rate [query (prometheus)]"]],
    ["an alert added", withService({ alerts: [makeAlert(), makeAlert({ id: "saturation" })] }), ["added alert api/saturation [summary, severity, condition, for, query (prometheus), no data, routes to, can wake]"]],
    ["an alert renamed through previously", withService({ alerts: [makeAlert({ id: "errors", previously: ["error-rate"] })] }), ["renamed alert api/errors <- api/error-rate []"]],
    ["a check retimed", withService({ checks: [makeCheck({ every: dur("5m"), alertAfter: 2 })] }), ["changed check api/health [every, alert after]"]],
    ["a check removed", withService({ checks: [] }), ["removed check api/health [request, every, expect, alert after, severity, routes to, can wake]"]],
    ["a heartbeat added", withService({ heartbeats: [makeHeartbeat()] }), ["added heartbeat api/nightly [summary, every, grace, metric (prometheus), severity, routes to, can wake]"]],
    [
      "an escalation's delay and repeat changed",
      makeModel({ oncall: { ...base.oncall, escalations: [makeEscalation({ repeat: 3, levels: [{ ...makeEscalation().levels[0], escalateAfter: dur("5m") }, makeEscalation().levels[1]] })] } }),
      ["changed escalation oncall [repeat, level 1]"],
    ],
    [
      "a schedule's handoff moved",
      makeModel({ oncall: { ...base.oncall, schedules: [makeSchedule({ handoff: { weekday: 1, hour: 10, minute: 0, text: "monday 10:00" } })] } }),
      ["changed schedule primary [handoff]"],
    ],
    [
      "ticket routed to an escalation at low urgency (the default) wakes nobody",
      makeModel({ routing: { ...base.routing, ticket: { severity: "ticket", targets: [{ kind: "escalation", escalation: "oncall" }] } } }),
      ["changed routing ticket [targets]"],
    ],
    [
      "ticket routed to an escalation at high urgency can now wake its people",
      makeModel({ routing: { ...base.routing, ticket: { severity: "ticket", urgency: "high", targets: [{ kind: "escalation", escalation: "oncall" }] } } }),
      ["changed routing ticket [targets, urgency, can wake, newly woken]"],
    ],
    ["the paging policy turned off", makeModel({ paging: false }), ["changed paging policy [paging, effect]", "changed routing page [urgency, can wake, no longer woken]"]],
  ];
  test.each(cases)("%s", (_name, after, expected) => {
    expect(semanticDiff(base, after, { fromDate: FROM }).map(brief)).toEqual(expected);
  });

  test("the same model gives no changes", () => {
    expect(semanticDiff(base, makeModel(), { fromDate: FROM })).toEqual([]);
  });

  test("a retuned threshold says before and after in the spec's words", () => {
    const after = withService({ alerts: [makeAlert({ condition: { op: "above", threshold: 0.1 } })] });
    expect(field(semanticDiff(base, after, { fromDate: FROM }), "api/error-rate", "condition")).toEqual(["above 0.05", "above 0.1"]);
  });

  test("adding a member to a rotation shows who can be woken and the new member in routing", () => {
    const after = makeModel({
      oncall: { ...base.oncall, people: [...base.oncall.people, makePerson("chen")], schedules: [makeSchedule({ members: ["ana", "ben", "chen"] })] },
    });
    const changes = semanticDiff(base, after, { fromDate: FROM });
    expect(changes.map(brief)).toEqual(["changed routing page [can wake, newly woken]", "changed schedule primary [members]"]);
    expect(field(changes, "page", "can wake")).toEqual(["ana, ben", "ana, ben, chen"]);
    expect(changes[1].onCall?.rows.some((r) => r.after === "chen")).toBe(true);
  });
});

describe("a change that moves where something notifies says where it went and whom it wakes", () => {
  const ticketBeat = withService({ heartbeats: [makeHeartbeat({ severity: "ticket", declaredSeverity: "ticket" })] });
  const pageBeat = withService({ heartbeats: [makeHeartbeat()] });
  const diff = (b: Model, a: Model) => environmentDiff({ base: "HEAD:readiness.yaml", before: { model: b }, after: { model: a }, fromDate: FROM });

  test("a heartbeat raised from ticket to page moves from Slack to the escalation and can now wake its people", () => {
    const changes = semanticDiff(ticketBeat, pageBeat, { fromDate: FROM });
    expect(changes.map(brief)).toEqual(["changed heartbeat api/nightly [severity, routes to, can wake, newly woken]"]);
    expect(field(changes, "api/nightly", "routes to")).toEqual(["slack:#alerts", "escalation:oncall"]);
    expect(field(changes, "api/nightly", "can wake")).toEqual(["nobody", "ana, ben"]);
    expect(field(changes, "api/nightly", "newly woken")).toEqual([undefined, "ana, ben"]);
  });

  test("a page lowered to low urgency by its own route keeps its targets and wakes nobody", () => {
    const lowRoute = { severity: "page" as const, urgency: "low" as const, targets: [{ kind: "escalation" as const, escalation: "oncall" }] };
    const before = withService({ alerts: [makeAlert({ severity: "ticket", declaredSeverity: "ticket" })] });
    const after = withService({ alerts: [makeAlert({ route: lowRoute })] });
    const changes = semanticDiff(before, after, { fromDate: FROM });
    expect(field(changes, "api/error-rate", "routes to")).toEqual(["slack:#alerts", "escalation:oncall"]);
    expect(field(changes, "api/error-rate", "can wake")).toBeUndefined(); // nobody before, nobody after
  });

  test("a burn-rate alert demoted to ticket no longer wakes anyone", () => {
    const slo = makeSlo();
    const demoted = withService({ slos: [makeSlo({ alerts: slo.alerts.map((a) => (a.id === "page-fast" ? { ...a, severity: "ticket", declaredSeverity: "ticket" } : a)) })] });
    const changes = semanticDiff(withService({}), demoted, { fromDate: FROM });
    expect(field(changes, "api/availability/page-fast", "can wake")).toEqual(["ana, ben", "nobody"]);
    expect(field(changes, "api/availability/page-fast", "no longer woken")).toEqual(["ana, ben", undefined]);
  });

  test("text, markdown and JSON all carry where it went and whom it wakes, before and after", () => {
    const d = diff(ticketBeat, pageBeat);
    const text = diffText(d);
    expect(text).toContain("routes to: slack:#alerts -> escalation:oncall");
    expect(text).toContain("can wake: nobody -> ana, ben");
    const md = diffMarkdown(d);
    expect(md).toContain("routes to: `slack:#alerts -> escalation:oncall`");
    expect(md).toContain("can wake: `nobody -> ana, ben`");
    const json = JSON.parse(diffJson(d)) as { semantic: SemanticChange[] };
    expect(json.semantic[0].fields).toEqual(
      expect.arrayContaining([
        { field: "routes to", before: "slack:#alerts", after: "escalation:oncall" },
        { field: "can wake", before: "nobody", after: "ana, ben" },
      ]),
    );
  });
});

describe("semantic diff on the example spec", () => {
  const edited = (edit: (text: string) => string, env: "staging" | "prod" = "prod"): Model => {
    const r = loadModels(edit(exampleText()), "readiness.yaml");
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    return r.models[env];
  };

  test("the example against itself is empty", () => {
    expect(semanticDiff(exampleModel("prod"), exampleModel("prod"), { fromDate: FROM })).toEqual([]);
  });

  test("tightening the API availability objective and retuning its error-rate alert are both reported", () => {
    const after = edited((t) => t.replace("objective: 99.9 ", "objective: 99.95 ").replace("for: 5m\n        above: 0.05", "for: 2m\n        above: 0.02"));
    expect(semanticDiff(exampleModel("prod"), after, { fromDate: FROM }).map(brief)).toEqual([
      "changed slo billing-api/availability [objective]",
      "changed alert billing-api/error-rate [condition, for]",
    ]);
  });

  test("staging against prod shows the paging flip and pages becoming tickets", () => {
    const changes = semanticDiff(exampleModel("prod"), exampleModel("staging"), { fromDate: FROM });
    expect(changes[0]).toMatchObject({ kind: "paging", fields: [{ field: "paging", before: "on", after: "off" }, { field: "effect" }] });
    expect(field(changes, "billing-api/error-rate", "severity")).toEqual(["page", "ticket (declared page)"]);
  });
});
