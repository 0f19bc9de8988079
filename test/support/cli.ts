/** Runs CLI commands in-process through commander, for tests that need no separate process. */
import { Command, CommanderError } from "commander";
import { UserError } from "../../files/userError";

/** A command module as cli/main.ts loads it. */
interface CommandModule {
  register(program: Command): void;
}

/** Runs `readiness <args>` with `commands` registered, with main.ts's exit-code handling. */
export async function runInProcess(commands: CommandModule[], args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command().name("readiness").exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  for (const c of commands) c.register(program);
  let stdout = "";
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(["node", "readiness", ...args]);
    return { code: 0, stdout, stderr: "" };
  } catch (e) {
    if (e instanceof UserError) return { code: e.exitCode, stdout, stderr: e.message };
    if (e instanceof CommanderError) return { code: e.exitCode, stdout, stderr: e.message };
    throw e;
  } finally {
    spy.mockRestore();
  }
}
