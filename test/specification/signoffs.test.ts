/**
 * Sign-off fields (owner, approvers, rationale, links, due), declared phases and every evidence
 * kind: what loads, what the Model carries, and the located error a mistake gets.
 */
import { loadModels, loadSpec } from "../../specification/loadModels";
import type { IncludeReader } from "../../specification/include";

/** A valid spec; the sign-offs start on line 27, each written on one line. */
function specWith(signoffs: string[], extra: { phases?: string } = {}): string {
  return [
    "apiVersion: readiness/v1", // 1
    "system: { name: shop }", // 2
    "environments:", // 3
    "  prod: { backends: [grafana, pagerduty], paging: true }", // 4
    "routing: { page: { escalation: main }, ticket: { slack: '#shop' } }", // 5
    "oncall:", // 6
    "  timezone: Europe/Berlin", // 7
    "  people: [{ id: ana, name: Ana Diaz, email: ana@shop.test }, { id: ben, name: Ben Okafor, email: ben@shop.test }]", // 8
    "  schedules: [{ id: primary, rotation: weekly, handoff: monday 09:00, members: [ana, ben] }]", // 9
    "  escalations: [{ id: main, levels: [{ notify: [schedule:primary] }, { notify: [person:ben] }] }]", // 10
    "services:", // 11
    "  - id: api", // 12
    "    name: API", // 13
    "    tier: standard", // 14
    "    checks: [{ id: health, http: https://shop.test/health, every: 1m, severity: page }]", // 15
    "    heartbeats: [{ id: nightly, summary: Nightly run late, every: 24h, prometheus: shop_last_success, severity: page }]", // 16
    "    alerts: [{ id: errors, summary: Errors, severity: ticket, for: 5m, above: 5, query: { prometheus: sum(shop_errors) } }]", // 17
    "dashboards:", // 18
    "  - id: business", // 19
    "    title: Business", // 20
    "    panels: [{ title: Orders, query: { prometheus: sum(shop_orders) } }]", // 21
    `phases: ${extra.phases ?? "[pre-launch, launch-week, phase-1]"}`, // 22
    "#", // 23
    "#", // 24
    "#", // 25
    "signoffs:", // 26
    ...signoffs.map((s) => `  - ${s}`), // 27...
    "",
  ].join("\n");
}

const so = (id: string, more = "", phase = "pre-launch") => `{ id: ${id}, title: T ${id}, gate: ga-blocking, phase: ${phase}${more ? `, ${more}` : ""} }`;

/** The diagnostics as `path line: message (hint)`, or [] when the spec loads. */
function problems(text: string): string[] {
  const r = loadSpec(text, "spec.yaml");
  return r.ok ? [] : r.diagnostics.map((d) => `${d.path} ${d.line}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`);
}

function model(text: string) {
  const r = loadModels(text, "spec.yaml");
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.models.prod;
}

describe("sign-off fields", () => {
  const full = so("cron", 'owner: ana, approvers: [ben, lee@shop.test], description: "an undetected cron failure can miss a whole billing cycle", links: ["#1269", https://shop.test/wiki], due: 2026-12-01');

  test("owner, approvers, description, links and due load, and owners and approvers named by id resolve to the person", () => {
    expect(problems(specWith([full]))).toEqual([]);
    const s = model(specWith([full])).signoffs[0];
    expect(s.owner).toEqual({ id: "ana", name: "Ana Diaz", email: "ana@shop.test" });
    expect(s.approvers).toEqual([{ id: "ben", name: "Ben Okafor", email: "ben@shop.test" }, { email: "lee@shop.test" }]);
    expect(s.description).toBe("an undetected cron failure can miss a whole billing cycle");
    expect(s.links).toEqual(["#1269", "https://shop.test/wiki"]);
    expect(s.due).toBe("2026-12-01");
  });

  test("a sign-off with none of them still loads: they are optional, phase is still required", () => {
    expect(problems(specWith([so("plain")]))).toEqual([]);
    expect(problems(specWith(["{ id: nophase, title: T, gate: ga-blocking }"]))[0]).toMatch(/^signoffs\[0\]\.phase 27: /);
  });

  test.each([
    ["an owner who is not a person", so("a", "owner: anna"), 'signoffs[0].owner 27: owner (person) "anna" is not defined (did you mean "ana"?)'],
    ["an owner that is a broken email", so("a", "owner: ana@nowhere"), 'signoffs[0].owner 27: owner "ana@nowhere" is not an email address (write a person id from oncall.people or an email address)'],
    ["an approver who is not a person", so("a", "approvers: [ana, zed]"), 'signoffs[0].approvers[1] 27: approver (person) "zed" is not defined (known: ana, ben)'],
    ["an empty approvers list", so("a", "approvers: []"), "signoffs[0].approvers 27: list at least one approver, or leave approvers out"],
    ["a due that is not a date", so("a", "due: next week"), "signoffs[0].due 27: expected a date YYYY-MM-DD, got \"next week\""],
    ["a due day that does not exist", so("a", "due: 2026-02-30"), "signoffs[0].due 27: expected a real calendar date YYYY-MM-DD, got \"2026-02-30\""],
  ])("%s is a located error", (_what, signoff, expected) => {
    expect(problems(specWith([signoff]))).toEqual([expected]);
  });
});

