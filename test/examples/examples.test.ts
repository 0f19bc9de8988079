/**
 * Every example under examples/ is a launch checklist written as a spec: it must validate cleanly,
 * plan in each of its environments, audit without errors, and report the checklist's own sign-off
 * counts in the checklist's own order.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { audit } from "../../audit";
import { planFor } from "../../cli/plan";
import { fsIncludeReader } from "../../files/includeReader";
import { computeReport } from "../../report/report";
import { figuresSentence } from "../../report/wording";
import { loadModels, formatDiagnostic } from "../../specification";
import { STARTER_SPEC } from "../../specification/starter";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLES = path.join(ROOT, "examples");
/** Attestations in the examples carry no expiry, so any day after the last one reads the same. */
const REPORT_DAY = "2026-11-24";

/** What each checklist says of itself, counted from the checklist, not from the spec. */
interface Expected {
  /** Checklist items, each one sign-off. */
  total: number;
  /** Items the checklist marks done. */
  signedOff: number;
  /** Items whose open state blocks GA. */
  gaBlockingOutstanding: number;
  /** First and last items, as the checklist lists them. */
  first: string;
  last: string;
  /** The checklist's groups in its order, with how many items each holds. */
  groups: [phase: string, items: number][];
}

const EXPECTED: Record<string, Expected> = {
  // "0 of 7 signed off; 6 GA-blocking items outstanding; 7 never signed off".
  "subscription-billing": { total: 7, signedOff: 0, gaBlockingOutstanding: 6, first: "status-page", last: "incident-review", groups: [["pre-launch", 6], ["launch", 1]] },
  // Tiers 2-4 of the umbrella issue, three items each, none checked; Tier 2 closes the issue.
  "voice-ordering": {
    total: 9,
    signedOff: 0,
    gaBlockingOutstanding: 3,
    first: "smoke-test-cron",
    last: "multi-region-failover",
    groups: [["tier-2", 3], ["tier-3", 3], ["tier-4", 3]],
  },
  // Level 1 (3 of 3 checked), Level 2 (0 of 5), P0-P2 (5 each); P0 and the P0 work of Level 2 block.
  "api-reliability": {
    total: 23,
    signedOff: 3,
    gaBlockingOutstanding: 7,
    first: "retries-backoff",
    last: "p2-load-testing",
    groups: [["level-1", 3], ["level-2", 5], ["p0", 5], ["p1", 5], ["p2", 5]],
  },
  // Aligned tasks 1-5 done (task 1 on 2025-10-11, the rest "all priority tasks complete"); P0 monitoring blocks.
  hotdash: {
    total: 27,
    signedOff: 5,
    gaBlockingOutstanding: 4,
    first: "infrastructure-health-check",
    last: "drill-improvements",
    groups: [["aligned-tasks", 5], ["parallel-tasks", 3], ["sprint-focus", 8], ["p0-monitoring", 4], ["p1-runbooks", 3], ["p2-drills", 4]],
  },
  // The roadmap: weeks 1-4, both exit criteria and the launch-day checklist block; Phase 3 does not.
  gymtext: {
    total: 55,
    signedOff: 0,
    gaBlockingOutstanding: 35,
    first: "w1-structured-logging",
    last: "ongoing-dependency-updates",
    groups: [
      ["week-1", 4],
      ["week-2", 3],
      ["week-3", 4],
      ["phase-1-exit", 7],
      ["week-4", 6],
      ["launch-day", 6],
      ["phase-2-exit", 5],
      ["month-1", 5],
      ["month-2", 5],
      ["month-3", 5],
      ["ongoing", 5],
    ],
  },
};

const examples = readdirSync(EXAMPLES).filter((d) => existsSync(path.join(EXAMPLES, d, "readiness.yaml")));

function load(name: string) {
  const file = path.join("examples", name, "readiness.yaml");
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return { file, text, result: loadModels(text, file, fsIncludeReader) };
}

