/** The file-system side of `include:`: list a folder recursively and read files. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { IncludeReader } from "../specification/include";

/** Folders never searched for team files: dependencies and version control. */
const SKIPPED = new Set(["node_modules", ".git"]);

/** Reads included files from disk. */
export const fsIncludeReader: IncludeReader = {
  list(dir) {
    const out: string[] = [];
    const walk = (abs: string, rel: string) => {
      let entries;
      try {
        entries = readdirSync(abs, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const relPath = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!SKIPPED.has(e.name)) walk(path.join(abs, e.name), relPath);
        } else if (e.isFile()) out.push(relPath);
      }
    };
    walk(dir, "");
    return out.sort();
  },
  read(file) {
    try {
      return readFileSync(file, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(code === "EISDIR" ? "it is a folder" : code ?? String(e));
    }
  },
};
