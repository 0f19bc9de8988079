import { parse } from "yaml";
import { attestSpecText, type Attestation } from "../../report/attestSpecText";
import { exampleText } from "../support/example";
import { loadModels } from "../../specification/loadModels";

/** Lines that differ between two texts of equal structure, as [before, after] pairs with removed/added lines. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) };
}

function attest(text: string, id: string, a: Attestation): string {
  const r = attestSpecText(text, id, a);
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

const commented = `# launch gates
signoffs:
  - id: status-page          # aligned comment
    title: Status page
    gate: ga-blocking
    phase: pre-launch
    evidence: [statusPage,   check:api/health]   # spacing kept

  # a comment between items
  - id: runbooks
    title: Runbooks
    gate: soft-gating
    phase: launch
    attested:
      by: old@acme.test      # who signed
      at: 2025-01-01
      expires: 30d           # short on purpose
  - { id: flow,  title: Flow style, gate: soft-gating, phase: launch }
  - id: last
    title: Last
    gate: ga-blocking
    phase: launch
    attested: { by: old@acme.test, at: 2025-01-01, expires: 30d }
# trailing comment
`;

const ana: Attestation = { by: "ana@acme.test", at: "2026-11-23", expires: "90d" };

describe("attestSpecText records an attestation and changes nothing else", () => {
  test.each<[string, string, Attestation, string[], string[]]>([
    ["adds a line to a sign-off never attested", "status-page", ana, [], ["    attested: { by: ana@acme.test, at: 2026-11-23, expires: 90d }"]],
    [
      "rewrites the values of a block attestation, keeping its comments",
      "runbooks",
      ana,
      ["      by: old@acme.test      # who signed", "      at: 2025-01-01", "      expires: 30d           # short on purpose"],
      ["      by: ana@acme.test      # who signed", "      at: 2026-11-23", "      expires: 90d           # short on purpose"],
    ],
    ["drops the expiry line when the new attestation never expires", "runbooks", { by: "ana@acme.test", at: "2025-01-01" }, ["      by: old@acme.test      # who signed", "      at: 2025-01-01", "      expires: 30d           # short on purpose"], ["      by: ana@acme.test      # who signed", "      at: 2025-01-01"]],
    ["adds to a flow-style sign-off on its own line", "flow", ana, ["  - { id: flow,  title: Flow style, gate: soft-gating, phase: launch }"], ["  - { id: flow,  title: Flow style, gate: soft-gating, phase: launch, attested: { by: ana@acme.test, at: 2026-11-23, expires: 90d } }"]],
    ["replaces a flow attestation on the last sign-off", "last", ana, ["    attested: { by: old@acme.test, at: 2025-01-01, expires: 30d }"], ["    attested: { by: ana@acme.test, at: 2026-11-23, expires: 90d }"]],
  ])("%s", (_what, id, a, removed, added) => {
    const out = attest(commented, id, a);
    expect(changedLines(commented, out)).toEqual({ removed, added });
    const signoff = (parse(out).signoffs as { id: string; attested?: unknown }[]).find((s) => s.id === id);
    expect(signoff?.attested).toEqual(a.expires ? a : { by: a.by, at: a.at });
  });

  test("a block attestation missing its expiry gains one line", () => {
    const text = "signoffs:\n  - id: a\n    title: A\n    attested:\n      by: x@acme.test\n      at: 2025-01-01\n  - id: b\n    title: B\n";
    expect(changedLines(text, attest(text, "a", ana))).toEqual({
      removed: ["      by: x@acme.test", "      at: 2025-01-01"],
      added: ["      by: ana@acme.test", "      at: 2026-11-23", "      expires: 90d"],
    });
  });

  test("a spec without a final newline keeps working", () => {
    const text = "signoffs:\n  - id: a\n    title: A";
    expect(attest(text, "a", ana)).toBe("signoffs:\n  - id: a\n    title: A\n    attested: { by: ana@acme.test, at: 2026-11-23, expires: 90d }");
  });

  test("the example spec changes in exactly one line and still loads, now signed off", () => {
    const before = exampleText();
    const after = attest(before, "backup-runbook", { by: "dana@acme.test", at: "2026-11-20", expires: "180d" });
    const { removed, added } = changedLines(before, after);
    expect(removed).toEqual([]);
    expect(added).toEqual(["    attested: { by: dana@acme.test, at: 2026-11-20, expires: 180d }"]);
    const r = loadModels(after, "readiness.yaml");
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.models.prod.signoffs.find((s) => s.id === "backup-runbook")?.attested).toMatchObject({ by: "dana@acme.test", at: "2026-11-20", expires: { text: "180d" } });
  });

  test("re-attesting the example's attested sign-off changes only its attestation line", () => {
    const before = exampleText();
    const { removed, added } = changedLines(before, attest(before, "slo-definitions", ana));
    expect(removed).toEqual(["    attested: { by: ana@acme.test, at: 2026-11-02, expires: 90d }"]);
    expect(added).toEqual(["    attested: { by: ana@acme.test, at: 2026-11-23, expires: 90d }"]);
  });
});

describe("attestSpecText refuses what it cannot record", () => {
  test.each<[string, string, Attestation, RegExp]>([
    ["an unknown id, with a guess and the known ids", "status-pag", ana, /unknown sign-off "status-pag"\. Did you mean "status-page"\? Known sign-offs: status-page, runbooks, flow, last/],
    ["an unknown id far from any known one", "zzz", ana, /^unknown sign-off "zzz"\. Known sign-offs:/],
    ["an address that is not an email", "flow", { ...ana, by: "ana" }, /--by "ana" is not an email address/],
    ["a date that does not exist", "flow", { ...ana, at: "2026-02-30" }, /--at "2026-02-30" is not a date/],
    ["a date in another format", "flow", { ...ana, at: "23/11/2026" }, /--at "23\/11\/2026" is not a date/],
    ["a validity that is not a duration", "flow", { ...ana, expires: "soon" }, /--expires "soon" is not a positive duration/],
    ["a zero validity", "flow", { ...ana, expires: "0d" }, /--expires "0d" is not a positive duration/],
  ])("%s", (_what, id, a, error) => {
    const r = attestSpecText(commented, id, a);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  test("a spec with no sign-offs, or broken YAML, is refused", () => {
    expect(attestSpecText("apiVersion: readiness/v1\n", "a", ana)).toEqual({ ok: false, error: expect.stringMatching(/no signoffs list/) });
    expect(attestSpecText("signoffs: [\n", "a", ana)).toEqual({ ok: false, error: expect.stringMatching(/not valid YAML/) });
  });
});
