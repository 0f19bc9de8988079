/** The status rules, history folding and incident rules, as pure functions. */
import { openIncident, parseIncidentBody, newIncidentSchema, incidentPatchSchema, retainIncidents, updateIncident } from "../../statuspage/worker/incidents";
import type { Incident } from "../../statuspage/worker/incidents";
import { recordRun } from "../../statuspage/worker/results";
import type { ComponentLatest, ProbeResult } from "../../statuspage/worker/results";
import { componentStatus, dayStatus, probeStatus, uptimePercent, worstStatus } from "../../statuspage/worker/status";
import { workerConfig } from "../../statuspage/worker/config";
import type { WatchdogSource } from "../../statuspage/worker/config";
import { pagerDutyEvent, watchdogActions } from "../../statuspage/worker/watchdog";
import { etagMatches } from "../../statuspage/worker/etag";
import { checkIncident } from "../../statuspage/worker/stored";
import { parseAlertNotification } from "../../statuspage/worker/alerts";
import { component, statusPage } from "./harness";

const NOW = new Date("2025-03-10T12:00:00Z");
const api = component("api", "API", "Merchant-facing", "https://api.example.test/health", { timeout: "10s", alertAfter: 3 });

function latest(over: Partial<Omit<ComponentLatest, "last">> & { last?: Partial<ProbeResult> } = {}): ComponentLatest {
  return {
    consecutiveFailures: 0,
    recent: [true, true, true],
    ...over,
    last: { at: "2025-03-10T11:59:30Z", ok: true, statusCode: 200, latencyMs: 120, slow: false, ...over.last },
  };
}

describe("a component's status", () => {
  it.each<[string, ComponentLatest | undefined, string]>([
    ["no probe has run yet", undefined, "unknown"],
    ["the last result is older than three runs and a timeout", latest({ last: { at: "2025-03-10T11:56:00Z" } }), "unknown"],
    ["every recent probe passed quickly", latest(), "operational"],
    ["the last probe took over half its timeout", latest({ last: { latencyMs: 6000, slow: true } }), "degraded"],
    ["a recent probe failed but the last passed", latest({ recent: [true, false, true] }), "degraded"],
    ["fewer consecutive failures than alertAfter", latest({ consecutiveFailures: 2, recent: [true, false, false], last: { ok: false } }), "degraded"],
    ["alertAfter consecutive failures", latest({ consecutiveFailures: 3, recent: [false, false, false], last: { ok: false } }), "outage"],
  ])("is %s → %s", (_what, l, expected) => {
    expect(probeStatus(api, l, NOW, 60)).toBe(expected);
  });

  const incident = (over: Partial<Incident>): Incident => ({
    ...openIncident({ title: "t", status: "investigating", body: "b", components: ["api"] }, "i1", NOW),
    ...over,
  });

  it.each<[string, Incident[], string]>([
    ["an open incident naming it sets its status even when probes pass", [incident({ impact: "outage" })], "outage"],
    ["the worst of several open incidents wins", [incident({ impact: "degraded" }), incident({ id: "i2", impact: "outage" })], "outage"],
    ["a resolved incident leaves the probes' word", [incident({ status: "resolved", impact: "outage" })], "operational"],
    ["an incident naming another component leaves it alone", [incident({ components: ["webhooks"], impact: "outage" })], "operational"],
  ])("%s", (_what, incidents, expected) => {
    expect(componentStatus(api, latest(), incidents, NOW, 60)).toBe(expected);
  });

  it("is reported overall as the worst component status, outage over degraded over unknown", () => {
    expect(worstStatus(["operational", "unknown"])).toBe("unknown");
    expect(worstStatus(["unknown", "degraded", "operational"])).toBe("degraded");
    expect(worstStatus(["degraded", "outage"])).toBe("outage");
    expect(worstStatus([])).toBe("operational");
  });
});

