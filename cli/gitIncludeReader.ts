/** The git side of `include:`: a spec and its team files as they were at a commit, for `diff --base` and `stacks --moves --base`. */
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { IncludeReader } from "../specification/include";

/** Reads included files from `ref` of the repository holding `specFile`; paths are taken as the file-system reader takes them. */
export function gitIncludeReader(specFile: string, ref: string): IncludeReader {
  const cwd = path.dirname(path.resolve(specFile));
  const git = (args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const top = git(["rev-parse", "--show-toplevel"]).trim();
  // Repository paths are `/`-separated and relative to its top, whatever the platform.
  const inRepo = (p: string) => path.relative(top, path.resolve(p)).split(path.sep).join("/");
  return {
    list(dir) {
      const base = inRepo(dir);
      const prefix = base === "" ? "" : `${base}/`;
      let out: string;
      try {
        out = git(["ls-tree", "-r", "--name-only", "-z", ref, "--", prefix === "" ? "." : prefix]);
      } catch {
        return [];
      }
      return out
        .split("\0")
        .filter((f) => f !== "" && f.startsWith(prefix))
        .map((f) => f.slice(prefix.length))
        .filter((f) => !f.split("/").some((part) => part === "node_modules" || part === ".git"))
        .sort();
    },
    read(file) {
      try {
        return git(["show", `${ref}:${inRepo(file)}`]);
      } catch {
        throw new Error(`not in ${ref}`);
      }
    },
  };
}
