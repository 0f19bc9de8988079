/** A spec as it was at a git ref, for `diff --base`, `stacks --moves --base` and the backtest. */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { UserError } from "./userError";

/** The spec text at a git ref, or undefined when the file does not exist there. */
export function specAtRef(file: string, ref: string): { text?: string; where: string } {
  const cwd = path.dirname(path.resolve(file));
  const git = (args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  let prefix: string;
  try {
    prefix = git(["rev-parse", "--show-prefix"]).trim();
  } catch {
    throw new UserError(1, `${file}: not inside a git repository; use --against to compare environments instead`);
  }
  try {
    git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new UserError(1, `--base ${ref}: no such commit, branch or tag (fetch it first, e.g. git fetch origin main)`);
  }
  const repoPath = `${prefix}${path.basename(file)}`;
  const where = `${ref}:${repoPath}`;
  try {
    return { text: git(["show", where]), where };
  } catch {
    return { where };
  }
}

/**
 * Every file under the spec's folder at `ref`, as git's listing (mode, blob id and path of each):
 * blob ids are content hashes, so this names the content of every file an `include:` of that spec
 * can read there (included files must lie in the root spec's folder or below).
 */
export function specFolderAt(file: string, ref: string): string {
  const cwd = path.dirname(path.resolve(file));
  return execFileSync("git", ["ls-tree", "-r", "-z", "--full-name", ref, "--", "."], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
}
