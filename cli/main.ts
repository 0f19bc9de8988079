/** The `readiness` command: argument parsing and exit codes; every command lives in its own file. */
import { Command, CommanderError } from "commander";
import { UserError } from "../files/userError";
import { commandIndex, type CommandIndex } from "./commandIndex";
import { guardStream } from "./outputSafety";

// The bundled commands share this commander and UserError (scripts/build.js points them here).
export * from "commander";
export { UserError } from "../files/userError";

/** What a command file exports: `register` adds its command(s) to the program. */
export interface CommandModule {
  register(program: Command): void;
}

/**
 * Commands in the order `--help` lists them. Each is loaded on first use (a `require` in a
 * function), so `readiness --help` and `validate` never load what `plan` or `statuspage` need;
 * a plain module (`import * as x`) works too, it only loads eagerly.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: (CommandModule | (() => CommandModule))[] = [
  () => require("./init"),
  () => require("./validate"),
  () => require("./plan"),
  () => require("./diff"),
  () => require("./audit"),
  () => require("./status"),
  () => require("./compliance"),
  () => require("./report"),
  () => require("./attest"),
  () => require("./export"),
  () => require("./import"),
  () => require("./explain"),
  () => require("./statuspage"),
  () => require("./schema"),
  () => require("./stacks"),
  () => require("./up"),
  () => require("./demo"),
];
/* eslint-enable @typescript-eslint/no-require-imports */

const moduleAt = (i: number): CommandModule => {
  const c = COMMANDS[i];
  return typeof c === "function" ? c() : c;
};

/** The package version (package.json is read at run time so a bundle never carries a stale one). */
export function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../package.json") as { version: string }).version;
}

function baseProgram(): Command {
  return new Command()
    .name("readiness")
    .description("Monitoring as code from one readiness spec: validate, plan, diff, audit, report and export it. Only `status` and `--prometheus` read a live server; nothing else needs credentials or network.")
    .version(version(), "-V, --version", "print the version")
    .showHelpAfterError()
    .exitOverride();
}

/** The whole program with every command registered (loads every command module). */
export function buildProgram(only?: number): Command {
  const program = baseProgram();
  COMMANDS.forEach((_, i) => (only === undefined || only === i) && moduleAt(i).register(program));
  return program;
}

/** Which command file registers which top-level command, and the top-level help: computed at build time. */
export function buildCommandIndex(): CommandIndex {
  const commands: Record<string, number> = {};
  COMMANDS.forEach((_, i) => {
    const p = new Command();
    moduleAt(i).register(p);
    for (const c of p.commands) commands[c.name()] = i;
  });
  return { count: COMMANDS.length, commands, help: buildProgram().helpInformation() };
}

/** A file-system error about a path (ENOENT, EACCES, EISDIR, ...), as Node reports it. */
function isUserPathError(e: unknown): e is NodeJS.ErrnoException & { path: string } {
  const err = e as NodeJS.ErrnoException | undefined;
  return typeof err?.code === "string" && /^E[A-Z]+$/.test(err.code) && typeof err.path === "string" && typeof err.syscall === "string";
}

/** Runs the CLI; exits with the command's code and never prints a stack trace for bad input. */
export async function main(argv: string[]): Promise<void> {
  // `readiness plan | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  guardStream(process.stdout);
  guardStream(process.stderr);
  try {
    const index = commandIndex(COMMANDS.length);
    const args = argv.slice(2);
    const first = args.find((a) => !a.startsWith("-"));
    if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
      process.stdout.write(`${version()}\n`);
      return;
    }
    if (index && (args.length === 0 || (args.length === 1 && (args[0] === "--help" || args[0] === "-h")))) {
      // Top-level help without loading any command: the text was rendered at build time.
      (args.length === 0 ? process.stderr : process.stdout).write(index.help);
      process.exitCode = args.length === 0 ? 1 : 0;
      return;
    }
    const target = first === "help" ? args[args.indexOf("help") + 1] : first;
    const only = index && target !== undefined && target in index.commands && first === args[0] ? index.commands[target] : undefined;
    await buildProgram(only).parseAsync(argv);
  } catch (e) {
    if (e instanceof UserError) {
      if (e.message) process.stderr.write(`${e.message}\n`);
      process.exitCode = e.exitCode;
    } else if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
    } else if (isUserPathError(e)) {
      // A path the user gave that cannot be read or written is their mistake to fix, not ours.
      process.stderr.write(`readiness: ${e.path}: ${e.code} (${e.syscall})\n`);
      process.exitCode = 1;
    } else {
      const err = e as Error;
      process.stderr.write(`readiness: internal error: ${err?.message ?? String(e)}\n${process.env.READINESS_DEBUG ? `${err?.stack}\n` : "(set READINESS_DEBUG=1 for details)\n"}`);
      process.exitCode = 70;
    }
  }
}
