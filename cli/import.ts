/**
 * `readiness import sloth|openslo FILE...`: Sloth and OpenSLO specs as readiness services and
 * SLOs, printed as YAML to review or, with `--into SPEC`, merged into a spec keeping its comments.
 * What cannot be carried over goes to stderr as `file:line: message`; unreadable input exits 1.
 */
import type { Command } from "commander";
import { importSloth } from "../interop/sloth/import";
import { importOpenSlo } from "../interop/openslo/import";
import { mergeIntoSpec, servicesYaml } from "../interop/merge";
import type { ImportResult, NotCarried } from "../interop/imported";
import { UserError } from "../files/userError";
import { readUserFile } from "../files/userFiles";
import { replaceFile } from "../files/replaceFile";

function located(n: NotCarried): string {
  return `${n.file}:${n.line}: ${n.message}`;
}

/** Every file through the spec's own bounded reader: regular files only, 8 MiB, never waiting on a pipe. */
function readAll(files: string[]): { file: string; text: string }[] {
  return files.map((file) => ({ file, text: readUserFile(file) }));
}

function run(what: string, result: ImportResult, into: string | undefined): void {
  if (result.errors.length) throw new UserError(1, result.errors.map(located).join("\n"));
  for (const n of result.notCarried) process.stderr.write(`not carried over: ${located(n)}\n`);
  if (!into) {
    process.stdout.write(servicesYaml(result.services, `# imported from ${what} by readiness; review tiers (imported as standard), runbooks and checks`));
    return;
  }
  const before = readUserFile(into);
  const merged = mergeIntoSpec(before, result.services);
  if (!merged.ok) throw new UserError(1, merged.errors.map((e) => `${into}: ${e}`).join("\n"));
  // attest's writer: a read-only spec is left alone, and one edited since it was read is not overwritten.
  replaceFile(into, before, merged.text);
  process.stderr.write(`merged ${result.services.reduce((n, s) => n + s.slos.length, 0)} SLOs into ${into}\n`);
}

export function register(program: Command): void {
  const imp = program.command("import").description("Import SLOs from Sloth or OpenSLO specs");
  for (const [name, label, fn] of [
    ["sloth", "Sloth prometheus/v1", importSloth],
    ["openslo", "OpenSLO v1 or v1alpha", importOpenSlo],
  ] as const) {
    imp
      .command(name)
      .description(`Turn ${label} specs into readiness services and SLOs (YAML on stdout, or merged with --into)`)
      .argument("<files...>", `${label} files`)
      .option("--into <spec>", "merge into this spec file, keeping its comments")
      .action((files: string[], o: { into?: string }) => run(label, fn(readAll(files)), o.into));
  }
}
