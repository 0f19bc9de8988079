/**
 * Replace a file the user owns (the spec, for `attest`) without losing anything: an edit made since
 * it was read, its mode, a symbolic link pointing at it, or a file an attacker planted beside it.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { UserError } from "./userError";

/**
 * Write `next` over `file` if it still holds `expected`: through a symlink to its target, via a
 * temporary file created exclusively (never following a planted name) in the same folder, with the
 * target's mode, renamed over it only after a last check that nobody changed it meanwhile.
 */
export function replaceFile(file: string, expected: string, next: string, suffix = randomBytes(8).toString("hex")): void {
  const target = realpathSync(file);
  const mode = statSync(target).mode & 0o7777;
  // Root may write anything; a file nobody may write is a user's "do not touch", so respect it.
  if ((mode & 0o222) === 0) throw new UserError(1, `${file}: is read-only; not written`);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${suffix}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, "wx", mode);
  } catch (e) {
    throw new UserError(1, `${file}: cannot create a temporary file beside it (${(e as NodeJS.ErrnoException).code ?? "error"}); not written`);
  }
  try {
    try {
      fchmodSync(fd, mode);
      writeSync(fd, next);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (readFileSync(target, "utf8") !== expected) throw new UserError(1, `${file}: changed since it was read; not written (run the command again)`);
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already renamed or gone: nothing to clean.
    }
    throw e instanceof UserError ? e : new UserError(1, `${file}: not written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
