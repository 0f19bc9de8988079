/** `readiness export prometheus`: the Prometheus rule file of an environment on stdout. */
import type { Command } from "commander";
import { renderRuleFile } from "../rules/ruleFile";
import { renderPrometheusRule } from "../backends/prometheus/prometheusRule";
import { DEFAULT_SPEC, loadModelForCli } from "./load";
import { UserError } from "../files/userError";
import { registerSelfHosted } from "./exportSelfHosted";

export function register(program: Command): void {
  const exp = program.command("export").description("Export generated configuration for tools outside Pulumi");
  exp
    .command("prometheus")
    .description("Print the Prometheus rule file (recording and alerting rules) of an environment")
    .requiredOption("-e, --env <env>", "environment")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .option("--format <format>", "rules (a Prometheus rule file) or prometheusrule (a prometheus-operator PrometheusRule)", "rules")
    .action((opts: { env: string; file: string; format: string }) => {
      if (opts.format !== "rules" && opts.format !== "prometheusrule") throw new UserError(1, `--format: expected rules or prometheusrule, got ${JSON.stringify(opts.format)}`);
      const model = loadModelForCli(opts.file, opts.env);
      process.stdout.write(opts.format === "prometheusrule" ? renderPrometheusRule(model) : renderRuleFile(model));
    });
  registerSelfHosted(exp);
}
