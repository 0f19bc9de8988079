/** The git side of `include:`: a spec and its team files as they were at a commit, for `diff --base` and `stacks --moves --base`. */
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { IncludeReader } from "../specification/include";

/**
 * Reads included files from `ref` of the repository holding `specFile`; paths are taken as the
 * file-system reader takes them. The blobs a listing names are read in one `git cat-file --batch`
 * on the first read, not one `git show` each: fifty team files cost one process, not fifty.
 */
export function gitIncludeReader(specFile: string, ref: string): IncludeReader {
  const cwd = path.dirname(path.resolve(specFile));
  const run = (args: string[], input?: string) => execFileSync("git", args, { cwd, input, stdio: ["pipe", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
  const git = (args: string[]) => run(args).toString("utf8");
  const top = git(["rev-parse", "--show-toplevel"]).trim();
  // Repository paths are `/`-separated and relative to its top, whatever the platform.
  const inRepo = (p: string) => path.relative(top, path.resolve(p)).split(path.sep).join("/");
  const listed = new Map<string, string>(); // repository path -> blob id, from listings
  const texts = new Map<string, string>(); // repository path -> contents, once fetched
  // Symbolic links in the tree (mode 120000): their blob is a path, and following it could leave the
  // repository, so they are listed (a glob still sees them) but never read.
  const links = new Set<string>();
  const LINK = "is a symbolic link in the commit; included files must be regular files";

  const fetchListed = () => {
    const wanted = [...listed].filter(([p]) => !texts.has(p));
    if (!wanted.length) return;
    const out = run(["cat-file", "--batch"], wanted.map(([, oid]) => oid).join("\n") + "\n");
    // Each answer is `<oid> <type> <size>\n<size bytes>\n`, in the order asked.
    let at = 0;
    for (const [file] of wanted) {
      const eol = out.indexOf(10, at);
      const header = out.subarray(at, eol).toString("utf8").split(" ");
      if (header[1] !== "blob") throw new Error(`not in ${ref}`);
      const size = Number(header[2]);
      texts.set(file, out.subarray(eol + 1, eol + 1 + size).toString("utf8"));
      at = eol + 1 + size + 1;
    }
  };

  return {
    list(dir) {
      const base = inRepo(dir);
      const prefix = base === "" ? "" : `${base}/`;
      let out: string;
      try {
        out = git(["ls-tree", "-r", "-z", ref, "--", prefix === "" ? "." : prefix]);
      } catch {
        return [];
      }
      const files: string[] = [];
      for (const entry of out.split("\0")) {
        // `<mode> <type> <oid>\t<path>`
        const tab = entry.indexOf("\t");
        if (tab < 0) continue;
        const [mode, type, oid] = entry.slice(0, tab).split(" ");
        const file = entry.slice(tab + 1);
        if (type !== "blob" || !file.startsWith(prefix)) continue;
        const rel = file.slice(prefix.length);
        if (rel.split("/").some((part) => part === "node_modules" || part === ".git")) continue;
        if (mode === "120000") links.add(file);
        else listed.set(file, oid);
        files.push(rel);
      }
      return files.sort();
    },
    read(file) {
      const p = inRepo(file);
      if (p.startsWith("../") || p === "..") throw new Error("outside the repository");
      if (links.has(p)) throw new Error(LINK);
      if (listed.has(p)) fetchListed();
      const text = texts.get(p);
      if (text !== undefined) return text;
      let entry: string;
      try {
        entry = git(["ls-tree", "-z", ref, "--", p]);
      } catch {
        throw new Error(`not in ${ref}`);
      }
      const mode = entry.split(" ")[0];
      if (mode === "120000") throw new Error(LINK);
      if (!entry.includes(" blob ")) throw new Error(`not in ${ref}`);
      try {
        return git(["show", `${ref}:${p}`]);
      } catch {
        throw new Error(`not in ${ref}`);
      }
    },
  };
}
