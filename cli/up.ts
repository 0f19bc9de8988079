/**
 * `readiness up|preview --env E`: every stack of the environment's layout through Pulumi's
 * Automation API (LocalWorkspace on this project), shared first, then the shards in parallel, then
 * routing (the notification policy, which names every shard's contact points).
 */
import type { Command } from "commander";
import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { UserError } from "../files/userError";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment } from "./load";
import { stackSettings } from "./plan";
import { layoutStacks, pulumiStackName } from "../stacks/layout";
import { ROUTING } from "../stacks/partition";
import { prepassKeep, prunedRouting, routedContactPoints } from "../stacks/routingPrepass";
import { runStacks, summaryText, type ChangeCounts } from "../stacks/orchestrate";

/** Whether an executable named `name` is on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const exts = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD").split(";") : [""];
  return (env.PATH ?? "").split(path.delimiter).some((dir) =>
    exts.some((ext) => {
      try {
        accessSync(path.join(dir, name + ext), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }),
  );
}

/**
 * The Pulumi project that deploys `specFile`: the nearest folder at or above the spec holding a
 * Pulumi.yaml. Not this package's own folder: installed elsewhere, that is node_modules.
 */
export function pulumiProjectDir(specFile: string, exists: (p: string) => boolean = existsSync): string | undefined {
  for (let dir = path.dirname(path.resolve(specFile)); ; dir = path.dirname(dir)) {
    if (exists(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The message when the Pulumi CLI is missing: what to install, and that nothing was changed. */
export const PULUMI_MISSING =
  "readiness up and preview drive the Pulumi CLI, which is not on PATH; nothing was run.\n" +
  "Install it (https://www.pulumi.com/docs/iac/download-install/), e.g. `curl -fsSL https://get.pulumi.com | sh` or `brew install pulumi/tap/pulumi`, then `pulumi login`.\n" +
  "Offline, `readiness plan --env E` and `readiness stacks --env E` show what would be deployed.";

function register1(program: Command, verb: "up" | "preview"): void {
  program
    .command(verb)
    .description(`${verb === "up" ? "Deploy" : "Preview"} every stack of an environment through the Pulumi Automation API: the shared stack first, then the shards in parallel, then routing; stops at the first failure`)
    .requiredOption("-e, --env <env>", "environment")
    .option("--concurrency <n>", "shard stacks run at once", "4")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action(async (opts: { env: string; file: string; concurrency: string }) => {
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new UserError(1, `--concurrency ${JSON.stringify(opts.concurrency)}: expected a whole number of at least 1`);
      const loaded = loadModelsForCli(opts.file);
      const model = pickEnvironment(loaded, opts.env);
      if (!onPath("pulumi")) throw new UserError(1, PULUMI_MISSING);
      const parts = layoutStacks(loaded.spec, model, stackSettings(opts.file, opts.env));
      const split = loaded.spec.environments[opts.env]?.stacks !== undefined;
      // Unsplit, the environment is one stack named like it, as `pulumi up --stack prod` always was.
      const names = split ? parts.map((p) => pulumiStackName(opts.env, p.name)) : [opts.env];
      const shardOf = new Map(parts.map((p) => [pulumiStackName(opts.env, p.name), p.name]));
      const { LocalWorkspace } = (await import("@pulumi/pulumi")).automation;
      const workDir = pulumiProjectDir(opts.file);
      if (workDir === undefined) throw new UserError(1, `${opts.file}: no Pulumi.yaml in its folder or any folder above; run from the Pulumi project that deploys the spec (README: Provisioning for real with Pulumi)`);
      const run = async (stackName: string, routeOnly?: string[]): Promise<ChangeCounts> => {
        const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir });
        await stack.setAllConfig({
          "readiness:environment": { value: opts.env },
          // Relative to the project, so the stack file committed beside it holds no machine's path.
          "readiness:spec": { value: path.relative(workDir, path.resolve(opts.file)) },
          ...(split ? { "readiness:shard": { value: shardOf.get(stackName) ?? "" } } : {}),
          // Empty outside the routing pre-pass (stacks/routingPrepass.ts).
          ...(split ? { "readiness:routeOnly": { value: routeOnly ? JSON.stringify(routeOnly) : "" } } : {}),
        });
        const onOutput = (line: string) => process.stderr.write(`[${stackName}] ${line}`);
        if (verb === "up") return ((await stack.up({ onOutput })).summary.resourceChanges ?? {}) as ChangeCounts;
        return (await stack.preview({ onOutput })).changeSummary as ChangeCounts;
      };
      const routing = split && parts.at(-1)?.name === ROUTING ? pulumiStackName(opts.env, ROUTING) : undefined;
      // A route that goes must leave the policy before its contact point is deleted (Grafana refuses otherwise).
      if (verb === "up" && routing !== undefined) {
        const before = await previousRoutes(LocalWorkspace, routing, workDir);
        const keep = prepassKeep(before, routedContactPoints(parts));
        if (keep !== undefined) {
          if (!prunedRouting(parts, keep)) throw new UserError(1, `${routing}: a route whose contact point is being removed is the policy's default one; run pulumi up --stack ${routing} by hand first`);
          process.stderr.write(`readiness up: ${routing} first, without the ${(before?.length ?? 0) - keep.length} route(s) being removed\n`);
          try {
            await run(routing, keep);
          } catch (e) {
            throw new UserError(1, `readiness up: ${routing} (pre-pass) failed: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}; nothing else was run`);
          }
        }
      }
      // The routing stack reads every shard's contact points, so it waits for all of them.
      const summary = await runStacks(names, (s) => run(s), concurrency, routing !== undefined ? 1 : 0);
      process.stdout.write(summaryText(verb, summary));
      if (summary.failed) throw new UserError(1);
    });
}

/** The contact points the routing stack routed to at its last deployment; undefined when it was never deployed. */
async function previousRoutes(ws: typeof import("@pulumi/pulumi").automation.LocalWorkspace, stackName: string, workDir: string): Promise<string[] | undefined> {
  try {
    const stack = await ws.selectStack({ stackName, workDir });
    const value = (await stack.outputs()).routedContactPoints?.value;
    return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
  } catch {
    return undefined;
  }
}

export function register(program: Command): void {
  register1(program, "up");
  register1(program, "preview");
}