describe("a run folded into history", () => {
  const config = workerConfig(statusPage([api], { historyDays: 3 }), "prod");
  const result = (at: string, ok: boolean, slow = false): ProbeResult => ({ at, ok, latencyMs: 10, slow, ...(ok ? { statusCode: 200 } : { error: "HTTP 500" }) });

  it("counts consecutive failures, marks outage probes once alertAfter is reached, and resets on success", () => {
    let state = { latest: {}, history: {} };
    const outcomes = [false, false, false, false, true];
    outcomes.forEach((ok, i) => {
      state = recordRun(config, state.latest, state.history, { api: result(`2025-03-10T10:0${i}:00Z`, ok) }, NOW);
    });
    const l = (state.latest as Record<string, ComponentLatest>).api;
    expect(l.consecutiveFailures).toBe(0);
    expect(l.recent).toEqual(outcomes);
    expect(state.history).toEqual({ api: [{ date: "2025-03-10", probes: 5, failures: 4, slow: 0, outage: 2 }] });
  });

  it("keeps only historyDays days and drops components no longer configured", () => {
    const old = { api: [{ date: "2025-03-07", probes: 9, failures: 0, slow: 0, outage: 0 }, { date: "2025-03-08", probes: 9, failures: 1, slow: 0, outage: 0 }], gone: [] };
    const next = recordRun(config, { gone: latest() }, old, { api: result("2025-03-10T11:00:00Z", true, true) }, NOW);
    expect(next.history.api.map((d) => [d.date, d.probes, d.slow])).toEqual([["2025-03-08", 9, 0], ["2025-03-10", 1, 1]]);
    expect(Object.keys(next.history)).toEqual(["api"]);
    expect(Object.keys(next.latest)).toEqual(["api"]);
  });

  it.each([
    [undefined, "unknown"],
    [{ date: "d", probes: 10, failures: 0, slow: 0, outage: 0 }, "operational"],
    [{ date: "d", probes: 10, failures: 0, slow: 1, outage: 0 }, "degraded"],
    [{ date: "d", probes: 10, failures: 2, slow: 0, outage: 0 }, "degraded"],
    [{ date: "d", probes: 10, failures: 5, slow: 0, outage: 3 }, "outage"],
  ])("gives a day with %j the status %s", (day, expected) => {
    expect(dayStatus(day)).toBe(expected);
  });

  it("computes uptime as the share of successful probes, to two decimals", () => {
    expect(uptimePercent([])).toBeNull();
    expect(uptimePercent([{ date: "a", probes: 1440, failures: 3, slow: 0, outage: 0 }, { date: "b", probes: 1440, failures: 0, slow: 0, outage: 0 }])).toBe(99.9);
    expect(uptimePercent([{ date: "a", probes: 3, failures: 1, slow: 0, outage: 0 }])).toBe(66.67);
  });
});

