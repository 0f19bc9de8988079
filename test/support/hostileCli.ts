/**
 * The CLI as a real process under attack: a time bound (a hang fails instead of blocking the
 * suite), a 384 MiB heap (growth crashes instead of passing), and the shape every refusal must
 * have: exit 1, a located message, no internal error, no stack trace.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const BIN = path.join(__dirname, "..", "..", "bin", "readiness.js");

/** What one run of the CLI did. */
export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** `readiness <args>` in `cwd`, bounded in time (`timeoutMs`) and heap. */
export function hostileCli(args: string[], cwd: string, timeoutMs = 60_000): Run {
  const r = spawnSync(process.execPath, ["--max-old-space-size=384", BIN, ...args], { cwd, encoding: "utf8", timeout: timeoutMs, maxBuffer: 1 << 26, env: { ...process.env, READINESS_DEBUG: "" } });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "", timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT" };
}

/** Ended by itself, exit 1, no internal error and no stack trace, and the message matches `located`. */
export function expectCleanRejection(r: Run, located: RegExp): void {
  expect(r.timedOut).toBe(false);
  expect(r.signal).toBeNull();
  expect(r.stderr).not.toMatch(/internal error|^\s+at \S+ \(/m);
  expect(r.stderr).toMatch(located);
  expect(r.code).toBe(1);
}
