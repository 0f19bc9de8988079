/**
 * `readiness stacks --env E`: the stacks an environment is split into, their sizes, and what each
 * reads from an earlier stack; `--moves`: the `pulumi state move` commands a change of layout needs.
 */
import type { Command } from "commander";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment, stackServing } from "./load";
import { stackSettings } from "../stacks/stackConfig";
import { layoutStacks, pulumiStackName, stackNamer } from "../stacks/layout";
import type { StackPart } from "../stacks/partition";
import { layoutMembers, stateMoves, stateMoveText, type LayoutMembers } from "../stacks/moves";
import { formatDiagnostic, loadModels } from "../specification/loadModels";
import { UserError } from "../files/userError";
import { specAtRef } from "../files/specAtRef";
import { gitIncludeReader } from "../files/gitIncludeReader";
import { pulumiProjectName } from "./pulumiProject";
import { readUserFile } from "../files/userFiles";

/** The listing, one block per stack; spec ids are printed as JSON strings so no spec text can forge a line. */
export function stacksText(system: string, environment: string, parts: StackPart[]): string {
  const lines = [`Stacks for ${environment}: ${parts.length}`];
  for (const p of parts) {
    const resources = p.plan.resources.length;
    lines.push("", `${pulumiStackName(system, environment, p.name)}  ${resources} resource${resources === 1 ? "" : "s"}, ${p.plan.lookups.length} lookup${p.plan.lookups.length === 1 ? "" : "s"}${p.services.length ? `, services: ${p.services.map((s) => JSON.stringify(s)).join(", ")}` : ""}`);
    for (const r of p.reads) lines.push(`  reads from ${r.from}: ${r.type} ${JSON.stringify(r.resource)} .${r.output}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A previous layout from `readiness stacks --format json` output: every stack's `members`. */
export function membersFromJson(text: string, file: string): LayoutMembers {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(1, `--from ${file}: not JSON (${(e as Error).message}); write it with readiness stacks --env E --format json`);
  }
  const ok = Array.isArray(data) && data.every((s) => s && typeof s.stack === "string" && Array.isArray(s.members) && s.members.every((m: unknown) => typeof m === "string"));
  if (!ok) throw new UserError(1, `--from ${file}: expected the output of readiness stacks --env E --format json (a list of stacks, each with "stack" and "members")`);
  return new Map((data as { stack: string; members: string[] }[]).flatMap((s) => s.members.map((m) => [m, s.stack] as const)));
}

/** The layout of `file` at git `ref` (its included team files read at that ref too). */
function membersAtRef(file: string, ref: string, env: string): LayoutMembers {
  const base = specAtRef(file, ref);
  if (base.text === undefined) throw new UserError(1, `--base ${ref}: ${file} does not exist there, so there is no previous layout to compare with`);
  const r = loadModels(base.text, file, gitIncludeReader(file, ref), stackServing(file));
  if (!r.ok) throw new UserError(1, `${r.diagnostics.map(formatDiagnostic).join("\n")}\n(these are in ${base.where}) the spec at ${ref} does not load, so there is no previous layout to compare with`);
  const model = r.models[env];
  if (!model) throw new UserError(1, `--base ${ref}: environment ${env} is not declared there`);
  const parts = layoutStacks(r.spec, model, stackSettings(file, env));
  return layoutMembers(parts, stackNamer(r.spec.system.name, env, r.spec.environments[env]?.stacks !== undefined));
}

interface StacksOptions {
  env: string;
  file: string;
  format: string;
  moves?: boolean;
  base?: string;
  from?: string;
}

export function register(program: Command): void {
  program
    .command("stacks")
    .description("The Pulumi stacks an environment is split into (environments.<env>.stacks): resource counts and what each reads from an earlier stack; with --moves, the pulumi state move commands for resources that change stack")
    .requiredOption("-e, --env <env>", "environment")
    .option("--format <format>", "text or json", "text")
    .option("--moves", "print `pulumi state move` commands for every resource whose stack differs from the previous layout (--base, default HEAD, or --from)")
    .option("--base <gitref>", "with --moves: the previous layout is the spec (and its team files) at this git ref (default HEAD)")
    .option("--from <file>", "with --moves: the previous layout is this output of readiness stacks --env E --format json")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((opts: StacksOptions) => {
      if (!["text", "json"].includes(opts.format)) throw new UserError(1, `unknown --format ${opts.format}; use text or json`);
      if (!opts.moves && (opts.base !== undefined || opts.from !== undefined)) throw new UserError(1, "--base and --from only go with --moves");
      if (opts.base !== undefined && opts.from !== undefined) throw new UserError(1, "--base and --from cannot be combined: the previous layout comes from a git ref or from a file");
      const loaded = loadModelsForCli(opts.file);
      const model = pickEnvironment(loaded, opts.env);
      const parts = layoutStacks(loaded.spec, model, stackSettings(opts.file, opts.env));
      const name = stackNamer(loaded.spec.system.name, opts.env, loaded.spec.environments[opts.env]?.stacks !== undefined);
      if (opts.moves) {
        const before = opts.from !== undefined ? membersFromJson(readUserFile(opts.from), opts.from) : membersAtRef(opts.file, opts.base ?? "HEAD", opts.env);
        const moves = stateMoves(before, parts, name, pulumiProjectName(opts.file));
        process.stdout.write(opts.format === "json" ? `${JSON.stringify(moves, null, 2)}\n` : stateMoveText(moves));
        return;
      }
      if (opts.format === "json")
        process.stdout.write(
          `${JSON.stringify(
            parts.map((p) => ({ stack: name(p.name), services: p.services, resources: p.plan.resources.length, lookups: p.plan.lookups.length, reads: p.reads, members: p.plan.resources.filter((r) => !r.type.startsWith("pulumi:providers:")).map((r) => `${r.type}::${r.name}`) })),
            null,
            2,
          )}\n`,
        );
      else process.stdout.write(stacksText(loaded.spec.system.name, opts.env, parts));
    });
}
