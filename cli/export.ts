/** `readiness export prometheus`: the Prometheus rule file of an environment on stdout. */
import type { Command } from "commander";
import { renderRuleFile } from "../backends/prometheus/rules";
import { DEFAULT_SPEC, loadModelForCli } from "./load";
import { registerSelfHosted } from "./exportSelfHosted";

export function register(program: Command): void {
  const exp = program.command("export").description("Export generated configuration for tools outside Pulumi");
  exp
    .command("prometheus")
    .description("Print the Prometheus rule file (recording and alerting rules) of an environment")
    .requiredOption("-e, --env <env>", "environment")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((opts: { env: string; file: string }) => {
      process.stdout.write(renderRuleFile(loadModelForCli(opts.file, opts.env)));
    });
  registerSelfHosted(exp);
}
