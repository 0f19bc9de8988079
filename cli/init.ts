/** `readiness init`: write a commented starter spec that validates, never over an existing file. */
import type { Command } from "commander";
import { closeSync, openSync, writeSync } from "node:fs";
import { STARTER_SPEC } from "../specification/starter";
import { UserError } from "../files/userError";
import { DEFAULT_SPEC } from "./load";

export function register(program: Command): void {
  program
    .command("init")
    .description("Write a commented starter readiness.yaml (one service, SLO, alert, check, heartbeat, rotation and sign-off) that validates as written")
    .option("-f, --file <file>", "where to write it", DEFAULT_SPEC)
    .action((opts: { file: string }) => {
      let fd: number;
      try {
        // Exclusive create: an existing spec (or anything planted at its name) is never overwritten.
        fd = openSync(opts.file, "wx", 0o644);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UserError(1, code === "EEXIST" ? `${opts.file}: already exists; not overwritten (pass --file to write elsewhere)` : `${opts.file}: cannot be created (${code ?? "error"})`);
      }
      try {
        writeSync(fd, STARTER_SPEC);
      } finally {
        closeSync(fd);
      }
      process.stdout.write(`${opts.file}: written. Next: edit the example values, then \`readiness validate --file ${opts.file}\` and \`readiness plan --env prod --file ${opts.file}\`. Worked examples from real launch checklists: examples/ in the readiness repository.\n`);
    });
}
