/**
 * `readiness up|preview --env E`: every stack of the environment's layout through Pulumi's
 * Automation API (one LocalWorkspace on the project), shared first, then the shards in parallel,
 * then routing (the notification policy, which names every shard's contact points). Before any
 * stack runs: the CLI's version, every stack's settings (copied from the environment's stack),
 * stacks the layout no longer has, and resources that change stack (`pulumi state move`).
 */
import type { Command } from "commander";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { execFile } from "node:child_process";
import path from "node:path";
import YAML from "yaml";
import type { automation } from "@pulumi/pulumi";
import { UserError } from "../files/userError";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment } from "./load";
import { stackSettings } from "../stacks/stackConfig";
import { pulumiProjectDir, pulumiProjectName } from "./pulumiProject";
import { isEnvironmentStack, layoutStacks, stackNamer } from "../stacks/layout";
import { ROUTING } from "../stacks/partition";
import { prepassKeep, prunedRouting, routedContactPoints } from "../stacks/routingPrepass";
import { runStacks, summaryText, type ChangeCounts } from "../stacks/orchestrate";
import { deployedMembers, movedServices, stateMoves, stateMoveText } from "../stacks/moves";
import { inheritedSettings, missingSettings, missingSettingsText } from "../stacks/settings";
import { plainStackConfig } from "../plan/settings";


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

/** The message when the Pulumi CLI is missing: what to install, and that nothing was changed. */
export const PULUMI_MISSING =
  "readiness up and preview drive the Pulumi CLI, which is not on PATH; nothing was run.\n" +
  "Install it (https://www.pulumi.com/docs/iac/download-install/), e.g. `curl -fsSL https://get.pulumi.com | sh` or `brew install pulumi/tap/pulumi`, then `pulumi login`.\n" +
  "Offline, `readiness plan --env E` and `readiness stacks --env E` show what would be deployed.";

/** The oldest CLI `readiness up` works with: `pulumi state move` as its announcement describes it shipped in 3.127.0 (pulumi/pulumi#16788). */
export const MIN_PULUMI_VERSION = "3.127.0";

/** Whether version `v` (`v3.200.0`, `3.200.0-alpha.1`) is at least `min`, comparing major, minor, patch. */
export function versionAtLeast(v: string, min: string): boolean {
  const nums = (s: string) => s.replace(/^v/, "").split(/[-+]/)[0].split(".").map((n) => Number(n) || 0);
  const [a, b] = [nums(v), nums(min)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** A writer that puts `prefix` before every line of a stream that arrives in chunks; `end` writes a last unterminated line. */
export function linePrefixer(prefix: string, write: (text: string) => void): { write(chunk: string): void; end(): void } {
  let pending = "";
  return {
    write(chunk) {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      if (lines.length) write(lines.map((l) => `${prefix}${l}\n`).join(""));
    },
    end() {
      if (pending) write(`${prefix}${pending}\n`);
      pending = "";
    },
  };
}

/** The diagnostics every failed update ends with, saying only that it failed. */
const GENERIC = /^(update|preview|destroy|refresh) failed$/;

/**
 * Why a stack failed, in one line: the engine's first error diagnostic (a program's RunError, a
 * provider's refusal), else the CLI's last `error:` line on stderr (no login, no passphrase), else
 * the first telling line of what the Automation API threw.
 */
export function failureReason(diagnostics: readonly string[], stderr: string, thrown: string): string {
  const diag = diagnostics.map((d) => d.trim()).find((d) => d && !GENERIC.test(d));
  if (diag) return diag.split("\n")[0];
  const errors = `${stderr}\n${thrown}`.split("\n").map((l) => l.trim()).filter((l) => /^error: /.test(l) && !GENERIC.test(l.slice(7)));
  if (errors.length) return errors.at(-1)!.slice(7);
  // The API's message is `code: N\n stdout: ...\n stderr: ...\n err?: ...`.
  return thrown.split("\n").map((l) => l.trim().replace(/^(stdout|stderr|err\?):\s*/, "")).find((l) => l && !/^code: /.test(l)) ?? "failed";
}

/** One CLI call outside the Automation API (stack export, stack output, state move), in the project folder. */
function pulumiCli(workDir: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) =>
    execFile("pulumi", args, { cwd: workDir, env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" }, maxBuffer: 512 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(failureReason([], stderr, `pulumi ${args.slice(0, 2).join(" ")} failed (exit ${err.code})`)));
      else resolve({ stdout, stderr });
    }),
  );
}

