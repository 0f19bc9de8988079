/**
 * The Pulumi program of one stack of a layout: `readiness:shard` names it (`shared`, `shard-01`,
 * ...); unset, the whole environment in one stack as before. The shared stack exports every output
 * a shard reads as `sharedOutputs`; a shard reads them through a StackReference to the shared stack.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Model } from "../specification/model";
import type { Spec } from "../specification/schema";
import type { RenderSettings } from "../backends/plan";
import { ReadinessStack, type ReadinessStackArgs } from "../components/readinessStack";
import { layoutStacks } from "./layout";
import { outputKey, SHARED } from "./partition";

/** What the program needs besides the spec: the shard to build and how to reach the shared stack. */
export interface StackProgramArgs {
  spec: Spec;
  model: Model;
  settings: RenderSettings;
  /** `readiness:shard`; undefined: the whole environment. */
  shard?: string;
  /** Fully qualified name of the shared stack, e.g. `acme/readiness/prod-shared`. */
  sharedStack: string;
  secret?: ReadinessStackArgs["secret"];
  now?: Date;
}

/** Builds the named stack's part of the plan; a shard name the layout does not have is an error listing the ones it has. */
export function buildStackProgram(args: StackProgramArgs): ReadinessStack {
  const { spec, model, settings } = args;
  const base = { model, settings, secret: args.secret, now: args.now };
  if (args.shard === undefined) return new ReadinessStack(model.system.name, base);
  const parts = layoutStacks(spec, model, settings);
  const part = parts.find((p) => p.name === args.shard);
  if (!part) throw new pulumi.RunError(`readiness:shard "${args.shard}" is not a stack of ${model.environment}; its stacks: ${parts.map((p) => p.name).join(", ")} (see readiness stacks --env ${model.environment})`);
  if (part.name === SHARED) {
    const exports = parts.flatMap((p) => p.reads);
    return new ReadinessStack(model.system.name, { ...base, plan: part.plan, exports });
  }
  const shared = new pulumi.StackReference(args.sharedStack);
  const outputs = shared.getOutput("sharedOutputs");
  const reads = new Set(part.reads.map(outputKey));
  return new ReadinessStack(model.system.name, {
    ...base,
    plan: part.plan,
    external: (ref) => {
      const key = outputKey(ref);
      if (!reads.has(key)) return undefined;
      return outputs.apply((m: Record<string, unknown> | undefined) => {
        if (!m || !(key in m)) throw new pulumi.RunError(`${args.sharedStack} does not export ${key}: run \`readiness up --env ${model.environment}\` (or pulumi up on the shared stack) first`);
        return m[key];
      });
    },
  });
}
