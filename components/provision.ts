/**
 * What ReadinessStack (a Plan from YAML) and ReadinessSystem (components declared in TypeScript)
 * share once the component tree exists: every resource of the plan materialized under its
 * component, missing stack config reported at once with the commands that set it, and the outputs
 * both export.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Plan, PlanRef, RenderSettings } from "../plan/plan";
import { configKeysOf } from "../plan/settings";
import { settingHelp } from "../plan/settingsText";
import { materialize } from "./materialize";
import type { ReadinessComponent } from "./readinessComponent";

/** What every ReadinessStack and ReadinessSystem takes besides the spec. */
export interface ReadinessStackCommon {
  /** Stack settings (ids of things that exist): `settingsFromConfig` reads them from stack config. */
  settings: RenderSettings;
  /** Reads a secret `namespace:key` from stack config (default: pulumi.Config). */
  secret?: (key: string) => pulumi.Output<string> | undefined;
  /** One stack's part of the plan (stacks/partition.ts); default the whole environment's plan. */
  plan?: Plan;
  /** How this stack reads resources of earlier stacks of the layout (StackReferences' outputs). */
  external?: (ref: PlanRef) => pulumi.Output<unknown> | undefined;
  /** Outputs later stacks of the layout read from this one, exported as `sharedOutputs`. */
  exports?: PlanRef[];
  /** The program's `pulumi.Input<string>` values the plan's `$input` placeholders name (components/inputs.ts). */
  inputs?: ReadonlyMap<string, pulumi.Input<string>>;
}

/** The outputs a provisioned plan exports. */
export interface Provisioned {
  /** Grafana dashboard URLs by logical name. */
  dashboardUrls: pulumi.Output<Record<string, string>>;
  /** PagerDuty service ids by spec service id. */
  pagerdutyServiceIds: pulumi.Output<Record<string, string>>;
  /** The outputs named by `exports`, keyed `type::name#output`. */
  sharedOutputs: pulumi.Output<Record<string, unknown>>;
}

/** The command that sets a missing config value, exactly as a user types it. */
export function configSetCommand(key: string, secret: boolean): string {
  return `pulumi config set ${secret ? "--secret " : ""}${key} <value> --stack ${pulumi.getStack()}`;
}

function configSecret(key: string): pulumi.Output<string> | undefined {
  const [ns, name] = key.split(":");
  return new pulumi.Config(ns).getSecret(name);
}

/**
 * Materializes `plan` under `components` (plan component name -> component; a resource's `parent`
 * names its key) and registers each ReadinessComponent's resources with it. Throws a RunError
 * listing every unset config key.
 */
export function provision(plan: Plan, environment: string, components: Map<string, pulumi.ComponentResource>, args: ReadinessStackCommon): Provisioned {
  const missing: string[] = [];
  // Each missing key with what it is and where to get it, from the settings table (docs/settings.md).
  const need = (key: string, isSecret: boolean) => missing.push(`${configSetCommand(key, isSecret)}\n      # ${settingHelp(key)}`);
  const readSecret = args.secret ?? configSecret;
  const secret = (key: string) => {
    const v = readSecret(key);
    if (v === undefined) need(key, true);
    return v ?? pulumi.secret("");
  };
  // Every setting the plan still holds as a placeholder (grafana:url, grafana:smUrl, account ids),
  // also one a stack file still holds as `<placeholder>` (settingsFromConfig).
  const keys = configKeysOf(plan);
  for (const key of keys.unset) need(key, false);
  const created = materialize(plan, { components, secret, external: args.external, inputs: args.inputs });
  if (missing.length)
    throw new pulumi.RunError(
      `stack config is missing for environment ${environment}; run:\n  ${[...new Set(missing)].join("\n  ")}\n` +
        `(this environment reads the secrets ${keys.secrets.join(", ")}; docs/settings.md explains every setting)`,
    );

  const outputsOf = (type: string, prop: string) =>
    pulumi.all(
      Object.fromEntries(plan.resources.filter((r) => r.type === type).map((r) => [r.name, (created.get(`${r.type}::${r.name}`) as Record<string, pulumi.Output<string>>)[prop]])),
    ) as pulumi.Output<Record<string, string>>;
  const sharedOutputs = pulumi.all(
    Object.fromEntries(
      (args.exports ?? []).map((r) => {
        const target = created.get(`${r.type}::${r.resource}`) as Record<string, pulumi.Output<unknown>> | undefined;
        if (!target?.[r.output]) throw new pulumi.RunError(`this stack has no ${r.type} ${r.resource} to export .${r.output} from`);
        return [`${r.type}::${r.resource}#${r.output}`, target[r.output]];
      }),
    ),
  ) as unknown as pulumi.Output<Record<string, unknown>>;

  const byComponent = new Map<string, Record<string, pulumi.Resource>>();
  for (const r of plan.resources) {
    const key = `${r.type}::${r.name}`;
    const group = byComponent.get(r.parent) ?? {};
    group[key] = created.get(key) as pulumi.Resource;
    byComponent.set(r.parent, group);
  }
  for (const [name, component] of components) {
    if ("finish" in component) (component as ReadinessComponent).finish(byComponent.get(name) ?? {});
  }
  return { dashboardUrls: outputsOf("grafana:oss/dashboard:Dashboard", "url"), pagerdutyServiceIds: outputsOf("pagerduty:index/service:Service", "id"), sharedOutputs };
}