interface UpOptions {
  env: string;
  file: string;
  concurrency: string;
  refresh?: boolean;
  move?: boolean;
  destroyRemoved?: boolean;
}

type ConfigMap = automation.ConfigMap;
type Auto = typeof automation;

function register1(program: Command, verb: "up" | "preview"): void {
  program
    .command(verb)
    .description(
      `${verb === "up" ? "Deploy" : "Preview"} every stack of an environment through the Pulumi Automation API: the shared stack first, then the shards in parallel, then routing; stops at the first failure. Settings come from the environment's stack (Pulumi.<env>.yaml) and are checked for every stack first`,
    )
    .requiredOption("-e, --env <env>", "environment")
    .option("--concurrency <n>", "shard stacks run at once", "4")
    .option("--refresh", "refresh every stack's state from the providers before it runs")
    .option("--move", "carry out the pulumi state move commands a change of layout needs (else the run stops, naming them)")
    .option("--destroy-removed", "destroy (and remove) the environment's stacks the layout no longer has, after every other stack succeeded (else the run stops, naming them)")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action(async (opts: UpOptions) => {
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new UserError(1, `--concurrency ${JSON.stringify(opts.concurrency)}: expected a whole number of at least 1`);
      const loaded = loadModelsForCli(opts.file);
      const model = pickEnvironment(loaded, opts.env);
      if (!onPath("pulumi")) throw new UserError(1, PULUMI_MISSING);
      const workDir = pulumiProjectDir(opts.file);
      if (workDir === undefined) throw new UserError(1, `${opts.file}: no Pulumi.yaml in its folder or any folder above; run from the Pulumi project that deploys the spec (README: Provisioning for real with Pulumi)`);
      const auto = (await import("@pulumi/pulumi")).automation;
      await deploy(auto, verb, opts, workDir, { loaded, model, concurrency });
    });
}

