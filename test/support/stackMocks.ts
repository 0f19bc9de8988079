/**
 * The mock runtime for stack programs (stacks/program.ts): every resource registered is recorded,
 * and a StackReference to `acme/readiness/<env>-<stack>` answers with that stack's
 * `sharedOutputs`, as `pulumi stack output sharedOutputs` would give them.
 */
import * as pulumi from "@pulumi/pulumi";
import { outputKey, type StackPart } from "../../stacks/partition";

/** What the mocks saw: resources registered and the stacks referenced, in order. */
export interface StackMockLog {
  registered: { type: string; name: string; inputs: Record<string, unknown> }[];
  stackReferences: string[];
}

/** Installs the mocks for `stack`; `parts` gives the layout whose exports StackReferences return. */
export function setStackMocks(stack: string, parts: () => StackPart[]): StackMockLog {
  const log: StackMockLog = { registered: [], stackReferences: [] };
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type === "pulumi:pulumi:StackReference") {
          log.stackReferences.push(String(args.inputs.name));
          const from = String(args.inputs.name).replace("acme/readiness/prod-", "");
          const sharedOutputs = Object.fromEntries(parts().flatMap((p) => p.reads).filter((r) => r.from === from).map((r) => [outputKey(r), `from-${from}:${outputKey(r)}`]));
          return { id: String(args.inputs.name), state: { name: args.inputs.name, outputs: { sharedOutputs }, secretOutputNames: [] } };
        }
        log.registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        const state: Record<string, unknown> = { ...args.inputs };
        for (const out of ["id", "integrationKey", "uid", "url", "name"]) if (state[out] === undefined) state[out] = `${args.type}::${args.name}#${out}`;
        return { id: `${args.type}::${args.name}#id`, state };
      },
      call(args) {
        if (args.token === "pagerduty:index/getUser:getUser") return { id: `user-${String(args.inputs.email)}`, email: args.inputs.email, name: "x" };
        if (args.token === "grafana:syntheticMonitoring/getProbes:getProbes") return { probes: { Paris: 3 } };
        // A first deploy: the account has no status page Worker yet.
        if (args.token === "cloudflare:index/getWorkersScripts:getWorkersScripts") return { results: [] };
        return args.inputs;
      },
    },
    "readiness",
    stack,
    false,
  );
  return log;
}
