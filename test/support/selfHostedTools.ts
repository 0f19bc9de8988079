/**
 * Runs the Alertmanager and blackbox exporter tools (Debian's amtool and
 * prometheus-blackbox-exporter) on generated files. A missing tool throws: these tests must fail,
 * not skip, without it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PromtoolResult } from "./promtool";

/** Writes `files` to a fresh directory and runs `command args` there. */
export function runTool(command: string, args: string[], files: Record<string, string>): PromtoolResult {
  const dir = mkdtempSync(join(tmpdir(), "readiness-tool-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const run = spawnSync(command, args, { cwd: dir, encoding: "utf8", timeout: 60_000 });
    if (run.error) throw new Error(`${command} could not run (install its Debian package): ${run.error.message}`);
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `amtool check-config` on an Alertmanager configuration. */
export function amtoolCheck(config: string): PromtoolResult {
  return runTool("amtool", ["check-config", "am.yml"], { "am.yml": config });
}

/** The receivers an alert with these labels is routed to (`amtool config routes test`). */
export function amtoolRoute(config: string, labels: Record<string, string>): string[] {
  const r = runTool("amtool", ["config", "routes", "test", "--config.file=am.yml", ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)], { "am.yml": config });
  // stderr may carry a warning after the receivers on stdout
  return r.output.split("\n")[0].split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** The blackbox exporter's own `--config.check`. */
export function blackboxCheck(config: string): PromtoolResult {
  return runTool("prometheus-blackbox-exporter", ["--config.check", "--config.file=bb.yml"], { "bb.yml": config });
}
