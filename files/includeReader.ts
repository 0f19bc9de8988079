/** The file-system side of `include:`: list a folder recursively, resolve links and read files (bounded). */
import { readdirSync, realpathSync } from "node:fs";
import path from "node:path";
import type { IncludeReader } from "../specification/include";
import { readUserFile } from "./userFiles";

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
    // The same bounded read as the root spec's: regular files only, 8 MiB, never waiting on a pipe.
    try {
      return readUserFile(file);
    } catch (e) {
      const message = (e as Error).message;
      throw new Error(message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message);
    }
  },
  realpath(file) {
    try {
      return realpathSync(file);
    } catch (e) {
      throw new Error((e as NodeJS.ErrnoException).code ?? String(e));
    }
  },
};
