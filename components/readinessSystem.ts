/**
 * ReadinessSystem: the component library's root for a TypeScript program without YAML. Components
 * are declared after it, one after another, each given `{ system }` (a service's parts are given
 * `{ service }`) and typed by the part of readiness.yaml it stands for. The declared parts are
 * then assembled into one spec, validated and rendered by the same code as readiness.yaml, and
 * every resource is created under the component that declared it.
 *
 * Why rendering waits: some resources span parts (the notification policy lists every service's
 * route; the status page lists every service on it), as a spec file does, so nothing can be
 * rendered until every part is declared. The system renders when the program's synchronous run
 * ends (Pulumi then waits for the resources it registers), or earlier when `done()` is called or
 * `plan`/`spec` are read. Component outputs are Outputs from the start and resolve once rendered.
 * A component declared after rendering is an error, never silently left out.
 */
import * as pulumi from "@pulumi/pulumi";
import type { SpecInput } from "../specification/loadModels";
import type { SettingsInput, SystemSpecInput } from "./parts";
import type { Plan, RenderSettings } from "../plan/plan";
import { renderPlan } from "../backends/render";
import { logicalName } from "../plan/naming";
import { COMPONENT_CLASSES, belongsTo, type DeclaredPart, type SystemDeclarations } from "./readinessComponent";
import { provision, type Provisioned, type ReadinessStackCommon } from "./provision";
import { modelOf } from "./readinessStack";
import { InputLeaves } from "./inputs";

/** Inputs of a ReadinessSystem: the spec fields no component stands for, the environment and the stack settings. */
export interface ReadinessSystemArgs extends Omit<ReadinessStackCommon, "plan" | "external" | "exports" | "settings" | "inputs"> {
  /** `system`, `environments` and the sections no component declares (sign-offs, phases, includes); `apiVersion` defaults. */
  spec: SystemSpecInput;
  /** The environment (stack) to render, a key of `spec.environments`. */
  environment: string;
  /** Stack settings (`settingsFromConfig` reads them from stack config); the datasource uid may be an Output. */
  settings: SettingsInput | RenderSettings;
}

/** What rendering produced. */
interface Rendered {
  plan: Plan;
  spec: SpecInput;
}

/** A whole system declared component by component in TypeScript; registers what `readiness plan` would for the same spec. */
export class ReadinessSystem extends pulumi.ComponentResource implements SystemDeclarations {
  // ReadinessStack's token: it is the root of the same tree, so a program moving between the two
  // keeps its resources' URNs.
  static readonly type = "readiness:stack:ReadinessStack";
  /** Grafana dashboard URLs by logical name. */
  readonly dashboardUrls: pulumi.Output<Record<string, string>>;
  /** PagerDuty service ids by spec service id. */
  readonly pagerdutyServiceIds: pulumi.Output<Record<string, string>>;
  private readonly parts: DeclaredPart[] = [];
  private state: "declaring" | "failed" | Rendered = "declaring";
  private settle!: (p: Provisioned) => void;
  private readonly provisioned = new Promise<Provisioned>((resolve) => (this.settle = resolve));

  constructor(
    private readonly systemName: string,
    private readonly args: ReadinessSystemArgs,
    opts: pulumi.ComponentResourceOptions = {},
  ) {
    super(ReadinessSystem.type, systemName, {}, opts);
    this.dashboardUrls = pulumi.output(this.provisioned).apply((p) => p.dashboardUrls);
    this.pagerdutyServiceIds = pulumi.output(this.provisioned).apply((p) => p.pagerdutyServiceIds);
    setImmediate(() => {
      if (this.state === "declaring") this.done();
    });
  }

  /** The plan this system registered, resource for resource (the same as `readiness plan` of the assembled spec). */
  get plan(): Plan {
    return this.done().plan;
  }

  /** The spec the declared components add up to, as readiness.yaml would hold it (`pulumi.Input` values as their markers). */
  get spec(): SpecInput {
    return this.done().spec;
  }

  /** Renders and creates every resource now; later declarations are refused. Called by itself when the program's synchronous run ends. */
  done(): Rendered {
    if (this.state === "failed") throw new pulumi.RunError(`system ${this.systemName} failed to render (see the first error)`);
    if (this.state !== "declaring") return this.state;
    try {
      this.state = this.render();
      return this.state;
    } catch (e) {
      this.state = "failed";
      throw e;
    }
  }

  /** Records a component's part of the spec; refused once the system has rendered, so nothing declared later is silently left out. */
  declare(part: DeclaredPart): void {
    if (this.state !== "declaring")
      throw new pulumi.RunError(`${part.kind} ${part.component.constructor.name} was declared after system ${this.systemName} was rendered: declare every component before calling done() or reading plan, and in the same synchronous run as the system`);
    if (part.kind === "service") belongsTo(part.component, this);
    this.parts.push(part);
  }

