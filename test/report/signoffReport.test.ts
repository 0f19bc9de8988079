/**
 * The report phase by phase: phase order, spec order, owner and due with overdue judged on the
 * report day, one line per phase on what nobody attested, the new evidence kinds, and spec text
 * (rationale, links) escaped in Markdown and HTML.
 */
import { checkEvidence } from "../../report/evidence";
import { computeReport } from "../../report/report";
import { renderHtml } from "../../report/format/html";
import { renderJson } from "../../report/format/json";
import { renderMarkdown } from "../../report/format/markdown";
import type { EvidenceRef, Model, Signoff } from "../../specification/model";
import { makeAlert, makeHeartbeat, makeModel, makeSchedule, makeService } from "../support/model";

const signoff = (id: string, phase: string, over: Partial<Signoff> = {}): Signoff => ({ id, title: `Title of ${id}`, gate: "ga-blocking", phase, approvers: [], links: [], evidence: [], ...over });
const attested = { by: "ana@example.test", at: "2026-11-01" };

describe("phase order and spec order", () => {
  const signoffs = [signoff("zulu", "phase-1"), signoff("alpha", "pre-launch"), signoff("mike", "launch-week"), signoff("bravo", "pre-launch"), signoff("echo", "phase-1")];

  test("phases come in the declared order, and sign-offs in spec order within a phase, not by id", () => {
    const report = computeReport(makeModel({ phases: ["pre-launch", "launch-week", "phase-1"], signoffs }), "2026-11-23");
    expect(report.phases.map((p) => [p.phase, p.gates.map((g) => g.id)])).toEqual([
      ["pre-launch", ["alpha", "bravo"]],
      ["launch-week", ["mike"]],
      ["phase-1", ["zulu", "echo"]],
    ]);
    expect(report.gates.map((g) => g.id)).toEqual(["alpha", "bravo", "mike", "zulu", "echo"]);
  });

  test("a declared phase without sign-offs gets no section", () => {
    const report = computeReport(makeModel({ phases: ["pre-launch", "launch-week", "phase-1", "phase-2"], signoffs }), "2026-11-23");
    expect(report.phases.map((p) => p.phase)).toEqual(["pre-launch", "launch-week", "phase-1"]);
    expect(renderMarkdown(report)).toContain("## Phase 3 of 3: phase-1");
  });

  test("a phase the Model does not list follows in order of first appearance", () => {
    const report = computeReport(makeModel({ phases: [], signoffs }), "2026-11-23");
    expect(report.phases.map((p) => p.phase)).toEqual(["phase-1", "pre-launch", "launch-week"]);
  });

  test("every format lists the phases in that order", () => {
    const report = computeReport(makeModel({ phases: ["pre-launch", "launch-week", "phase-1"], signoffs }), "2026-11-23");
    const md = renderMarkdown(report);
    const mdOrder = ["## Phase 1 of 3: pre-launch", "## Phase 2 of 3: launch-week", "## Phase 3 of 3: phase-1"].map((h) => md.indexOf(h));
    expect(mdOrder.every((i) => i > -1) && [...mdOrder].sort((a, b) => a - b).join() === mdOrder.join()).toBe(true);
    const html = renderHtml(report);
    const htmlOrder = ["Phase 1 of 3: pre-launch", "Phase 2 of 3: launch-week", "Phase 3 of 3: phase-1"].map((h) => html.indexOf(`<h3>${h}`));
    expect(htmlOrder.every((i) => i > -1) && [...htmlOrder].sort((a, b) => a - b).join() === htmlOrder.join()).toBe(true);
    expect(JSON.parse(renderJson(report)).phases).toEqual([
      { phase: "pre-launch", signoffs: ["alpha", "bravo"], notAttested: ["alpha", "bravo"] },
      { phase: "launch-week", signoffs: ["mike"], notAttested: ["mike"] },
      { phase: "phase-1", signoffs: ["zulu", "echo"], notAttested: ["zulu", "echo"] },
    ]);
  });
});

describe("owner, due and overdue", () => {
  const model = makeModel({
    phases: ["pre-launch"],
    signoffs: [
      signoff("late", "pre-launch", { due: "2026-11-20", owner: { id: "ana", name: "Ana Diaz", email: "ana@example.test" } }),
      signoff("today", "pre-launch", { due: "2026-11-23", owner: { email: "lee@example.test" } }),
      signoff("late-but-done", "pre-launch", { due: "2026-11-20", attested }),
      signoff("no-due", "pre-launch"),
    ],
  });

  test("overdue means due before the report day and not signed off, judged on the day given, not the clock", () => {
    const overdue = (day: string) => computeReport(model, day).gates.filter((g) => g.overdue).map((g) => g.id);
    expect(overdue("2026-11-20")).toEqual([]);
    expect(overdue("2026-11-23")).toEqual(["late"]);
    expect(overdue("2026-11-24")).toEqual(["late", "today"]);
    expect(computeReport(model, "2026-11-24").summary.overdue).toBe(2);
  });

  test("the formats show the owner, the due day and that it is overdue", () => {
    const report = computeReport(model, "2026-11-23");
    const md = renderMarkdown(report);
    expect(md).toContain("| Title of late (`late`) | GA-blocking | Ana Diaz &lt;ana@example.test&gt; | **20 November 2026, overdue** |");
    expect(md).toContain("| Title of today (`today`) | GA-blocking | lee@example.test | 23 November 2026 |");
    expect(md).toContain("1 is overdue");
    const html = renderHtml(report);
    expect(html).toContain('<td data-label="Owner">Ana Diaz &lt;ana@example.test&gt;</td><td data-label="Due" class="overdue">20 November 2026, overdue</td>');
    expect(html).toContain('<li class="alert"><span class="n">1</span> overdue</li>');
    expect(renderHtml(computeReport(model, "2026-11-20"))).not.toContain("overdue</li>");
    const json = JSON.parse(renderJson(report));
    expect(json.gates[0]).toMatchObject({ id: "late", owner: { id: "ana", name: "Ana Diaz", email: "ana@example.test" }, due: "2026-11-20", overdue: true });
    expect(json.gates[3]).toMatchObject({ id: "no-due", owner: null, due: null, overdue: false });
  });
});

