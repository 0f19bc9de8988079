/** `readiness statuspage build`: the status page Worker bundle for one environment, for review or a manual deploy. */
import type { Command } from "commander";
import { writeStatusPageBundle } from "../statuspage/build";
import { statusPageScriptName } from "../backends/cloudflare/statusPage";
import { UserError } from "../files/userError";
import { DEFAULT_SPEC, loadModelForCli } from "./load";

export function register(program: Command): void {
  const statuspage = program.command("statuspage").description("The public status page Worker");
  statuspage
    .command("build")
    .description("Write DIR/worker.js (the Worker with the spec's status page embedded) and DIR/README.md (its bindings)")
    .requiredOption("-e, --env <env>", "environment")
    .requiredOption("-o, --out <dir>", "output directory")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((opts: { env: string; out: string; file: string }) => {
      const model = loadModelForCli(opts.file, opts.env);
      if (!model.statusPage) throw new UserError(1, `${opts.file}: environment "${opts.env}" has no statusPage; add a statusPage section to build one`);
      if (model.statusPage.components.length === 0) {
        throw new UserError(1, `${opts.file}: the status page has no components; give a service \`statusPage: { component, group }\``);
      }
      for (const path of writeStatusPageBundle(model.statusPage, model.environment, opts.out, { paging: model.paging, backends: model.backends, scriptName: statusPageScriptName(model) })) process.stdout.write(`wrote ${path}\n`);
    });
}