  private render(): Rendered {
    const leaves = new InputLeaves();
    const spec = leaves.plain(assemble(this.args.spec, this.parts), "");
    const settings = leaves.plain(this.args.settings, "settings") as RenderSettings;
    const model = modelOf(spec, this.args.environment, settings);
    const plan = leaves.place(renderPlan(model, settings));

    // Plan components the program declared are its own objects; the rest (an SLO written inline in
    // its service, the overview dashboard) are made as ReadinessStack makes them.
    const declared = new Map<string, pulumi.ComponentResource>([[plan.components[0].name, this]]);
    for (const p of this.parts) {
      const key = planComponentName(p);
      if (key) declared.set(key, p.component);
    }
    for (const c of plan.components.slice(1)) {
      if (declared.has(c.name)) continue;
      declared.set(c.name, new COMPONENT_CLASSES[c.type](c.name, {}, { parent: declared.get(c.parent ?? "") ?? this }));
    }
    // A declared check or heartbeat owns the resources named for it; in the YAML path they sit
    // directly under their service.
    const owners = new Map<string, string>();
    for (const p of this.parts) {
      if (p.kind !== "check" && p.kind !== "heartbeat") continue;
      const id = p.kind === "check" ? p.check.id : p.heartbeat.id;
      const key = `${p.kind}:${logicalName(p.service.serviceId, id)}`;
      declared.set(key, p.component);
      owners.set(logicalName(p.service.serviceId, id), key);
    }
    const placed: Plan = { ...plan, resources: plan.resources.map((r) => (owners.has(r.name) ? { ...r, parent: owners.get(r.name)! } : r)) };
    const out = provision(placed, model.environment, declared, { ...this.args, settings, inputs: leaves.values });
    this.settle(out);
    this.registerOutputs({ dashboardUrls: this.dashboardUrls, pagerdutyServiceIds: this.pagerdutyServiceIds });
    return { plan, spec };
  }
}

/** The plan component a declared part stands for (plan/components.ts names them). */
function planComponentName(p: DeclaredPart): string | undefined {
  switch (p.kind) {
    case "oncall":
      return "oncall";
    case "routing":
      return "routing";
    case "dashboards":
      return "dashboards";
    case "statusPage":
      return "statuspage";
    case "service":
      return p.service.id;
    case "slo":
      return logicalName(p.service.serviceId, p.slo.id);
    default:
      return undefined;
  }
}

/** The declared parts as one spec, in declaration order; a section declared twice is an error, as a duplicate key is in YAML. */
export function assemble(base: SystemSpecInput, parts: DeclaredPart[]): SpecInput {
  const once = <T>(kind: string, found: T[]): T | undefined => {
    if (found.length > 1) throw new pulumi.RunError(`${kind} is declared ${found.length} times; a system has one`);
    return found[0];
  };
  const services = parts.flatMap((p) => (p.kind === "service" ? [{ ...p.service, slos: [...(p.service.slos ?? [])], checks: [...(p.service.checks ?? [])], heartbeats: [...(p.service.heartbeats ?? [])] }] : []));
  const byId = new Map(services.map((s) => [s.id, s]));
  for (const p of parts) {
    if (p.kind !== "slo" && p.kind !== "check" && p.kind !== "heartbeat") continue;
    const service = byId.get(p.service.serviceId);
    if (!service) throw new pulumi.RunError(`${p.kind} ${p.component.constructor.name} belongs to service ${p.service.serviceId}, which this system does not declare`);
    if (p.kind === "slo") service.slos.push(p.slo);
    else if (p.kind === "check") service.checks.push(p.check);
    else service.heartbeats.push(p.heartbeat);
  }
  const oncall = once("oncall", parts.flatMap((p) => (p.kind === "oncall" ? [p.oncall] : [])));
  const routing = once("routing", parts.flatMap((p) => (p.kind === "routing" ? [p.routing] : [])));
  const dashboards = once("dashboards", parts.flatMap((p) => (p.kind === "dashboards" ? [p.dashboards] : [])));
  const statusPage = once("statusPage", parts.flatMap((p) => (p.kind === "statusPage" ? [p.statusPage] : [])));
  return {
    apiVersion: "readiness/v1",
    ...base,
    ...(routing ? { routing } : {}),
    ...(oncall ? { oncall } : {}),
    services,
    ...(dashboards ? { dashboards } : {}),
    ...(statusPage ? { statusPage } : {}),
  } as SpecInput;
}
