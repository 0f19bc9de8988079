/**
 * materialize(plan): the Plan's resources created as Pulumi resources, in dependency order, each
 * under its component with its backend's explicit provider. PlanRefs become Outputs of the
 * referenced resource, a resource's `dependsOn` its `dependsOn` option; PlanSecrets become secret
 * config values. Nothing is added or dropped: the mock-runtime test holds this to the Plan.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Plan, PlannedResource, PlanRef, PlanValue } from "../plan/plan";
import { isConcat, isInput, isRef, isSecret, isSecretValue, isWorkerMigrations, selectOutput } from "../plan/plan";
import { currentMigrationTag, migrationsToSend } from "../statuspage/workerMigrations";
import { inputValue } from "./inputs";
import { constructorFor, invokeFor } from "./constructors";

/** What materialize needs from the program around it. */
export interface MaterializeContext {
  /** Component resources by logical name. */
  components: Map<string, pulumi.ComponentResource>;
  /** Reads a secret config value `namespace:key`; throws with the `pulumi config set` line when unset. */
  secret: (key: string) => pulumi.Output<string>;
  /** A shard stack's reads of resources that live in the shared stack (stacks/partition.ts). */
  external?: (ref: PlanRef) => pulumi.Output<unknown> | undefined;
  /** The program's `pulumi.Input<string>` values by the label a plan's `$input` names (components/inputs.ts). */
  inputs?: ReadonlyMap<string, pulumi.Input<string>>;
}

/** Created resources by `type::name`, and lookup results by `token::name`. */
export type Materialized = Map<string, unknown>;

export function materialize(plan: Plan, ctx: MaterializeContext): Materialized {
  const created: Materialized = new Map();
  const providers = new Map<string, pulumi.ProviderResource>();

  const toInput = (v: PlanValue): unknown => {
    if (isRef(v)) {
      const target = created.get(`${v.type}::${v.resource}`);
      const outside = target === undefined ? ctx.external?.(v) : undefined;
      if (outside) return v.select ? outside.apply((o) => selectOutput(v, o)) : outside;
      if (target === undefined) throw new Error(`${v.type} ${v.resource} is referenced before it exists`);
      // A lookup is an Output of its result; a resource exposes each output as a property.
      const value = (() => {
        if (pulumi.Output.isInstance(target)) return target.apply((t) => selectOutput(v, (t as Record<string, unknown>)[v.output]));
        const out = (target as Record<string, unknown>)[v.output] as pulumi.Output<unknown> | undefined;
        if (out === undefined) throw new Error(`${v.type} has no output ${v.output} (referenced from the plan)`);
        return v.select ? out.apply((o) => selectOutput(v, o)) : out;
      })();
      return v.secret ? pulumi.secret(value) : value;
    }
    if (isSecret(v)) return ctx.secret(v.$secret);
    if (isInput(v)) return inputValue(v, ctx.inputs);
    if (isSecretValue(v)) return pulumi.secret(v.$secretValue);
    if (isConcat(v)) return pulumi.concat(...v.$concat.map((part) => toInput(part) as pulumi.Input<string>));
    if (isWorkerMigrations(v)) {
      const { scriptName, scripts, ledger } = v.$migrations;
      return pulumi
        .output(toInput(scripts) as pulumi.Input<{ id: string; migrationTag?: string }[]>)
        .apply((results) => migrationsToSend(currentMigrationTag(results ?? [], scriptName), ledger, scriptName));
    }
    if (Array.isArray(v)) return v.map(toInput);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toInput(x)]));
    return v;
  };

  for (const r of dependencyOrder(plan.resources)) {
    if (r.type.startsWith("pulumi:providers:")) {
      const parent = ctx.components.get(r.parent);
      const Ctor = constructorFor(r.provider, r.type);
      const p = new Ctor(r.name, toInput(r.inputs) as Record<string, unknown>, { parent }) as unknown as pulumi.ProviderResource;
      providers.set(r.provider, p);
      created.set(`${r.type}::${r.name}`, p);
    }
  }
  for (const l of plan.lookups) {
    const parent = ctx.components.values().next().value;
    const fn = invokeFor(l.provider, l.token);
    created.set(`${l.token}::${l.name}`, fn(toInput(l.args) as Record<string, unknown>, { provider: providers.get(l.provider), parent }));
  }
  for (const r of dependencyOrder(plan.resources)) {
    if (r.type.startsWith("pulumi:providers:")) continue;
    const parent = ctx.components.get(r.parent);
    if (!parent) throw new Error(`${r.type} ${r.name}: parent component ${r.parent} does not exist`);
    const Ctor = constructorFor(r.provider, r.type);
    // What it names by text (a Datadog handle), which no Output carries: created first all the same.
    const dependsOn = r.dependsOn?.map((d) => {
      const target = created.get(`${d.type}::${d.name}`);
      if (!(target instanceof pulumi.Resource)) throw new Error(`${r.type} ${r.name} depends on ${d.type} ${d.name} (${d.because}), which this plan does not create`);
      return target;
    });
    const opts: pulumi.CustomResourceOptions = {
      parent,
      provider: providers.get(r.provider),
      protect: r.protect || undefined,
      aliases: r.aliases?.map((name) => ({ name })),
      ...(dependsOn?.length ? { dependsOn } : {}),
    };
    created.set(`${r.type}::${r.name}`, new Ctor(r.name, toInput(r.inputs) as Record<string, unknown>, opts));
  }
  return created;
}

/** Resources ordered so that every ref and `dependsOn` points at one created earlier; plan order otherwise. */
export function dependencyOrder(resources: PlannedResource[]): PlannedResource[] {
  const byKey = new Map(resources.map((r) => [`${r.type}::${r.name}`, r]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: PlannedResource[] = [];
  const visit = (r: PlannedResource) => {
    const k = `${r.type}::${r.name}`;
    if (done.has(k)) return;
    if (visiting.has(k)) throw new Error(`reference cycle through ${r.type} ${r.name}`);
    visiting.add(k);
    for (const dep of [...refsOf(r.inputs), ...(r.dependsOn ?? []).map((d) => `${d.type}::${d.name}`)]) {
      const target = byKey.get(dep);
      if (target) visit(target);
    }
    visiting.delete(k);
    done.add(k);
    out.push(r);
  };
  resources.forEach(visit);
  return out;
}

function refsOf(v: PlanValue): string[] {
  if (isRef(v)) return [`${v.type}::${v.resource}`];
  if (isSecret(v) || isInput(v) || v === null || typeof v !== "object") return [];
  return (Array.isArray(v) ? v : Object.values(v)).flatMap(refsOf);
}
