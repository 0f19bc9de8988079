/** `readiness attest`: record a sign-off's attestation in the spec file, changing nothing else in it. */
import type { Command } from "commander";
import { formatDiagnostic, loadModels } from "../specification";
import { approverProblem } from "../report/approvers";
import { attestationStatus } from "../report/attestationState";
import { attestSpecText } from "../report/attestSpecText";
import { attestationSentence } from "../report/wording";
import { CliExit } from "./errors";
import { replaceFile } from "./replaceFile";
import { DEFAULT_SPEC, readSpecText } from "./load";
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
      const text = readSpecText(opts.file);
      const attestation = { by: opts.by, at: opts.at ?? localToday(), expires: opts.expires };
      const result = attestSpecText(text, id, attestation);
      if (!result.ok) throw new CliExit(1, `${opts.file}: ${result.error}`);
      // The file is only replaced by a spec that still loads in every environment.
      const check = loadModels(result.text, opts.file);
      if (!check.ok) {
        const problems = check.diagnostics.map(formatDiagnostic).join("\n");
        throw new CliExit(1, `${problems}\n${opts.file}: not written: the spec would not validate with this attestation`);
      }
      const model = check.models[check.environments[0]];
      const signoff = model?.signoffs.find((s) => s.id === id);
      const refused = signoff && approverProblem(signoff, opts.by);
      if (refused) throw new CliExit(1, `${opts.file}: not written: ${refused}`);
      replaceFile(opts.file, text, result.text);
      const sentence = signoff ? attestationSentence(attestationStatus(signoff.attested, localToday()), localToday()) : "";
      process.stdout.write(`${opts.file}: recorded sign-off ${id}. ${sentence}\n`);
    });
}
