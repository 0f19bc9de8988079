/** `readiness stacks --env E`: the stacks an environment is split into, their sizes, and what each reads from an earlier stack. */
import type { Command } from "commander";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment } from "./load";
import { stackSettings } from "./plan";
import { layoutStacks, pulumiStackName } from "../stacks/layout";
import type { StackPart } from "../stacks/partition";

/** The listing, one block per stack; spec ids are printed as JSON strings so no spec text can forge a line. */
export function stacksText(environment: string, parts: StackPart[]): string {
  const lines = [`Stacks for ${environment}: ${parts.length}`];
  for (const p of parts) {
    const resources = p.plan.resources.length;
    lines.push("", `${pulumiStackName(environment, p.name)}  ${resources} resource${resources === 1 ? "" : "s"}, ${p.plan.lookups.length} lookup${p.plan.lookups.length === 1 ? "" : "s"}${p.services.length ? `, services: ${p.services.map((s) => JSON.stringify(s)).join(", ")}` : ""}`);
    for (const r of p.reads) lines.push(`  reads from ${r.from}: ${r.type} ${JSON.stringify(r.resource)} .${r.output}`);
  }
  return `${lines.join("\n")}\n`;
}

export function register(program: Command): void {
  program
    .command("stacks")
    .description("The Pulumi stacks an environment is split into (environments.<env>.stacks): resource counts and what each reads from an earlier stack")
    .requiredOption("-e, --env <env>", "environment")
    .option("--format <format>", "text or json", "text")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((opts: { env: string; file: string; format: string }) => {
      const loaded = loadModelsForCli(opts.file);
      const model = pickEnvironment(loaded, opts.env);
      const parts = layoutStacks(loaded.spec, model, stackSettings(opts.file, opts.env));
      if (opts.format === "json")
        process.stdout.write(`${JSON.stringify(parts.map((p) => ({ stack: pulumiStackName(opts.env, p.name), services: p.services, resources: p.plan.resources.length, lookups: p.plan.lookups.length, reads: p.reads })), null, 2)}\n`);
      else process.stdout.write(stacksText(opts.env, parts));
    });
}
