import { computeReport } from "../../report/report";
import { renderHtml } from "../../report/format/html";
import { renderJson } from "../../report/format/json";
import { renderMarkdown } from "../../report/format/markdown";
import { summarySentence } from "../../report/wording";
import type { Signoff } from "../../specification/model";
import { exampleModel } from "../support/example";
import { makeModel } from "../support/model";

const example = computeReport(exampleModel("prod"), "2026-11-23");

describe("the HTML page", () => {
  const html = renderHtml(example);

  test("leads with the GA-blocking figure in words", () => {
    expect(summarySentence(example)).toBe("5 GA-blocking items are still outstanding");
    const headline = html.indexOf("5 GA-blocking items are still outstanding.");
    expect(headline).toBeGreaterThan(-1);
    expect(headline).toBeLessThan(html.indexOf('id="signoffs"'));
  });

  test("summarises by phase and names the open GA-blocking items before the phases", () => {
    const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('id="signoffs"'));
    expect(summary).toContain("<caption>By phase</caption>");
    for (const p of example.phases) expect(summary).toContain(`<th scope="row">${p.phase}</th>`);
    const open = example.gates.filter((g) => g.gate === "ga-blocking" && g.attestation.state !== "passed");
    expect(summary).toContain(`GA-blocking items open (${open.length})`);
    for (const g of open) expect(summary).toContain(`<strong>${g.title}</strong>`);
  });

  test("prints each phase from a new page", () => {
    expect(html.match(/<section class="phase">/g)).toHaveLength(example.phases.length);
    expect(html).toMatch(/@media print \{[\s\S]*section\.phase \{ break-before: page; \}/);
  });

  test("shows every sign-off's title with its state", () => {
    for (const g of example.gates) expect(html).toContain(g.title);
    expect(html.match(/class="badge never"/g)).toHaveLength(6);
    expect(html.match(/class="badge passed"/g)).toHaveLength(1);
  });

  test("lists the phases in the order they first appear (pre-launch, then launch), then evidence, then the glossary", () => {
    const order = ["<h3>Phase 1 of 2: pre-launch", "<h3>Phase 2 of 2: launch", 'id="evidence"', 'id="glossary"'].map((s) => html.indexOf(s));
    expect(order.every((i) => i > -1)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test("says evidence is not sign-off and reports each piece with its reason", () => {
    expect(html).toContain("It never counts as sign-off");
    expect(html).toContain("<code>statusPage</code>: status.acme.test shows API, Webhooks, probed every 1m; every critical service on it is probed; not on it: charge-run (critical; see the audit)");
    expect(html.match(/Does not hold/g)).toBeNull();
    expect(html.match(/>Holds</g)).toHaveLength(9);
    expect(html).toContain("Named, not verified</span><span><code>external:docs/runbooks/dunning.md</code>");
  });

  test("defines SLO, error budget, RTO/RPO and GA-blocking", () => {
    for (const term of ["SLO", "Error budget", "RTO / RPO", "GA-blocking"]) expect(html).toContain(`<dt>${term}</dt>`);
  });

  test("is self-contained, accessible and printable", () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html).not.toMatch(/href="(?!#)/);
    expect(html).toContain("@media print");
    expect(html.match(/<h1>/g)).toHaveLength(1);
  });

  test("escapes text from the spec", () => {
    const s: Signoff = { id: "x", title: "Rollback <script>alert(1)</script> & drills", gate: "ga-blocking", phase: "pre-launch", approvers: [], links: [], evidence: [] };
    const page = renderHtml(computeReport(makeModel({ signoffs: [s] }), "2026-11-23"));
    expect(page).toContain("Rollback &lt;script&gt;alert(1)&lt;/script&gt; &amp; drills");
    expect(page).not.toContain("<script>");
  });

  test("says when everything GA-blocking is signed off", () => {
    const s: Signoff = { id: "x", title: "T", gate: "ga-blocking", phase: "p", approvers: [], links: [], evidence: [], attested: { by: "a@b.test", at: "2026-01-01" } };
    expect(renderHtml(computeReport(makeModel({ signoffs: [s, { ...s, id: "y" }] }), "2026-11-23"))).toContain("All 2 GA-blocking items are signed off.");
  });
});

describe("the Markdown and JSON reports", () => {
  test("Markdown carries the summary sentence, every title and the evidence disclaimer", () => {
    const md = renderMarkdown(example);
    expect(md).toContain("**5 GA-blocking items are still outstanding.** 1 of 7 sign-offs is signed off; 6 were never signed off; none has expired.");
    for (const g of example.gates) expect(md).toContain(g.title);
    expect(md).toContain("It never counts as sign-off");
  });

  test("Markdown table cells cannot be broken by a pipe in a title", () => {
    const s: Signoff = { id: "x", title: "Backups | restores", gate: "soft-gating", phase: "launch", approvers: [], links: [], evidence: [] };
    expect(renderMarkdown(computeReport(makeModel({ signoffs: [s] }), "2026-11-23"))).toContain("| Backups \\| restores (`x`) |");
  });

  test("JSON has the summary figures and one entry per gate with its evidence", () => {
    const json = JSON.parse(renderJson(example));
    expect(json.summary).toEqual({ total: 7, signedOff: 1, gaBlockingOutstanding: 5, neverSignedOff: 6, expired: 0, notYetValid: 0, overdue: 0 });
    expect(json.gates).toHaveLength(7);
    expect(json.gates.find((g: { id: string }) => g.id === "slo-definitions")).toMatchObject({
      gate: "ga-blocking",
      state: "passed",
      attestedBy: "ana@acme.test",
      attestedAt: "2026-11-02",
      expires: "90d",
      validThrough: "2027-01-30",
    });
    expect(json.gates.find((g: { id: string }) => g.id === "status-page").evidence[0]).toEqual({
      ref: "statusPage",
      kind: "statusPage",
      holds: true,
      verified: true,
      reason: "status.acme.test shows API, Webhooks, probed every 1m; every critical service on it is probed; not on it: charge-run (critical; see the audit); its own /health is checked as billing-api/status-page-health (page)",
    });
  });

  test("every format is the same for the same model and day", () => {
    const again = computeReport(exampleModel("prod"), "2026-11-23");
    expect(renderHtml(again)).toBe(renderHtml(example));
    expect(renderMarkdown(again)).toBe(renderMarkdown(example));
    expect(renderJson(again)).toBe(renderJson(example));
  });
});
