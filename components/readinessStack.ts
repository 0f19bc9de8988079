/**
 * ReadinessStack: a whole spec environment as one component. It renders the Plan (the same one
 * `readiness plan` prints), creates the component tree, and materializes every resource under it.
 * A team with its own Pulumi program can use it with a Model from `loadModels`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Model } from "../specification/model";
import { formatDiagnostic, loadModelsFromData, type SpecInput } from "../specification/loadModels";
import type { Plan, RenderSettings } from "../plan/plan";
import { renderPlan } from "../backends/render";
import { COMPONENT_CLASSES } from "./readinessComponent";
import { provision, type ReadinessStackCommon } from "./provision";

/** Inputs of a ReadinessStack: a resolved Model (the YAML path), or the spec as TypeScript data and an environment. */
export type ReadinessStackArgs = ReadinessStackCommon & ({ model: Model } | { spec: SpecInput; environment: string });

export type { ReadinessStackCommon } from "./provision";

/**
 * The spec data resolved for one environment, or a RunError with every located problem; `settings`
 * say whether the status page is served (no custom domain without a Cloudflare zone).
 */
export function modelOf(spec: SpecInput, environment: string, settings?: Pick<RenderSettings, "cloudflareZoneId">): Model {
  const loaded = loadModelsFromData(spec, undefined, settings ? () => ({ cloudflareZoneId: settings.cloudflareZoneId }) : undefined);
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
  /** The outputs named by `exports`, keyed `type::name#output`, for later stacks of the layout to read. */
  readonly sharedOutputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: ReadinessStackArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(ReadinessStack.type, name, {}, opts);
    const model = "model" in args ? args.model : modelOf(args.spec, args.environment, args.settings);
    this.plan = args.plan ?? renderPlan(model, args.settings);
    const components = new Map<string, pulumi.ComponentResource>([[this.plan.components[0].name, this]]);
    for (const c of this.plan.components.slice(1)) {
      const Ctor = COMPONENT_CLASSES[c.type];
      components.set(c.name, new Ctor(c.name, {}, { parent: components.get(c.parent ?? "") ?? this, aliases: c.aliases?.map((name) => ({ name })) }));
    }
    const out = provision(this.plan, model.environment, components, args);
    this.dashboardUrls = out.dashboardUrls;
    this.pagerdutyServiceIds = out.pagerdutyServiceIds;
    this.sharedOutputs = out.sharedOutputs;
    // Nothing clock-derived (who is on call now) is an output: it would change between two `up`s
    // of the same spec; `readiness explain` and the status page answer that.
    this.registerOutputs({ dashboardUrls: this.dashboardUrls, pagerdutyServiceIds: this.pagerdutyServiceIds, sharedOutputs: this.sharedOutputs });
  }
}
