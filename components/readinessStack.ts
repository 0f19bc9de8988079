/**
 * ReadinessStack: a whole spec environment as one component. It renders the Plan (the same one
 * `readiness plan` prints), creates the component tree, and materializes every resource under it.
 * A team with its own Pulumi program can use it with a Model from `loadModels`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Model } from "../specification/model";
import { formatDiagnostic, loadModelsFromData, type SpecInput } from "../specification";
import type { Plan, PlanRef, RenderSettings } from "../backends/plan";
import { renderPlan } from "../backends/render";
import { configKeysOf } from "../backends/settings";
import { materialize } from "./materialize";
import { COMPONENT_CLASSES, type ReadinessComponent } from "./readinessComponent";
import { onCallAt } from "../oncall/rotation";

/** Inputs of a ReadinessStack: a resolved Model (the YAML path), or the spec as TypeScript data and an environment. */
export type ReadinessStackArgs = ReadinessStackCommon & ({ model: Model } | { spec: SpecInput; environment: string });

/** What every ReadinessStack takes besides the spec. */
export interface ReadinessStackCommon {
  /** Stack settings (ids of things that exist): `settingsFromConfig` reads them from stack config. */
  settings: RenderSettings;
  /** Reads a secret `namespace:key` from stack config (default: pulumi.Config). */
  secret?: (key: string) => pulumi.Output<string> | undefined;
  /** When the "on call now" output is computed (default: the deployment's clock). */
  now?: Date;
  /** One stack's part of the plan (stacks/partition.ts); default the whole environment's plan. */
  plan?: Plan;
  /** How this stack reads resources that live in the shared stack (a StackReference's outputs). */
  external?: (ref: PlanRef) => pulumi.Output<unknown> | undefined;
  /** Outputs other stacks read from this one (the shared stack's), exported as `sharedOutputs`. */
  exports?: PlanRef[];
}

/** The command that sets a missing config value, exactly as a user types it. */
export function configSetCommand(key: string, secret: boolean): string {
  return `pulumi config set ${secret ? "--secret " : ""}${key} <value> --stack ${pulumi.getStack()}`;
}

function configSecret(key: string): pulumi.Output<string> | undefined {
  const [ns, name] = key.split(":");
  return new pulumi.Config(ns).getSecret(name);
}

/** The spec data resolved for one environment, or a RunError with every located problem. */
function modelOf(spec: SpecInput, environment: string): Model {
  const loaded = loadModelsFromData(spec);
  if (!loaded.ok) throw new pulumi.RunError(`${loaded.diagnostics.map(formatDiagnostic).join("\n")}\n${loaded.diagnostics.length} problem(s) in the spec`);
  const model = loaded.models[environment];
  if (!model) throw new pulumi.RunError(`environment "${environment}" is not declared; declared: ${loaded.environments.join(", ")}`);
  return model;
}

export class ReadinessStack extends pulumi.ComponentResource {
  static readonly type = "readiness:stack:ReadinessStack";
  /** The plan this stack registered, resource for resource. */
  readonly plan: Plan;
  /** Grafana dashboard URLs by logical name. */
  readonly dashboardUrls: pulumi.Output<Record<string, string>>;
  /** PagerDuty service ids by spec service id. */
  readonly pagerdutyServiceIds: pulumi.Output<Record<string, string>>;
  /** Who is on call per schedule at deployment time. */
  readonly onCallNow: Record<string, string>;
  /** The outputs named by `exports`, keyed `type::name#output`, for later stacks of the layout to read. */
  readonly sharedOutputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: ReadinessStackArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(ReadinessStack.type, name, {}, opts);
    const { settings } = args;
    const model = "model" in args ? args.model : modelOf(args.spec, args.environment);
    const missing: string[] = [];
    const readSecret = args.secret ?? configSecret;
    const secret = (key: string) => {
      const v = readSecret(key);
      if (v === undefined) missing.push(configSetCommand(key, true));
      return v ?? pulumi.secret("");
    };

    this.plan = args.plan ?? renderPlan(model, settings);
    // Every setting the plan still holds as a placeholder (grafana:url, grafana:smUrl, account ids).
    const keys = configKeysOf(this.plan);
    for (const key of keys.unset) missing.push(configSetCommand(key, false));
    const components = new Map<string, pulumi.ComponentResource>([[this.plan.components[0].name, this]]);
    const children: ReadinessComponent[] = [];
    for (const c of this.plan.components.slice(1)) {
      const Ctor = COMPONENT_CLASSES[c.type];
      const child = new Ctor(c.name, {}, { parent: components.get(c.parent ?? "") ?? this, aliases: c.aliases?.map((name) => ({ name })) });
      components.set(c.name, child);
      children.push(child);
    }
    const created = materialize(this.plan, { components, secret, external: args.external });
    if (missing.length)
      throw new pulumi.RunError(
        `stack config is missing for environment ${model.environment}; run:\n  ${[...new Set(missing)].join("\n  ")}\n` +
          `(this environment reads the secrets ${keys.secrets.join(", ")}; see the README's provisioning section for every setting)`,
      );

    const outputsOf = (type: string, prop: string) =>
      pulumi.all(
        Object.fromEntries(
          this.plan.resources.filter((r) => r.type === type).map((r) => [r.name, (created.get(`${r.type}::${r.name}`) as Record<string, pulumi.Output<string>>)[prop]]),
        ),
      ) as pulumi.Output<Record<string, string>>;
    this.dashboardUrls = outputsOf("grafana:oss/dashboard:Dashboard", "url");
    this.pagerdutyServiceIds = outputsOf("pagerduty:index/service:Service", "id");
    this.sharedOutputs = pulumi.all(
      Object.fromEntries(
        (args.exports ?? []).map((r) => {
          const target = created.get(`${r.type}::${r.resource}`) as Record<string, pulumi.Output<unknown>> | undefined;
          if (!target?.[r.output]) throw new pulumi.RunError(`this stack has no ${r.type} ${r.resource} to export .${r.output} from`);
          return [`${r.type}::${r.resource}#${r.output}`, target[r.output]];
        }),
      ),
    ) as unknown as pulumi.Output<Record<string, unknown>>;
    const now = args.now ?? new Date();
    this.onCallNow = Object.fromEntries(model.oncall.schedules.map((s) => [s.id, onCallAt(s, now) ?? "nobody"]));
    for (const child of children) child.finish();
    this.registerOutputs({ dashboardUrls: this.dashboardUrls, pagerdutyServiceIds: this.pagerdutyServiceIds, onCallNow: this.onCallNow, sharedOutputs: this.sharedOutputs });
  }
}