describe("phases", () => {
  test("a phase not among the declared phases is a located error with a suggestion", () => {
    expect(problems(specWith([so("a"), so("b", "", "launch-wek")]))).toEqual(['signoffs[1].phase 28: phase "launch-wek" is not one of the declared phases (did you mean "launch-week"? declared: pre-launch, launch-week, phase-1)']);
  });

  test("a phase listed twice is an error", () => {
    expect(problems(specWith([so("a")], { phases: "[pre-launch, launch, pre-launch]" }))).toEqual(['phases[2] 22: phase "pre-launch" is listed twice (each phase appears once, in order)']);
  });

  test("declared phases are the Model's phase order; sign-offs keep spec order, not id order", () => {
    const m = model(specWith([so("zeta", "", "phase-1"), so("alpha"), so("mid", "", "launch-week")]));
    expect(m.phases).toEqual(["pre-launch", "launch-week", "phase-1"]);
    expect(m.signoffs.map((s) => s.id)).toEqual(["zeta", "alpha", "mid"]);
  });

  test("without declared phases any phase is allowed and the order is that of first appearance", () => {
    const text = specWith([so("a", "", "later"), so("b", "", "sooner"), so("c", "", "later")]).replace(/^phases: .*$/m, "#");
    expect(problems(text)).toEqual([]);
    expect(model(text).phases).toEqual(["later", "sooner"]);
  });
});

describe("evidence kinds", () => {
  test.each([
    ["heartbeat:api/nightly", { kind: "heartbeat", service: "api", id: "nightly" }],
    ["alert:api/errors", { kind: "alert", service: "api", id: "errors" }],
    ["dashboard:business", { kind: "dashboard", id: "business" }],
    ["schedule:primary", { kind: "schedule", id: "primary" }],
    ["external:https://github.com/org/repo/actions/workflows/load.yml", { kind: "external", target: "https://github.com/org/repo/actions/workflows/load.yml" }],
    ["external:.github/workflows/ci.yml", { kind: "external", target: ".github/workflows/ci.yml" }],
  ])("%s loads and resolves", (ref, expected) => {
    const text = specWith([so("a", `evidence: ["${ref}"]`)]);
    expect(problems(text)).toEqual([]);
    expect(model(text).signoffs[0].evidence).toEqual([{ ...expected, text: ref }]);
  });

  test.each([
    ["heartbeat:api/weekly", 'signoffs[0].evidence[0] 27: heartbeat "weekly" of service "api" is not defined (known: nightly)'],
    ["heartbeat:web/nightly", 'signoffs[0].evidence[0] 27: service "web" is not defined (known: api)'],
    ["alert:api/error", 'signoffs[0].evidence[0] 27: alert "error" of service "api" is not defined (did you mean "alert:api/errors"?)'],
    ["dashboard:busines", 'signoffs[0].evidence[0] 27: dashboard "busines" is not defined (did you mean "business"?)'],
    ["schedule:secondary", 'signoffs[0].evidence[0] 27: schedule "secondary" is not defined (known: primary)'],
    ["external:", 'signoffs[0].evidence[0] 27: external evidence names an http(s) URL or a path in the repository, got "" (write e.g. external:https://github.com/org/repo/actions/workflows/load.yml or external:.github/workflows/ci.yml)'],
    ["external:javascript:alert(1)", 'signoffs[0].evidence[0] 27: external evidence names an http(s) URL or a path in the repository, got "javascript:alert(1)" (write e.g. external:https://github.com/org/repo/actions/workflows/load.yml or external:.github/workflows/ci.yml)'],
    ["external:../../etc/passwd", 'signoffs[0].evidence[0] 27: external evidence names an http(s) URL or a path in the repository, got "../../etc/passwd" (write e.g. external:https://github.com/org/repo/actions/workflows/load.yml or external:.github/workflows/ci.yml)'],
    ["heartbaet:api/nightly", 'signoffs[0].evidence[0] 27: unknown evidence kind "heartbaet" (did you mean "heartbeat"?)'],
  ])("%s is a located error", (ref, expected) => {
    expect(problems(specWith([so("a", `evidence: ["${ref}"]`)]))).toEqual([expected]);
  });
});

describe("sign-offs in a team file", () => {
  const root = ["apiVersion: readiness/v1", "system: { name: shop }", "environments:", "  prod: { backends: [grafana], paging: true }", "services:", "  - { id: gateway, name: Gateway, tier: internal }", "phases: [pre-launch, launch]", "include: [teams/*.yaml]", ""].join("\n");
  const reader = (team: string): IncludeReader => ({ list: (dir) => (dir === "teams" ? ["pay.yaml"] : []), read: (f) => (f === "teams/pay.yaml" ? team : "") });

  test("are held to the root's phases, and the error points into the team file", () => {
    const team = ["signoffs:", "  - { id: load-test, title: Load test, gate: ga-blocking, phase: pre-launch }", "  - { id: dunning, title: Dunning, gate: soft-gating, phase: phase-9 }", ""].join("\n");
    const r = loadModels(root, "readiness.yaml", reader(team));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => `${d.file}:${d.line} ${d.path}: ${d.message}`)).toEqual(['teams/pay.yaml:3 signoffs[1].phase: phase "phase-9" is not one of the declared phases']);
  });
});
