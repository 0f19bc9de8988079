/** `readiness attest`: record a sign-off's attestation in the spec file, changing nothing else in it. */
import type { Command } from "commander";
import { formatDiagnostic, loadModels } from "../specification";
import { approverProblem } from "../report/approvers";
import { attestationStatus } from "../report/attestationState";
import { attestSpecText } from "../report/attestSpecText";
import { attestationSentence } from "../report/wording";
import { UserError } from "../files/userError";
import { replaceFile } from "../files/replaceFile";
import { DEFAULT_SPEC, readSpecText } from "./load";
import { fsIncludeReader } from "../files/includeReader";
import type { IncludeReader } from "../specification/include";
import path from "node:path";
import { localToday } from "./report";

interface AttestOptions {
  by: string;
  at?: string;
  expires?: string;
  file: string;
}

export function register(program: Command): void {
  program
    .command("attest")
    .description("Record that a person signed off a launch gate: sets the sign-off's `attested` in the spec in place, keeping comments and formatting")
    .argument("<signoff-id>", "id of the sign-off, as in the spec's signoffs list")
    .requiredOption("--by <email>", "email address of the person signing off; one of the sign-off's approvers when it lists any")
    .option("--at <date>", "day of the sign-off, YYYY-MM-DD (default: today)")
    .option("--expires <duration>", "how long the sign-off stays valid, e.g. 90d (default: it never expires)")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((id: string, opts: AttestOptions) => {
      const rootText = readSpecText(opts.file);
      // The sign-off may be in a team file the spec includes: that file is the one edited.
      const target = signoffFile(opts.file, rootText, id);
      const text = target === opts.file ? rootText : fsIncludeReader.read(target);
      const attestation = { by: opts.by, at: opts.at ?? localToday(), expires: opts.expires };
      const result = attestSpecText(text, id, attestation);
      if (!result.ok) throw new UserError(1, `${target}: ${result.error}`);
      // The file is only replaced by a spec that still loads in every environment, composed with the edit.
      const edited: IncludeReader = { list: fsIncludeReader.list, read: (f) => (path.normalize(f) === path.normalize(target) ? result.text : fsIncludeReader.read(f)) };
      const check = loadModels(target === opts.file ? result.text : rootText, opts.file, edited);
      if (!check.ok) {
        const problems = check.diagnostics.map(formatDiagnostic).join("\n");
        throw new UserError(1, `${problems}\n${target}: not written: the spec would not validate with this attestation`);
      }
      const model = check.models[check.environments[0]];
      const signoff = model?.signoffs.find((s) => s.id === id);
      const refused = signoff && approverProblem(signoff, opts.by);
      if (refused) throw new UserError(1, `${target}: not written: ${refused}`);
      replaceFile(target, text, result.text);
      const sentence = signoff ? attestationSentence(attestationStatus(signoff.attested, localToday()), localToday()) : "";
      process.stdout.write(`${target}: recorded sign-off ${id}. ${sentence}\n`);
    });
}

/** The file whose `signoffs` list holds `id`: an included team file when the composed spec says so, else the root. */
function signoffFile(file: string, text: string, id: string): string {
  const loaded = loadModels(text, file, fsIncludeReader);
  if (!loaded.ok) return file; // attestSpecText and the check below report what is wrong
  const i = loaded.spec.signoffs.findIndex((s) => s.id === id);
  if (i < 0 && loaded.spec.include !== undefined) {
    const known = loaded.spec.signoffs.map((s) => s.id);
    throw new UserError(1, `${file}: unknown sign-off "${id}" in this spec or the files it includes. Known sign-offs: ${known.join(", ") || "none"}`);
  }
  return i < 0 ? file : loaded.locate(["signoffs", i], "UnknownKey", "").file;
}