async function deploy(auto: Auto, verb: "up" | "preview", opts: UpOptions, workDir: string, ctx: { loaded: ReturnType<typeof loadModelsForCli>; model: ReturnType<typeof pickEnvironment>; concurrency: number }): Promise<void> {
  const { loaded, model, concurrency } = ctx;
  const env = opts.env;
  const system = loaded.spec.system.name;
  const split = loaded.spec.environments[env]?.stacks !== undefined;
  const parts = layoutStacks(loaded.spec, model, stackSettings(opts.file, env));
  const nameOf = stackNamer(system, env, split);
  const names = parts.map((p) => nameOf(p.name)).filter((n, i, all) => all.indexOf(n) === i);
  const partOf = new Map(parts.map((p) => [nameOf(p.name), p.name]));
  const say = (text: string) => process.stderr.write(text);

  let ws: automation.LocalWorkspace;
  try {
    ws = await auto.LocalWorkspace.create({ workDir });
  } catch (e) {
    throw new UserError(1, `readiness ${verb}: the pulumi CLI did not answer (pulumi version): ${failureReason([], "", (e as Error).message)}; nothing was run`);
  }
  if (!versionAtLeast(ws.pulumiVersion, MIN_PULUMI_VERSION))
    throw new UserError(1, `readiness ${verb} needs the Pulumi CLI ${MIN_PULUMI_VERSION} or newer (pulumi state move); this one is ${ws.pulumiVersion}. Upgrade it (https://www.pulumi.com/docs/iac/download-install/); nothing was run.`);

  const existing = new Set(
    await ws.listStacks().then(
      (l) => l.map((s) => s.name.split("/").pop()!),
      (e: Error) => {
        throw new UserError(1, `readiness ${verb}: cannot list the project's stacks: ${failureReason([], "", e.message)}; nothing was run`);
      },
    ),
  );

  // Not split, the environment's stack is the one stack: it must be this system's.
  if (!split) {
    const owner = plainStackConfig(readStackFile(workDir, env))["readiness:system"];
    if (owner !== undefined && owner !== system)
      throw new UserError(1, `readiness ${verb}: stack ${env} deploys system ${JSON.stringify(owner)} (readiness:system in Pulumi.${env}.yaml), not ${JSON.stringify(system)}; a second system needs its own Pulumi project, or environments.${env}.stacks (split stacks are named <system>-<env>-<part>); nothing was run`);
  }

  // Settings, once per environment: the environment's stack holds them; every split stack gets a copy.
  let envConfig: ConfigMap;
  try {
    envConfig = existing.has(env) ? await ws.getAllConfig(env) : Object.fromEntries(Object.entries(plainStackConfig(readStackFile(workDir, env))).map(([k, v]) => [k, { value: v, secret: false }]));
  } catch (e) {
    throw new UserError(1, `readiness ${verb}: cannot read the settings of stack ${env}: ${failureReason([], "", (e as Error).message)}; nothing was run`);
  }
  const missing = missingSettings(parts, nameOf, new Set(Object.keys(envConfig)));
  if (missing.length) throw new UserError(1, missingSettingsText(env, missing).replace(/^readiness up/, `readiness ${verb}`));

  // What is deployed now, in every stack of this environment (and the environment's own, before a first split).
  const deployedStacks = [...existing].filter((s) => isEnvironmentStack(s, system, env) || s === env).sort();
  const exported = new Map<string, { urn: string; custom?: boolean; type?: string }[]>();
  try {
    await Promise.all(
      deployedStacks.map(async (s) => {
        const { stdout } = await pulumiCli(workDir, ["stack", "export", "--stack", s]);
        exported.set(s, (JSON.parse(stdout) as { deployment?: { resources?: { urn: string; custom?: boolean }[] } }).deployment?.resources ?? []);
      }),
    );
  } catch (e) {
    throw new UserError(1, `readiness ${verb}: cannot read what is deployed (pulumi stack export): ${(e as Error).message}; nothing was run`);
  }
  const before = deployedMembers(exported);
  const problems: string[] = [];
  const moves = stateMoves(before, parts, nameOf, pulumiProjectName(opts.file));
  if (moves.length && !opts.move) {
    const services = movedServices(before, parts, nameOf);
    problems.push(
      `${services.length} service(s) change stack: ${services.map((s) => `${JSON.stringify(s.service)} from ${s.from} to ${s.to}`).join(", ")}. Without a move the old stack deletes them and the new one creates them again. Run readiness ${verb} --move, or first:\n${stateMoveText(moves).trimEnd()}`,
    );
  }
  const orphans = [...existing].filter((s) => isEnvironmentStack(s, system, env) && !names.includes(s)).sort();
  if (orphans.length && !opts.destroyRemoved) {
    const count = (s: string) => (exported.get(s) ?? []).filter((r) => r.custom !== false && !/::pulumi:/.test(r.urn)).length;
    problems.push(
      `the layout of ${env} no longer has ${orphans.map((s) => `${s} (${count(s)} resources)`).join(", ")}. Run readiness ${verb} --destroy-removed to destroy ${orphans.length === 1 ? "it" : "them"} once every other stack succeeded, or by hand: ${orphans.map((s) => `pulumi destroy --stack ${s} && pulumi stack rm ${s}`).join("; ")}`,
    );
  }
  // Grafana's notification policy is one per org: only the stack the layout gives it may hold one.
  const POLICY = "grafana:alerting/notificationPolicy:NotificationPolicy::";
  const owner = parts.find((p) => p.plan.resources.some((r) => `${r.type}::${r.name}`.startsWith(POLICY)));
  const policyKeys = new Set(parts.flatMap((p) => p.plan.resources.map((r) => `${r.type}::${r.name}`)).filter((k) => k.startsWith(POLICY)));
  for (const [key, stack] of before)
    if (key.startsWith(POLICY) && !policyKeys.has(key) && !(opts.destroyRemoved && orphans.includes(stack)))
      problems.push(`stack ${stack} holds Grafana's notification policy ${JSON.stringify(key.slice(POLICY.length))}, and ${owner ? nameOf(owner.name) : "no stack"} would hold another; Grafana has one per org: remove it from ${stack} first`);
  if (problems.length) throw new UserError(1, `readiness ${verb}: stopped before any stack ran:\n${problems.map((p) => `- ${p}`).join("\n")}`);

  if (moves.length) {
    if (verb === "preview") say(`readiness preview: readiness up --move would first move:\n${stateMoveText(moves)}`);
    else
      for (const m of moves) {
        try {
          if (!existing.has(m.dest)) {
            await auto.Stack.createOrSelect(m.dest, ws);
            existing.add(m.dest);
          }
          say(`readiness up: pulumi state move --source ${m.source} --dest ${m.dest} --yes (${m.urns.length} URN${m.urns.length === 1 ? "" : "s"})\n`);
          await pulumiCli(workDir, ["state", "move", "--source", m.source, "--dest", m.dest, "--yes", ...m.urns]);
        } catch (e) {
          throw new UserError(1, `readiness up: pulumi state move --source ${m.source} --dest ${m.dest} failed: ${(e as Error).message}; no stack was run`);
        }
      }
  }

  const created: string[] = [];
  const run = async (stackName: string, routeOnly?: string[]): Promise<ChangeCounts> => {
    const diagnostics: string[] = [];
    let stderr = "";
    const out = linePrefixer(`[${stackName}] `, say);
    const err = linePrefixer(`[${stackName}] `, say);
    try {
      if (!existing.has(stackName)) {
        await auto.Stack.create(stackName, ws);
        existing.add(stackName);
        created.push(stackName);
      }
      const stack = await auto.Stack.select(stackName, ws);
      await stack.setAllConfig({
        ...(split ? inheritedSettings(envConfig) : {}),
        "readiness:system": { value: system },
        "readiness:environment": { value: env },
        // Relative to the project, so the stack file committed beside it holds no machine's path.
        "readiness:spec": { value: path.relative(workDir, path.resolve(opts.file)) },
        ...(split ? { "readiness:shard": { value: partOf.get(stackName) ?? "" } } : {}),
        // Empty outside the routing pre-pass (stacks/routingPrepass.ts).
        ...(split ? { "readiness:routeOnly": { value: routeOnly ? JSON.stringify(routeOnly) : "" } } : {}),
      });
      const options = {
        refresh: opts.refresh,
        onOutput: (s: string) => out.write(s),
        onError: (s: string) => {
          stderr += s;
          err.write(s);
        },
        onEvent: (e: automation.EngineEvent) => {
          if (e.diagnosticEvent?.severity === "error") diagnostics.push(e.diagnosticEvent.message);
        },
      };
      if (verb === "up") return ((await stack.up(options)).summary?.resourceChanges ?? {}) as ChangeCounts;
      return (await stack.preview(options)).changeSummary as ChangeCounts;
    } catch (e) {
      throw new Error(failureReason(diagnostics, stderr, e instanceof Error ? e.message : String(e)));
    } finally {
      out.end();
      err.end();
    }
  };

  try {
    const routing = split && parts.at(-1)?.name === ROUTING ? nameOf(ROUTING) : undefined;
    // A route that goes must leave the policy before its contact point is deleted (Grafana refuses otherwise).
    if (verb === "up" && routing !== undefined && existing.has(routing)) {
      const previous = await previousRoutes(workDir, routing);
      const keep = prepassKeep(previous, routedContactPoints(parts));
      if (keep !== undefined) {
        if (!prunedRouting(parts, keep)) throw new UserError(1, `${routing}: a route whose contact point is being removed is the policy's default one; run pulumi up --stack ${routing} by hand first`);
        say(`readiness up: ${routing} first, without the ${(previous?.length ?? 0) - keep.length} route(s) being removed\n`);
        try {
          await run(routing, keep);
        } catch (e) {
          throw new UserError(1, `readiness up: ${routing} (pre-pass) failed: ${(e as Error).message}; nothing else was run`);
        } finally {
          // A later `pulumi up --stack <routing>` by hand must deploy the whole policy, not the pre-pass's.
          await auto.Stack.select(routing, ws).then((s) => s.setConfig("readiness:routeOnly", { value: "" })).catch(() => say(`readiness up: could not clear readiness:routeOnly on ${routing}; clear it before running it by hand: pulumi config set readiness:routeOnly "" --stack ${routing}\n`));
        }
      }
    }
    // The routing stack reads every shard's contact points, so it waits for all of them.
    const summary = await runStacks(names, (s) => run(s), concurrency, routing !== undefined ? 1 : 0);
    const extra: string[] = [];
    if (orphans.length) {
      for (const s of orphans) {
        if (verb === "preview") extra.push(`  ${s}  not in the layout: readiness up --destroy-removed destroys it`);
        else if (summary.failed) extra.push(`  ${s}  not in the layout: not destroyed, as ${summary.failed} failed`);
        else {
          try {
            const stack = await auto.Stack.select(s, ws);
            const out = linePrefixer(`[${s}] `, say);
            await stack.destroy({ onOutput: (t: string) => out.write(t), onError: (t: string) => out.write(t) });
            out.end();
            await ws.removeStack(s);
            extra.push(`  ${s}  destroyed and removed: not in the layout`);
          } catch (e) {
            summary.failed ??= s;
            extra.push(`  ${s}  failed to destroy: ${failureReason([], "", (e as Error).message)}`);
          }
        }
      }
    }
    process.stdout.write(summaryText(verb, summary) + (extra.length ? `${extra.join("\n")}\n` : ""));
    if (summary.failed) throw new UserError(1);
  } finally {
    // A preview leaves no stack behind that it made only to preview.
    if (verb === "preview") for (const s of created.reverse()) await ws.removeStack(s).catch((e: Error) => say(`readiness preview: could not remove stack ${s}, created for the preview: ${failureReason([], "", e.message)}\n`));
  }
}

/** The stack file `Pulumi.<stack>.yaml` of the project, parsed; empty when there is none. */
function readStackFile(workDir: string, stack: string): unknown {
  const file = path.join(workDir, `Pulumi.${stack}.yaml`);
  return existsSync(file) ? YAML.parse(readFileSync(file, "utf8")) : {};
}

/** The contact points the routing stack routed to at its last deployment (its plain `routedContactPoints` output; no secret is read). */
async function previousRoutes(workDir: string, stackName: string): Promise<string[] | undefined> {
  let outputs: Record<string, unknown>;
  try {
    outputs = JSON.parse((await pulumiCli(workDir, ["stack", "output", "--json", "--stack", stackName])).stdout) as Record<string, unknown>;
  } catch (e) {
    throw new UserError(1, `readiness up: cannot read what ${stackName} routed to at its last deployment (pulumi stack output): ${(e as Error).message}; nothing was run`);
  }
  const value = outputs.routedContactPoints;
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
}

export function register(program: Command): void {
  register1(program, "up");
  register1(program, "preview");
}
