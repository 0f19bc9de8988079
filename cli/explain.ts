/** `readiness explain`: error budgets and how fast each burn-rate alert fires. */
import type { Command } from "commander";
import { explainText } from "../slos/explain";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment } from "./load";

export function register(program: Command): void {
  program
    .command("explain")
    .description("Explain each SLO's error budget and when its burn-rate alerts fire")
    .option("-e, --env <env>", "environment (default: every environment)")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((opts: { env?: string; file: string }) => {
      const loaded = loadModelsForCli(opts.file);
      const models = opts.env === undefined ? loaded.environments.map((e) => pickEnvironment(loaded, e)) : [pickEnvironment(loaded, opts.env)];
      process.stdout.write(models.map(explainText).join("\n"));
    });
}
