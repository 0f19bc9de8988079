/**
 * The Pulumi program of one stack of a layout: `readiness:shard` names it (`shared`, `shard-01`,
 * ..., `routing`); unset, the whole environment in one stack as before. Every stack exports, as
 * `sharedOutputs`, the outputs later stacks read from it; a stack reads them through one
 * StackReference per stack it reads from.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Model } from "../specification/model";
import type { Spec } from "../specification/schema";
import type { RenderSettings } from "../plan/plan";
import { ReadinessStack, type ReadinessStackArgs } from "../components/readinessStack";
import { layoutStacks } from "./layout";
import { outputKey, ROUTING, SHARED } from "./partition";
import { prunedRouting, routedContactPoints } from "./routingPrepass";

/** What the routing stack exports as `routedContactPoints`: the Grafana contact points its policy routes to (empty for other stacks). */
export function stackRoutedContactPoints(args: StackProgramArgs): string[] {
  if (args.shard !== ROUTING || args.routeOnly !== undefined) return args.routeOnly ?? [];
  return routedContactPoints(layoutStacks(args.spec, args.model, args.settings));
}

/** What the program needs besides the spec: the stack to build and how to reach the others. */
export interface StackProgramArgs {
  spec: Spec;
  model: Model;
  settings: RenderSettings;
  /** `readiness:shard`; undefined: the whole environment. */
  shard?: string;
  /** Fully qualified name of the shared stack, e.g. `acme/readiness/prod-shared`. */
  sharedStack: string;
  /** Fully qualified name of another stack of the layout; by default the shared stack's with its last `shared` replaced by the part's name. */
  stackPath?: (part: string) => string;
  secret?: ReadinessStackArgs["secret"];
  /** `readiness:routeOnly`: the routing stack's pre-pass, routing only to these contact points (stacks/routingPrepass.ts). */
  routeOnly?: string[];
}

/** Builds the named stack's part of the plan; a shard name the layout does not have is an error listing the ones it has. */
export function buildStackProgram(args: StackProgramArgs): ReadinessStack {
  const { spec, model, settings } = args;
  const base = { model, settings, secret: args.secret };
  if (args.shard === undefined) return new ReadinessStack(model.system.name, base);
  const parts = layoutStacks(spec, model, settings);
  const found = parts.find((p) => p.name === args.shard);
  const part = found && args.routeOnly !== undefined && found.name === ROUTING ? prunedRouting(parts, args.routeOnly) : found;
  if (found && !part) throw new pulumi.RunError(`readiness:routeOnly: the notification policy's default contact point is not among ${JSON.stringify(args.routeOnly)}; deploy ${found.name} without it`);
  if (!part) throw new pulumi.RunError(`readiness:shard "${args.shard}" is not a stack of ${model.environment}; its stacks: ${parts.map((p) => p.name).join(", ")} (see readiness stacks --env ${model.environment})`);
  const exports = parts.flatMap((p) => p.reads).filter((r) => r.from === part.name);
  const pathOf = (name: string) => (name === SHARED ? args.sharedStack : args.stackPath?.(name) ?? args.sharedStack.replace(/shared$/, name));
  const sources = new Map<string, pulumi.Output<Record<string, unknown> | undefined>>();
  const fromOf = new Map(part.reads.map((r) => [outputKey(r), r.from]));
  return new ReadinessStack(model.system.name, {
    ...base,
    plan: part.plan,
    exports,
    external: (ref) => {
      const key = outputKey(ref);
      const from = fromOf.get(key);
      if (from === undefined) return undefined;
      const source = sources.get(from) ?? new pulumi.StackReference(pathOf(from)).getOutput("sharedOutputs");
      sources.set(from, source);
      return source.apply((m: Record<string, unknown> | undefined) => {
        // A preview before the earlier stack exports it (a first deployment, a new read): not known yet, as any output of a resource still to be created.
        if ((!m || !(key in m)) && pulumi.runtime.isDryRun()) return pulumi.unknown as unknown;
        if (!m || !(key in m)) throw new pulumi.RunError(`${pathOf(from)} does not export ${key}: run \`readiness up --env ${model.environment}\`, which deploys ${from} before ${part.name}`);
        return m[key];
      });
    },
  });
}
