/** `readiness init`: write a new project (cli/scaffold.ts) that validates once its placeholders are replaced; never over an existing file. */
import type { Command } from "commander";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { scaffold } from "./scaffold";
import { UserError } from "../files/userError";

export function register(program: Command): void {
  program
    .command("init")
    .description(
      "Write a new project: a commented starter readiness.yaml that validates, readiness.schema.json, Pulumi.yaml, a stack file per environment naming every setting, .gitignore (and with --workflow a pull request workflow); existing files are kept",
    )
    .option("-d, --dir <dir>", "project folder", ".")
    .option("--workflow", "also write .github/workflows/readiness.yml")
    .action((opts: { dir: string; workflow?: boolean }) => {
      const dir = path.resolve(opts.dir);
      const written: string[] = [];
      const kept: string[] = [];
      for (const f of scaffold(path.basename(dir), { workflow: opts.workflow === true })) {
        const target = path.join(dir, f.path);
        let fd: number;
        try {
          mkdirSync(path.dirname(target), { recursive: true });
          // Exclusive create: an existing file (or anything planted at its name) is never overwritten.
          fd = openSync(target, "wx", 0o644);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === "EEXIST") {
            kept.push(f.path);
            continue;
          }
          throw new UserError(1, `${f.path}: cannot be created (${code ?? "error"})`);
        }
        try {
          writeSync(fd, f.content);
        } finally {
          closeSync(fd);
        }
        written.push(f.path);
      }
      const lines = [
        ...written.map((f) => `${f}: written`),
        ...kept.map((f) => `${f}: already exists; not overwritten`),
        "",
        "Next:",
        "  1. Edit readiness.yaml (every `example` value).",
        "  2. Replace every <placeholder> in the Pulumi.<env>.yaml files (docs/settings.md says where each comes from); `npx readiness validate` fails until then.",
        "  3. Set the secrets each stack file lists: pulumi config set --secret <key> <value> --stack <env>",
        "  4. npx readiness plan --env staging, then npx readiness up --env staging",
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      if (written.length === 0) throw new UserError(1, "nothing written: every file of a new project already exists");
    });
}
