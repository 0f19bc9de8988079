/**
 * ReadinessSystem: the component library's root for a TypeScript program without YAML. Inside
 * `define`, components are declared with the spec's own types (a service, an SLO, a check, a
 * heartbeat, on-call, routing, dashboards, the status page); when `define` returns, the declared
 * parts are assembled into one spec, validated and rendered by the same code as readiness.yaml,
 * and every resource is created under the component that declared it. Parts are collected first
 * because some resources span them (the notification policy lists every service's route; the
 * status page lists every service on it), as a spec file does.
 */
import * as pulumi from "@pulumi/pulumi";
import type { SpecInput } from "../specification";
import type { SystemSpecInput } from "../specification/parts";
import type { Plan } from "../plan/plan";
import { renderPlan } from "../backends/render";
import { logicalName } from "../plan/naming";
import { onCallAt } from "../oncall/rotation";
import { COMPONENT_CLASSES, belongsTo, type DeclaredPart, type SystemDeclarations } from "./readinessComponent";
import { provision, type ReadinessStackCommon } from "./provision";
import { modelOf } from "./readinessStack";

/** Inputs of a ReadinessSystem: the spec fields no component stands for, the environment, and `define`, which declares the parts. */
export interface ReadinessSystemArgs extends Omit<ReadinessStackCommon, "plan" | "external" | "exports"> {
  /** `system`, `environments` and the sections no component declares (sign-offs, phases, includes); `apiVersion` defaults. */
  spec: SystemSpecInput;
  /** The environment (stack) to render, a key of `spec.environments`. */
  environment: string;
  /** Declares the system's components, each given `{ system }` (services' parts are given `{ service }`). */
  define: (system: ReadinessSystem) => void;
}

/** A whole system declared component by component in TypeScript; registers what `readiness plan` would for the same spec. */
export class ReadinessSystem extends pulumi.ComponentResource implements SystemDeclarations {
  // ReadinessStack's token: it is the root of the same tree, so a program moving between the two
  // keeps its resources' URNs.
  static readonly type = "readiness:stack:ReadinessStack";
  /** The plan this system registered, resource for resource (the same as `readiness plan` of the assembled spec). */
  readonly plan: Plan;
  /** The spec the declared components add up to, as readiness.yaml would hold it. */
  readonly spec: SpecInput;
  /** Grafana dashboard URLs by logical name. */
  readonly dashboardUrls: pulumi.Output<Record<string, string>>;
  /** PagerDuty service ids by spec service id. */
  readonly pagerdutyServiceIds: pulumi.Output<Record<string, string>>;
  /** Who is on call per schedule at deployment time. */
  readonly onCallNow: Record<string, string>;
  private readonly parts: DeclaredPart[] = [];
  private defining = true;

  constructor(name: string, args: ReadinessSystemArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(ReadinessSystem.type, name, {}, opts);
    args.define(this);
    this.defining = false;
    this.spec = assemble(args.spec, this.parts);
    const model = modelOf(this.spec, args.environment);
    this.plan = renderPlan(model, args.settings);

    // Plan components the program declared are its own objects; the rest (an SLO written inline in
    // its service, the overview dashboard) are made as ReadinessStack makes them.
    const declared = new Map<string, pulumi.ComponentResource>([[this.plan.components[0].name, this]]);
    for (const p of this.parts) {
      const key = planComponentName(p);
      if (key) declared.set(key, p.component);
    }
    for (const c of this.plan.components.slice(1)) {
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
    const placed: Plan = { ...this.plan, resources: this.plan.resources.map((r) => (owners.has(r.name) ? { ...r, parent: owners.get(r.name)! } : r)) };
    const out = provision(placed, model.environment, declared, args);
    this.dashboardUrls = out.dashboardUrls;
    this.pagerdutyServiceIds = out.pagerdutyServiceIds;
    const now = args.now ?? new Date();
    this.onCallNow = Object.fromEntries(model.oncall.schedules.map((s) => [s.id, onCallAt(s, now) ?? "nobody"]));
    this.registerOutputs({ dashboardUrls: this.dashboardUrls, pagerdutyServiceIds: this.pagerdutyServiceIds, onCallNow: this.onCallNow });
  }

  /** Records a component's part of the spec; only inside `define`, so nothing declared later is silently left out. */
  declare(part: DeclaredPart): void {
    if (!this.defining) throw new pulumi.RunError(`${part.kind} ${part.component.constructor.name} was declared after the system was rendered: declare it inside define`);
    if (part.kind === "service") belongsTo(part.component, this);
    this.parts.push(part);
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
