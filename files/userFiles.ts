/**
 * Reading what a user names and writing where a user points, without hanging, exhausting memory
 * or writing through a link: only regular files are read, up to a size limit, and outputs are
 * regular files (created or replaced) inside a real directory.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UserError } from "./userError";

/** Largest spec or stack file read (bytes): the 1,000-service bench spec is about 1 MiB. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

const kind = (st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isSymbolicLink(): boolean }) =>
  st.isDirectory() ? "a directory" : st.isFIFO() ? "a pipe (FIFO)" : st.isCharacterDevice() || st.isBlockDevice() ? "a device" : st.isSocket() ? "a socket" : st.isSymbolicLink() ? "a symbolic link" : "not a regular file";

/** The text of a regular file, or exit 1 with a clear message (missing, not a file, too large). */
export function readUserFile(file: string, hint = ""): string {
  if (file === "") throw new UserError(1, `the file name is empty${hint}`);
  let fd: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new UserError(1, `${file}: is ${kind(st)}, not a regular file; only regular files are read`);
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it must not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(1, code === "ENOENT" ? `${file}: no such file${hint}` : `${file}: cannot read (${code ?? String(e)})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UserError(1, `${file}: is ${kind(st)}, not a regular file; only regular files are read`);
    if (st.size > MAX_INPUT_BYTES) throw new UserError(1, `${file}: ${st.size} bytes is over the limit of ${MAX_INPUT_BYTES} bytes (8 MiB); a spec is a few hundred KiB even for 1,000 services`);
    // Read at most one byte past the limit, whatever the size said: the file may be growing.
    const buf = Buffer.alloc(Math.min(st.size, MAX_INPUT_BYTES) + 1);
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += r;
    if (n > MAX_INPUT_BYTES) throw new UserError(1, `${file}: over the limit of ${MAX_INPUT_BYTES} bytes (8 MiB)`);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/**
 * `mkdir -p` one level at a time. Node's own recursive mkdir retries forever where a parent exists
 * but refuses children with ENOENT (`/proc/x`); here every level is tried once and any error stops.
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !lstatSync(d, { throwIfNoEntry: false }); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d);
}

/** Makes `dir` (and parents) an output directory, or exit 1: empty name, a file, a device, a link. */
export function prepareOutputDir(dir: string, option = "--out"): void {
  if (dir.trim() === "") throw new UserError(1, `${option}: the directory name is empty`);
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    try {
      makeDirectories(dir);
      return;
    } catch (e) {
      throw new UserError(1, `${option} ${dir}: cannot create the directory (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  if (st.isSymbolicLink()) {
    const target = statSync(dir, { throwIfNoEntry: false });
    if (target?.isDirectory()) return; // a link to a directory is a directory the user chose
  }
  if (!st.isDirectory()) throw new UserError(1, `${option} ${dir}: is ${st.isFile() ? "an existing file" : kind(st)}; give a directory`);
}

/** Writes `text` to DIR/NAME as a regular file; never through a symbolic link, never into a device or pipe. */
export function writeOutputFile(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  const st = lstatSync(file, { throwIfNoEntry: false });
  if (st && !st.isFile()) throw new UserError(1, `${file}: is ${kind(st)}; readiness writes only regular files and will not write through it (remove it first)`);
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o644);
  } catch (e) {
    throw new UserError(1, `${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    const buf = Buffer.from(text, "utf8");
    for (let n = 0; n < buf.length; ) n += writeSync(fd, buf, n, buf.length - n);
  } finally {
    closeSync(fd);
  }
  return file;
}