describe("what nobody attested is said once per phase", () => {
  const many = Array.from({ length: 22 }, (_, i) => signoff(`item-${i + 1}`, "pre-launch"));
  const mixed = [signoff("a", "launch-week", { attested }), signoff("b", "launch-week"), signoff("c", "launch-week")];
  const report = computeReport(makeModel({ phases: ["pre-launch", "launch-week"], signoffs: [...many, ...mixed] }), "2026-11-23");

  test.each([
    ["Markdown", renderMarkdown(report)],
    ["HTML", renderHtml(report)],
  ])("%s: one line per phase, not a sentence per sign-off", (_format, text) => {
    expect(text).not.toContain("Nobody has attested this yet");
    expect(text.match(/Nobody has attested/g)).toHaveLength(2);
    expect(text).toContain("Nobody has attested any of the 22 sign-offs in pre-launch yet.");
    expect(text).toContain("Nobody has attested 2 of the 3 sign-offs in launch-week yet: b, c.");
  });

  test("a phase where everything is attested gets no such line", () => {
    const done = computeReport(makeModel({ phases: ["p"], signoffs: [signoff("a", "p", { attested })] }), "2026-11-23");
    expect(renderMarkdown(done)).not.toContain("Nobody has attested");
  });
});

describe("the new evidence kinds", () => {
  const service = makeService({ alerts: [makeAlert({ id: "errors" }), makeAlert({ id: "noisy", severity: "ticket", declaredSeverity: "page" })], heartbeats: [makeHeartbeat()] });
  const base = makeModel({ services: [service], dashboards: [{ id: "business", title: "Business", panels: [{ title: "Orders", query: { prometheus: "sum(orders)" } }] }] });
  const check = (m: Model, ref: EvidenceRef) => checkEvidence(m, ref);
  const ref = <K extends EvidenceRef["kind"]>(r: Extract<EvidenceRef, { kind: K }>) => r;

  test.each<[string, Model, EvidenceRef, boolean, string]>([
    ["heartbeat holds", base, ref({ kind: "heartbeat", service: "api", id: "nightly", text: "heartbeat:api/nightly" }), true, "expects a success every 1d (grace 1h); alerts at page when one is missed, routed to escalation oncall (can wake ana, ben)"],
    ["heartbeat missing", base, ref({ kind: "heartbeat", service: "api", id: "weekly", text: "heartbeat:api/weekly" }), false, "api has no heartbeat weekly (its heartbeats: nightly)"],
    ["heartbeat unrouted", { ...base, routing: { ...base.routing, page: { severity: "page", targets: [] } } }, ref({ kind: "heartbeat", service: "api", id: "nightly", text: "heartbeat:api/nightly" }), false, "alerts at page, but page routes to nobody"],
    ["alert holds", base, ref({ kind: "alert", service: "api", id: "errors", text: "alert:api/errors" }), true, "fires when its query is above 0.05 for 5m; alerts at page, routed to escalation oncall (can wake ana, ben)"],
    ["alert demoted", base, ref({ kind: "alert", service: "api", id: "noisy", text: "alert:api/noisy" }), false, "declared page but alerts as ticket"],
    ["dashboard holds", base, ref({ kind: "dashboard", id: "business", text: "dashboard:business" }), true, '"Business" on Grafana, 1 panel'],
    ["dashboard without Grafana", { ...base, backends: ["datadog", "pagerduty"] }, ref({ kind: "dashboard", id: "business", text: "dashboard:business" }), false, "custom dashboards are provisioned on Grafana, which is not a backend of prod"],
    ["schedule holds", base, ref({ kind: "schedule", id: "primary", text: "schedule:primary" }), true, "weekly rotation of 2 people, handoff monday 09:00 America/New_York, around the clock; used by escalation oncall"],
    ["schedule of one", { ...base, oncall: { ...base.oncall, schedules: [makeSchedule({ members: ["ana"] })] } }, ref({ kind: "schedule", id: "primary", text: "schedule:primary" }), false, "1 member; one person cannot be on call all the time (at least two are needed)"],
    ["schedule nobody escalates to", { ...base, oncall: { ...base.oncall, escalations: [] } }, ref({ kind: "schedule", id: "primary", text: "schedule:primary" }), false, "no escalation notifies it, so nobody on it is ever paged"],
  ])("%s", (_what, model, evidence, holds, reason) => {
    expect(check(model, evidence)).toEqual({ ref: evidence.text, kind: evidence.kind, holds, verified: true, reason });
  });

  test("external evidence is named, never verified and never holds, whatever the spec configures", () => {
    for (const target of ["https://github.com/org/repo/actions/workflows/load.yml", ".github/workflows/ci.yml"]) {
      const e = check(base, { kind: "external", target, text: `external:${target}` });
      expect(e).toMatchObject({ holds: false, verified: false });
    }
    const s = signoff("load", "p", { evidence: [{ kind: "external", target: ".github/workflows/ci.yml", text: "external:.github/workflows/ci.yml" }, { kind: "alert", service: "api", id: "errors", text: "alert:api/errors" }] });
    const report = computeReport({ ...base, phases: ["p"], signoffs: [s] }, "2026-11-23");
    const md = renderMarkdown(report);
    expect(md).toContain("| 1 of 1 holds; 1 named, not verified |");
    expect(md).toContain("- ❔ named, not verified: `external:.github/workflows/ci.yml`");
    expect(renderHtml(report)).toContain('<span class="unverified"><span aria-hidden="true">? </span>Named, not verified</span>');
    expect(JSON.parse(renderJson(report)).gates[0].evidence[0]).toMatchObject({ kind: "external", holds: false, verified: false });
  });
});

