/**
 * validate's PromQL checker against Prometheus's own parser: every query of the corpus goes through
 * `promtool check rules` (one rule file, one invocation) and through promqlSyntaxError, and the two
 * must agree on accept or refuse. The corpus: Prometheus's parser tests, readiness's own cases, and
 * every PromQL query of the example specs. Deliberately outside it (validate follows Prometheus 3
 * there, the installed promtool is 2.42): histogram_avg, histogram_stddev, histogram_stdvar and
 * first_over_time (Prometheus 3 only, accepted) and holt_winters (removed in 3, refused).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { promqlSyntaxError, withStandIns } from "../../specification/promql";
import { promtoolCheckRules } from "../support/promtool";

const ROOT = path.join(__dirname, "..", "..");

/** One JSON string per line; lines starting with # are comments. */
function corpusFile(name: string): string[] {
  return readFileSync(path.join(ROOT, "fixtures", "promql", name), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"))
    .map((l) => JSON.parse(l) as string);
}

/** Every `prometheus:` query of the example specs, placeholders replaced as validate replaces them. */
function specQueries(): string[] {
  const files = ["readiness.yaml", ...readdirSync(path.join(ROOT, "examples")).map((d) => path.join("examples", d, "readiness.yaml"))].filter((f) => existsSync(path.join(ROOT, f)));
  const out: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === "string" && key === "prometheus") out.push(withStandIns(v));
    else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const f of files) walk(parse(readFileSync(path.join(ROOT, f), "utf8")));
  return out;
}

const sources = {
  "readiness cases": corpusFile("validate-cases.txt"),
  "example specs": specQueries(),
};
const corpus = [...new Set(Object.values(sources).flat())];

/** promtool's verdict per query: undefined when accepted, else its message. */
function promtoolVerdicts(queries: string[]): (string | undefined)[] {
  // JSON is YAML; one group, rule i is query i. promtool reports every failing rule by its position.
  const file = JSON.stringify({ groups: [{ name: "corpus", rules: queries.map((q, i) => ({ record: `q${i}`, expr: q })) }] });
  const run = promtoolCheckRules(file);
  const verdicts: (string | undefined)[] = queries.map(() => undefined);
  for (const m of run.output.matchAll(/group "corpus", rule (\d+), "q\d+": (.*)/g)) verdicts[Number(m[1]) - 1] = m[2];
  const refused = verdicts.filter((v) => v !== undefined).length;
  // A failure promtool reports for no rule (a YAML error, a crash) would make every query look valid.
  if (run.ok !== (refused === 0)) throw new Error(`promtool failed without naming a rule:\n${run.output.slice(0, 2000)}`);
  return verdicts;
}

describe("validate and promtool agree on PromQL", () => {
  const verdicts = promtoolVerdicts(corpus);

  // Prometheus's own parser tests are not copied in (nothing fetched is committed): readiness's cases
  // are written after the grammar and function table they exercise.
  it("on a corpus of readiness's cases and the example specs, with both verdicts well represented", () => {
    expect(sources["example specs"].length).toBeGreaterThanOrEqual(50);
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const refused = verdicts.filter((v) => v !== undefined).length;
    expect(refused).toBeGreaterThanOrEqual(100);
    expect(corpus.length - refused).toBeGreaterThanOrEqual(100);
  });

  it("on every query: what promtool refuses, validate refuses, and what it accepts, validate accepts", () => {
    const disagreements = corpus.flatMap((q, i) => {
      const ours = promqlSyntaxError(q);
      if ((ours === undefined) === (verdicts[i] === undefined)) return [];
      return [`${JSON.stringify(q)}\n    promtool: ${verdicts[i] ?? "accepts"}\n    validate: ${ours ? `refuses: ${ours.message}` : "accepts"}`];
    });
    expect(disagreements.join("\n")).toBe("");
  });

  it("accepts every query of the example specs (promtool does too)", () => {
    const refused = sources["example specs"].filter((q) => verdicts[corpus.indexOf(q)] !== undefined || promqlSyntaxError(q) !== undefined);
    expect(refused).toEqual([]);
  });
});