describe("incident requests", () => {
  const ids = ["api", "webhooks"];

  it.each([
    ['{"title":"x","status":"investigating","body":"b","components":["api"]}', true, ""],
    ['{"title":"  ","status":"investigating","body":"b","components":[]}', false, "title: must not be empty"],
    ['{"title":"x","status":"down","body":"b","components":[]}', false, "status: must be one of"],
    ['{"title":"x","status":"resolved","body":"b","components":["payroll"]}', false, "unknown component payroll"],
    ['{"title":"x","status":"resolved","body":"b"}', false, "components"],
    ["[1,2", false, "not valid JSON"],
  ])("accepts %s: %s", (text, ok, message) => {
    const parsed = parseIncidentBody(text, newIncidentSchema, ids);
    expect(parsed.ok).toBe(ok);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it("refuses an empty patch and accepts a partial one", () => {
    expect(parseIncidentBody("{}", incidentPatchSchema, ids)).toMatchObject({ ok: false, message: expect.stringContaining("nothing to change") });
    expect(parseIncidentBody('{"status":"monitoring"}', incidentPatchSchema, ids)).toEqual({ ok: true, value: { status: "monitoring" } });
  });

  it("records each status or text change as an update and stamps resolution once", () => {
    const opened = openIncident({ title: "Slow API", status: "investigating", body: "Looking.", components: ["webhooks", "api", "api"] }, "i1", NOW);
    expect(opened).toMatchObject({ impact: "degraded", components: ["api", "webhooks"], createdAt: NOW.toISOString() });
    const later = new Date("2025-03-10T13:00:00Z");
    const renamed = updateIncident(opened, { title: "Slow API responses" }, later);
    expect(renamed.updates).toHaveLength(1);
    const resolved = updateIncident(renamed, { status: "resolved", body: "Fixed." }, later);
    expect(resolved.updates.map((u) => u.status)).toEqual(["investigating", "resolved"]);
    expect(resolved.resolvedAt).toBe(later.toISOString());
    const reopened = updateIncident(resolved, { status: "monitoring" }, later);
    expect(reopened.resolvedAt).toBeUndefined();
  });

  it("keeps open incidents however old, and resolved ones only within the history window", () => {
    const old = openIncident({ title: "old open", status: "identified", body: "b", components: [] }, "a", new Date("2024-01-01T00:00:00Z"));
    const oldResolved = openIncident({ title: "old resolved", status: "resolved", body: "b", components: [] }, "b", new Date("2024-01-01T00:00:00Z"));
    const recent = openIncident({ title: "recent", status: "resolved", body: "b", components: [] }, "c", NOW);
    expect(retainIncidents([old, oldResolved, recent], "2025-02-01").map((i) => i.title)).toEqual(["recent", "old open"]);
  });
});

describe("the dead man's switch's decisions", () => {
  const config = { sources: ["grafana", "datadog"] as WatchdogSource[], afterSeconds: 600 };
  const at = (iso: string) => new Date(iso);
  it.each<[string, Parameters<typeof watchdogActions>[1], string, { source: string; action: string }[]]>([
    ["heard a minute ago: quiet", { grafana: { lastSeen: "2025-03-10T11:59:00Z", paged: false }, datadog: { lastSeen: "2025-03-10T11:59:00Z", paged: false } }, "2025-03-10T12:00:00Z", []],
    ["silent 10m exactly: not yet", { grafana: { lastSeen: "2025-03-10T11:50:00Z", paged: false }, datadog: { lastSeen: "2025-03-10T11:59:00Z", paged: false } }, "2025-03-10T12:00:00Z", []],
    ["silent 11m: page grafana", { grafana: { lastSeen: "2025-03-10T11:49:00Z", paged: false }, datadog: { lastSeen: "2025-03-10T11:59:00Z", paged: false } }, "2025-03-10T12:00:00Z", [{ source: "grafana", action: "trigger" }]],
    ["still silent and paged: nothing more", { grafana: { lastSeen: "2025-03-10T10:00:00Z", paged: true }, datadog: { lastSeen: "2025-03-10T11:59:00Z", paged: false } }, "2025-03-10T12:00:00Z", []],
    ["heard again after a page: resolve", { grafana: { lastSeen: "2025-03-10T11:59:30Z", paged: true }, datadog: { lastSeen: "2025-03-10T11:59:00Z", paged: false } }, "2025-03-10T12:00:00Z", [{ source: "grafana", action: "resolve" }]],
    ["never heard, armed 20m ago: page both", {}, "2025-03-10T12:00:00Z", [{ source: "grafana", action: "trigger" }, { source: "datadog", action: "trigger" }]],
  ])("%s", (_what, states, now, expected) => {
    expect(watchdogActions(config, states, "2025-03-10T11:40:00Z", at(now)).map(({ source, action }) => ({ source, action }))).toEqual(expected);
  });

  it("resolves with the dedup key it triggered with, and puts the routing key in both", () => {
    const trigger = pagerDutyEvent({ source: "grafana", action: "trigger", silentSeconds: 900 }, "KEY", "prod", "status.acme.test", 600);
    const resolve = pagerDutyEvent({ source: "grafana", action: "resolve", silentSeconds: 0 }, "KEY", "prod", "status.acme.test", 600);
    expect(resolve).toEqual({ routing_key: "KEY", event_action: "resolve", dedup_key: trigger.dedup_key });
    expect(trigger).toMatchObject({ routing_key: "KEY", event_action: "trigger", payload: { severity: "critical", summary: expect.stringContaining("No grafana watchdog for 15m") } });
  });
});

describe("If-Match", () => {
  it.each([
    ['"3"', 3, true],
    ["3", 3, true],
    ['W/"3"', 3, true],
    ["*", 9, true],
    ['"2", "3"', 3, true],
    ['"2"', 3, false],
    ["", 3, false],
  ])("%s against version %s: %s", (header, version, ok) => {
    expect(etagMatches(header, version)).toBe(ok);
  });
});

describe("stored incidents", () => {
  it("repairs an old-format incident without updates or version, and drops what cannot be shown", () => {
    const old = { id: "2025-01-01-a", title: "Old", status: "resolved", impact: "weird", body: "done", components: ["api", 3], createdAt: "2025-01-01T00:00:00Z" };
    expect(checkIncident(old)).toEqual({
      repaired: true,
      value: { id: "2025-01-01-a", title: "Old", status: "resolved", impact: "degraded", body: "done", components: ["api"], createdAt: "2025-01-01T00:00:00Z", updatedAt: "2025-01-01T00:00:00Z", resolvedAt: "2025-01-01T00:00:00Z", updates: [{ at: "2025-01-01T00:00:00Z", status: "resolved", body: "done" }], version: 1 },
    });
    for (const bad of [null, [], "x", { id: "a b", title: "t", status: "resolved", createdAt: "2025-01-01T00:00:00Z" }, { id: "a", title: "t", status: "done", createdAt: "2025-01-01T00:00:00Z" }]) expect(checkIncident(bad)).toBeUndefined();
  });
});

describe("alert notifications", () => {
  it("reads Datadog's transition and tags, and skips what names no service or no known transition", () => {
    expect(parseAlertNotification("datadog", { id: "1", transition: "Recovered", tags: "service:api,severity:page", title: "t" })).toEqual([{ key: "1:", service: "api", severity: "page", firing: false, name: "t" }]);
    expect(parseAlertNotification("datadog", { id: "1", transition: "Triggered", tags: "severity:page" })).toEqual([]);
    expect(parseAlertNotification("datadog", { id: "1", transition: "Muted", tags: "service:api" })).toEqual([]);
    expect(parseAlertNotification("alertmanager", { alerts: [{ status: "firing", labels: { alertname: "X" } }, null, "x"] })).toEqual([]);
  });
});
