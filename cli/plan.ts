/** `readiness plan`: the Plan for one environment, offline, as `pulumi up` would create it. */
import type { Command } from "commander";
import type { Plan } from "../plan/plan";
import { planFor } from "../stacks/stackConfig";
import { planJson } from "../plan/format/json";
import { planMarkdown } from "../plan/format/markdown";
import { planText } from "../plan/format/text";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment, statusPageWarnings } from "./load";
import { UserError } from "../files/userError";

/** A plan in the requested format. */
export function formatPlan(plan: Plan, format: string): string {
  switch (format) {
    case "json":
      return planJson(plan);
    case "markdown":
      return planMarkdown(plan);
    case "text":
      return planText(plan);
    default:
      throw new UserError(1, `unknown --format ${format}; use text, json or markdown`);
  }
}

export function register(program: Command): void {
  program
    .command("plan")
    .description("Print the resources `pulumi up` would create for an environment, offline and without credentials (secrets print as [secret])")
    .requiredOption("-e, --env <env>", "environment")
    .option("--format <format>", "text, json or markdown", "text")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((opts: { env: string; format: string; file: string }) => {
      const loaded = loadModelsForCli(opts.file);
      const model = pickEnvironment(loaded, opts.env);
      for (const w of statusPageWarnings(loaded, [opts.env])) process.stderr.write(`${w}\n`);
      process.stdout.write(formatPlan(planFor(model, opts.file), opts.format));
    });
}
