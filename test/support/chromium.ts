/** Headless Chromium (Debian package `chromium`) for tests that judge pages as a browser lays them out. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** The browser binary: $CHROMIUM, else Debian's. */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const run = promisify(execFile);

/** Runs headless Chromium with a throwaway profile and the given arguments; its stdout. */
export async function chromium(args: string[], timeoutMs = 60_000): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), "readiness-chromium-"));
  try {
    const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", `--user-data-dir=${profile}`];
    const { stdout } = await run(CHROMIUM, [...flags, ...args], { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
