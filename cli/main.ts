/** The `readiness` command: argument parsing and exit codes; every command lives in its own file. */
import { Command, CommanderError } from "commander";
import { CliExit } from "./errors";
import * as validate from "./validate";
import * as plan from "./plan";
import * as report from "./report";
import * as attest from "./attest";
import * as statuspage from "./statuspage";
import * as schema from "./schema";
import * as diff from "./diff";
import * as audit from "./audit";
import * as explain from "./explain";
import * as exportCommand from "./export";
import * as demo from "./demo";
import * as importCommand from "./import";

/** Commands in the order `--help` lists them. */
const COMMANDS: { register(program: Command): void }[] = [validate, plan, diff, audit, report, attest, exportCommand, importCommand, explain, statuspage, schema, demo];

export function buildProgram(): Command {
  const program = new Command()
    .name("readiness")
    .description("Monitoring as code from one readiness spec: validate, plan, diff, audit, report and export it. No command needs credentials or network.")
    .showHelpAfterError()
    .exitOverride();
  for (const c of COMMANDS) c.register(program);
  return program;
}

/** Runs the CLI; exits with the command's code and never prints a stack trace for bad input. */
export async function main(argv: string[]): Promise<void> {
  // `readiness plan | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CliExit) {
      if (e.message) process.stderr.write(`${e.message}\n`);
      process.exitCode = e.exitCode;
    } else if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
    } else {
      const err = e as Error;
      process.stderr.write(`readiness: internal error: ${err?.message ?? String(e)}\n${process.env.READINESS_DEBUG ? `${err?.stack}\n` : "(set READINESS_DEBUG=1 for details)\n"}`);
      process.exitCode = 70;
    }
  }
}