describe("examples", () => {
  it("has an expected sign-off count for every example and an example for every expectation", () => {
    expect(examples.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("is pointed at from the starter spec and listed in the README", () => {
    expect(STARTER_SPEC).toMatch(/^# Worked examples from real launch checklists: examples\/ /m);
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    for (const name of examples) expect(readme).toContain(`](examples/${name}/readiness.yaml)`);
  });

  describe.each(examples)("examples/%s", (name) => {
    const { file, result } = load(name);
    const loaded = () => {
      if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join("\n"));
      return result;
    };

    it("validates with no diagnostics and no warnings", () => {
      const r = loaded();
      expect(r.warnings.map(formatDiagnostic)).toEqual([]);
      expect(r.environments.length).toBeGreaterThan(0);
    });

    it("plans every declared environment and audits it with no error-level finding", () => {
      const r = loaded();
      for (const env of r.environments) {
        const model = r.models[env];
        const plan = planFor(model, file);
        expect(plan.environment).toBe(env);
        expect(plan.resources.length).toBeGreaterThan(0);
        const report = audit(model, { now: new Date(`${REPORT_DAY}T00:00:00Z`), spec: r.spec, plan });
        const errors = report.findings.filter((f) => f.level === "error").map((f) => `${env}: ${f.rule}: ${f.message}`);
        expect(errors).toEqual([]);
      }
    });

    it("reports the checklist's own sign-off counts in every environment", () => {
      const r = loaded();
      const want = EXPECTED[name];
      for (const env of r.environments) {
        const { summary } = computeReport(r.models[env], REPORT_DAY);
        expect({ env, total: summary.total, signedOff: summary.signedOff, gaBlockingOutstanding: summary.gaBlockingOutstanding }).toEqual({
          env,
          total: want.total,
          signedOff: want.signedOff,
          gaBlockingOutstanding: want.gaBlockingOutstanding,
        });
        expect(summary.neverSignedOff).toBe(want.total - want.signedOff);
        expect(summary.expired).toBe(0);
      }
      // What a reader of the report sees, e.g. the billing page's "0 of 7 signed off".
      const last = r.environments[r.environments.length - 1];
      expect(figuresSentence(computeReport(r.models[last], REPORT_DAY))).toMatch(new RegExp(`^${want.signedOff} of ${want.total} sign-offs are signed off;`));
    });

    it("lists sign-offs in the checklist's order", () => {
      const r = loaded();
      const want = EXPECTED[name];
      const specOrder = r.spec.signoffs.map((s) => s.id);
      expect([specOrder[0], specOrder[specOrder.length - 1]]).toEqual([want.first, want.last]);
      // Each group is one unbroken run, in the checklist's order.
      const runs: [string, number][] = [];
      for (const { phase } of r.spec.signoffs) {
        const last = runs[runs.length - 1];
        if (last && last[0] === phase) last[1]++;
        else runs.push([phase, 1]);
      }
      expect(runs).toEqual(want.groups);
      expect(r.spec.phases).toEqual(want.groups.map(([phase]) => phase));
    });

    it("names only evidence that holds where paging is on (external: is named, never verified)", () => {
      const r = loaded();
      for (const env of r.environments.filter((e) => r.models[e].paging)) {
        const broken = computeReport(r.models[env], REPORT_DAY).gates.flatMap((g) => g.evidence.filter((e) => !e.holds && !e.ref.startsWith("external:")).map((e) => `${env}: ${g.id}: ${e.ref}: ${e.reason}`));
        expect(broken).toEqual([]);
      }
    });

    it("reports sign-offs in the checklist's order, phase by phase", () => {
      const r = loaded();
      const want = EXPECTED[name];
      for (const env of r.environments) {
        const report = computeReport(r.models[env], REPORT_DAY);
        expect(report.gates.map((g) => g.id)).toEqual(r.spec.signoffs.map((s) => s.id));
        expect(report.phases.map((p): [string, number] => [p.phase, p.gates.length])).toEqual(want.groups);
      }
    });
  });
});