describe("rationale and links are data", () => {
  const s = signoff("x", "p", {
    description: "Cron <img src=x onerror=alert(1)> | *billing* [cycle](javascript:alert(1))",
    links: ["javascript:alert(1)", 'https://example.test/a"><script>alert(1)</script>', "https://example.test/wiki?a=1&b=2", "#1269"],
    approvers: [{ email: "lee<b>@example.test" }],
  });
  const report = computeReport(makeModel({ phases: ["p"], signoffs: [s] }), "2026-11-23");

  test("Markdown escapes the rationale and links only http(s) URLs", () => {
    const md = renderMarkdown(report);
    expect(md).toContain("Cron &lt;img src=x onerror=alert\\(1\\)&gt; \\| \\*billing\\* \\[cycle\\]\\(javascript:alert\\(1\\)\\)");
    expect(md).not.toMatch(/<img|\]\(javascript:/);
    // Not an http(s) URL, so not a link: shown as a code span, whose content Markdown renders as literal text.
    expect(md).toContain("`javascript:alert(1)`");
    expect(md).toContain('`https://example.test/a"><script>alert(1)</script>`');
    expect(md.replace(/`[^`]*`/g, "")).not.toContain("<script");
    expect(md).toContain("[https://example.test/wiki?a=1&amp;b=2](https://example.test/wiki?a=1&b=2)");
    expect(md).toContain("`#1269`");
    expect(md).toContain("lee&lt;b&gt;@example.test");
  });

  test("HTML escapes the rationale and links, and makes anchors only of http(s) URLs", () => {
    const html = renderHtml(report);
    expect(html).toContain('<span class="why">Cron &lt;img src=x onerror=alert(1)&gt; | *billing* [cycle](javascript:alert(1))</span>');
    expect(html).not.toMatch(/<img|<script>|href="javascript/);
    expect(html).toContain("<code>javascript:alert(1)</code>");
    expect(html).toContain('<a href="https://example.test/wiki?a=1&amp;b=2">https://example.test/wiki?a=1&amp;b=2</a>');
    expect(html).toContain("<code>https://example.test/a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code>");
    expect(html).toContain("<code>#1269</code>");
    expect(html).toContain("lee&lt;b&gt;@example.test");
  });
});

describe("an attestation by someone who is not an approver", () => {
  // `attest --by` refuses a non-approver; a hand edit can still write one into the spec.
  const approvers = [{ id: "chen", name: "Chen Li", email: "chen@example.test" }];
  const model = makeModel({
    phases: ["pre-launch"],
    signoffs: [signoff("by-stranger", "pre-launch", { approvers, attested }), signoff("by-approver", "pre-launch", { approvers, attested: { by: "CHEN@example.test", at: "2026-11-01" } })],
  });
  const report = computeReport(model, "2026-11-23");

  test("is shown but never counts as signed off", () => {
    expect(report.gates.map((g) => [g.id, g.attestation.state])).toEqual([
      ["by-stranger", "not-an-approver"],
      ["by-approver", "passed"],
    ]);
    expect(report.summary.signedOff).toBe(1);
    expect(report.summary.gaBlockingOutstanding).toBe(1);
  });

  test("the page says why it does not count", () => {
    expect(renderMarkdown(report)).toContain("Attested by ana@example.test on");
    expect(renderMarkdown(report)).toContain("who is not one of its approvers, so it does not count.");
    expect(renderHtml(report)).toContain("Not by an approver");
  });
});
