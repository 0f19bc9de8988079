/**
 * Runs Prometheus's own `promtool` on generated files in a temporary directory. A missing promtool
 * throws: these tests prove behaviour with the real rule engine and must fail, not skip, without it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { parser as LezerParser } from "@prometheus-io/lezer-promql" with { "resolution-mode": "import" };

// The package ships CommonJS too; the type-only import above keeps tsc (node16) happy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parser } = require("@prometheus-io/lezer-promql") as { parser: typeof LezerParser };

export interface PromtoolResult {
  ok: boolean;
  output: string;
}

/** Writes `files` to a fresh directory and runs `promtool <args>` there. */
export function promtool(args: string[], files: Record<string, string>): PromtoolResult {
  const dir = mkdtempSync(join(tmpdir(), "readiness-promtool-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    // Rule unit tests allocate a fresh result for every rule at every evaluation step (days of 1m
    // steps here) around a ~15 MB live heap, so Go's default GOGC=100 collects some 700 times a
    // run: at 400 the collector's share of promtool's CPU falls from 5% to 2% (GODEBUG=gctrace=1)
    // for ~60 MB more heap.
    const run = spawnSync("promtool", args, { cwd: dir, encoding: "utf8", timeout: 300_000, env: { ...process.env, GOGC: process.env.GOGC ?? "400" } });
    if (run.error) throw new Error(`promtool could not run (install the Debian package prometheus): ${run.error.message}`);
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One promtool unit test (`tests:` entry). */
export interface PromtoolTest {
  name?: string;
  interval: string;
  input_series: { series: string; values: string }[];
  alert_rule_test?: { eval_time: string; alertname: string; exp_alerts: { exp_labels: Record<string, string>; exp_annotations?: Record<string, string> }[] }[];
  promql_expr_test?: { expr: string; eval_time: string; exp_samples: { labels: string; value: number }[] }[];
}

/**
 * Runs `promtool test rules` on a rule file and unit tests of it. Scenarios spanning days evaluate
 * every 5m instead of every 1m: rates over 1d and 3d windows dominate the runtime. Without
 * `groupEvalOrder` promtool picks an order, so a rule reading another group's records may see them
 * one evaluation late, as it can in Prometheus, where groups run on their own schedules.
 */
export function promtoolTestRules(ruleFile: string, tests: PromtoolTest[], evaluationInterval = "1m", groupEvalOrder?: string[]): PromtoolResult {
  const doc = { rule_files: ["rules.yaml"], evaluation_interval: evaluationInterval, ...(groupEvalOrder ? { group_eval_order: groupEvalOrder } : {}), tests };
  const testFile = stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  return promtool(["test", "rules", "tests.yaml"], { "rules.yaml": ruleFile, "tests.yaml": testFile });
}

/** Runs `promtool check rules` on a rule file. */
export function promtoolCheckRules(ruleFile: string): PromtoolResult {
  return promtool(["check", "rules", "rules.yaml"], { "rules.yaml": ruleFile });
}

/** Positions where the in-process PromQL parser found a syntax error (empty when it parses). */
export function promqlErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
    },
  });
  return errors;
}
