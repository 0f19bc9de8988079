/** `readiness plan`: the Plan for one environment, offline, as `pulumi up` would create it. */
import type { Command } from "commander";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { Model } from "../specification/model";
import type { Plan, RenderSettings } from "../backends/plan";
import { renderPlan } from "../backends/render";
import { plainStackConfig, settingsFromConfig } from "../backends/settings";
import { planJson, planMarkdown, planText } from "../backends/planFormat";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment } from "./load";
import { CliExit } from "./errors";

/** Settings from Pulumi.<env>.yaml beside the spec, when there is one (secrets are never read). */
export function stackSettings(specFile: string, env: string): RenderSettings {
  const stackFile = path.join(path.dirname(specFile), `Pulumi.${env}.yaml`);
  const config = existsSync(stackFile) ? plainStackConfig(parse(readFileSync(stackFile, "utf8"))) : {};
  return settingsFromConfig((k) => config[k]);
}

/** The plan of a model with the stack's settings. */
export function planFor(model: Model, specFile: string): Plan {
  return renderPlan(model, stackSettings(specFile, model.environment));
}

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
      throw new CliExit(1, `unknown --format ${format}; use text, json or markdown`);
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
      process.stdout.write(formatPlan(planFor(model, opts.file), opts.format));
    });
}
