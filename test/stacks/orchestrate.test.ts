/** `readiness up|preview` ordering through an injected runner: shared first, bounded parallel shards, stop on failure, one summary. */
import { runStacks, summaryText, type ChangeCounts } from "../../stacks/orchestrate";
import { onPath, PULUMI_MISSING } from "../../cli/up";
import { pulumiProjectDir } from "../../cli/pulumiProject";
import { execFile } from "node:child_process";
import path from "node:path";

/** A fake runner: records start/end order and how many run at once; each stack takes `ms`. */
function fakeRunner(opts: { fail?: string; ms?: (s: string) => number } = {}) {
  const events: string[] = [];
  let running = 0;
  let peak = 0;
  const run = async (stack: string): Promise<ChangeCounts> => {
    events.push(`start ${stack}`);
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, opts.ms?.(stack) ?? 5));
    running--;
    events.push(`end ${stack}`);
    if (stack === opts.fail) throw new Error(`${stack}: grafana: 401 Unauthorized\n  at details`);
    return { create: 2, same: 1 };
  };
  return { run, events, peak: () => peak };
}

const STACKS = ["prod-shared", ...Array.from({ length: 7 }, (_, i) => `prod-shard-0${i + 1}`)];

describe("runStacks", () => {
  it("finishes the shared stack before any shard starts", async () => {
    const f = fakeRunner();
    await runStacks(STACKS, f.run, 3);
    expect(f.events.slice(0, 3)).toEqual(["start prod-shared", "end prod-shared", "start prod-shard-01"]);
    expect(f.events.filter((e) => e.startsWith("start"))).toHaveLength(8);
  });

  it("runs shards in parallel, never more than the bound at once", async () => {
    const f = fakeRunner({ ms: () => 20 });
    await runStacks(STACKS, f.run, 3);
    expect(f.peak()).toBe(3);
    const g = fakeRunner({ ms: () => 20 });
    await runStacks(STACKS, g.run, 1);
    expect(g.peak()).toBe(1);
  });

  it("stops starting stacks at the first failure and names the failing stack", async () => {
    const f = fakeRunner({ fail: "prod-shard-02", ms: (s) => (s === "prod-shard-02" ? 1 : 30) });
    const summary = await runStacks(STACKS, f.run, 2);
    expect(summary.failed).toBe("prod-shard-02");
    const started = f.events.filter((e) => e.startsWith("start")).map((e) => e.slice(6));
    // shard-01 was already running and finishes; the failed one's slot starts nothing more.
    expect(started).toEqual(["prod-shared", "prod-shard-01", "prod-shard-02"]);
    expect(summary.outcomes.map((o) => o.status)).toEqual(["succeeded", "succeeded", "failed", "not run", "not run", "not run", "not run", "not run"]);
  });

  it("runs the routing stack last, after every shard has finished, and not at all after a failure", async () => {
    const f = fakeRunner({ ms: (s) => (s === "prod-shard-01" ? 40 : 5) });
    await runStacks([...STACKS, "prod-routing"], f.run, 3, 1);
    expect(f.events.slice(-2)).toEqual(["start prod-routing", "end prod-routing"]);
    const g = fakeRunner({ fail: "prod-shard-03" });
    const summary = await runStacks([...STACKS, "prod-routing"], g.run, 3, 1);
    expect(g.events).not.toContain("start prod-routing");
    expect(summary.outcomes.at(-1)?.status).toBe("not run");
  });

  it("runs no shard when the shared stack fails", async () => {
    const f = fakeRunner({ fail: "prod-shared" });
    const summary = await runStacks(STACKS, f.run, 4);
    expect(f.events).toEqual(["start prod-shared", "end prod-shared"]);
    expect(summary.failed).toBe("prod-shared");
  });
});

describe("summaryText", () => {
  it("prints one summary: totals, a line per stack, the failure named with its first line only", async () => {
    const f = fakeRunner({ fail: "b" });
    const text = summaryText("up", await runStacks(["shared", "a", "b", "c"], f.run, 1));
    expect(text).toBe(
      [
        "readiness up: 2 of 4 stacks succeeded (4 create, 2 same)",
        "  shared  succeeded: 2 create, 1 same",
        "  a  succeeded: 2 create, 1 same",
        "  b  failed: b: grafana: 401 Unauthorized",
        "  c  not run",
        "stopped: b failed; stacks not run were not started",
        "",
      ].join("\n"),
    );
  });
});

describe("the pulumi CLI check", () => {
  it("finds an executable on PATH and not one that is absent; the message says how to install", () => {
    expect(onPath("node", { PATH: require("node:path").dirname(process.execPath) })).toBe(true);
    expect(onPath("pulumi", { PATH: "/nonexistent" })).toBe(false);
    expect(PULUMI_MISSING).toMatch(/not on PATH; nothing was run/);
    expect(PULUMI_MISSING).toMatch(/Install it/);
  });
});

describe("the Pulumi project of a spec", () => {
  it("is the nearest folder at or above the spec holding Pulumi.yaml, not the package's own", () => {
    const has = (dirs: string[]) => (p: string) => dirs.some((d) => p === path.join(d, "Pulumi.yaml"));
    expect(pulumiProjectDir("/repo/monitoring/readiness.yaml", has(["/repo/monitoring", "/repo"]))).toBe("/repo/monitoring");
    expect(pulumiProjectDir("/repo/monitoring/teams/readiness.yaml", has(["/repo"]))).toBe("/repo");
    expect(pulumiProjectDir("/elsewhere/readiness.yaml", has(["/repo"]))).toBeUndefined();
  });
});

describe("readiness up without the pulumi CLI", () => {
  it("exits 1 saying how to install it, having run nothing", async () => {
    const root = path.join(__dirname, "..", "..");
    const r = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile(process.execPath, [path.join(root, "bin", "readiness.js"), "up", "--env", "prod", "--file", "fixtures/composed/valid/readiness.yaml"], { cwd: root, env: { ...process.env, PATH: path.dirname(process.execPath) } }, (err, _out, stderr) =>
        done({ code: err ? Number(err.code) : 0, stderr }),
      ),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Pulumi CLI, which is not on PATH; nothing was run");
  }, 60_000);
});
