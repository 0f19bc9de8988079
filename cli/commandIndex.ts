/**
 * The command index the build writes beside the bundle (dist/commands.json): which command file
 * registers which command, and the top-level help text, so `readiness --help` and a single command
 * load only what they need. Without it (running from source) every command is loaded.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** Top-level command name -> position in main's COMMANDS, and the rendered top-level help. */
export interface CommandIndex {
  count: number;
  commands: Record<string, number>;
  help: string;
}

/** The file name of the index inside the build output folder. */
export const COMMAND_INDEX_FILE = "commands.json";

/** The index written by the build that produced this bundle, or undefined from source or when it does not match. */
export function commandIndex(count: number): CommandIndex | undefined {
  // Only a bundle has an index beside it: the build defines READINESS_BUNDLE.
  if (typeof READINESS_BUNDLE === "undefined") return undefined;
  try {
    const index = JSON.parse(readFileSync(path.join(__dirname, COMMAND_INDEX_FILE), "utf8")) as CommandIndex;
    return index.count === count ? index : undefined;
  } catch {
    return undefined;
  }
}

declare const READINESS_BUNDLE: boolean | undefined;
