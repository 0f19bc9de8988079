/**
 * Which resources change stack between two layouts, as `pulumi state move` commands. Pulumi has no
 * aliases across stacks, so without a move a resource that changes shard would be deleted by its
 * old stack and created again by its new one (a new PagerDuty service, a new integration key).
 * Pure: two layouts in, commands out (cli/stacks.ts prints them).
 */
import type { Plan } from "../plan/plan";
import type { StackPart } from "./partition";

/** Where every resource of one layout lives: Pulumi stack name by `type::name` (providers left out). */
export type LayoutMembers = Map<string, string>;

/** One `pulumi state move`: the URNs (as in the source stack) that go from `source` to `dest`. */
export interface StateMove {
  source: string;
  dest: string;
  urns: string[];
}

const isProvider = (type: string) => type.startsWith("pulumi:providers:");

/** The members of a layout; `stackName` turns a part's name into its Pulumi stack name. */
export function layoutMembers(parts: readonly StackPart[], stackName: (part: string) => string): LayoutMembers {
  const out: LayoutMembers = new Map();
  for (const p of parts) for (const r of p.plan.resources) if (!isProvider(r.type)) out.set(`${r.type}::${r.name}`, stackName(p.name));
  return out;
}

/**
 * The moves from `before` to the layout `after` (whose parts give each resource's component
 * chain, hence its URN). A component goes as one URN when everything under it makes the same move
 * (Pulumi moves children with it); otherwise its moved resources go one by one.
 */
export function stateMoves(before: LayoutMembers, after: readonly StackPart[], stackName: (part: string) => string, project: string): StateMove[] {
  const moves = new Map<string, StateMove>();
  const add = (source: string, dest: string, urn: string) => {
    const k = `${source}\0${dest}`;
    const m = moves.get(k) ?? { source, dest, urns: [] };
    if (!m.urns.includes(urn)) m.urns.push(urn);
    moves.set(k, m);
  };
  for (const part of after) {
    const dest = stackName(part.name);
    const plan = part.plan;
    const byName = new Map(plan.components.map((c) => [c.name, c]));
    const root = plan.components[0]?.name;
    // Ancestors below the root, nearest first.
    const ancestors = (parent: string | undefined): string[] => {
      const out: string[] = [];
      for (let c = parent ? byName.get(parent) : undefined, i = 0; c && c.name !== root && i < 50; c = c.parent ? byName.get(c.parent) : undefined, i++) out.push(c.name);
      return out;
    };
    const sourceOf = (r: { type: string; name: string }) => {
      const s = before.get(`${r.type}::${r.name}`);
      return s !== undefined && s !== dest ? s : undefined;
    };
    // Per component: the one source all resources under it come from, or null when they differ or some stay.
    const uniform = new Map<string, string | null>();
    for (const r of plan.resources) {
      if (isProvider(r.type)) continue;
      const s = sourceOf(r) ?? null;
      for (const c of ancestors(r.parent)) uniform.set(c, uniform.has(c) && uniform.get(c) !== s ? null : s);
    }
    // A component in another stack of the new layout too (routing's) cannot go whole.
    const elsewhere = new Set(after.filter((p) => p !== part).flatMap((p) => p.plan.components.map((c) => c.name)));
    for (const r of plan.resources) {
      if (isProvider(r.type)) continue;
      const source = sourceOf(r);
      if (source === undefined) continue;
      const chain = ancestors(r.parent);
      const top = [...chain].reverse().find((c) => uniform.get(c) === source && !elsewhere.has(c));
      if (top !== undefined) add(source, dest, urnOf(plan, byName, top, byName.get(top)!.type, byName.get(top)!.parent, source, project));
      else add(source, dest, urnOf(plan, byName, r.name, r.type, r.parent, source, project));
    }
  }
  return [...moves.values()].sort((a, b) => (a.source + a.dest < b.source + b.dest ? -1 : a.source + a.dest > b.source + b.dest ? 1 : 0));
}

/** `urn:pulumi:<stack>::<project>::<parent types $-joined>$<type>::<name>`; the root stack resource is not part of the chain. */
function urnOf(plan: Plan, byName: Map<string, Plan["components"][number]>, name: string, type: string, parent: string | undefined, stack: string, project: string): string {
  const types: string[] = [type];
  for (let c = parent ? byName.get(parent) : undefined, i = 0; c && i < 50; c = c.parent ? byName.get(c.parent) : undefined, i++) types.unshift(c.type);
  return `urn:pulumi:${stack}::${project}::${types.join("$")}::${name}`;
}

/** Shell-safe single quoting (URNs hold `$`). */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The commands, one per source and destination, each URN on its own continued line. */
export function stateMoveText(moves: readonly StateMove[]): string {
  if (moves.length === 0) return "No resource changes stack: nothing to move.\n";
  const blocks = moves.map((m) => [`pulumi state move --source ${shellQuote(m.source)} --dest ${shellQuote(m.dest)} --yes \\`, ...m.urns.map((u, i) => `  ${shellQuote(u)}${i < m.urns.length - 1 ? " \\" : ""}`)].join("\n"));
  return `# Run before \`readiness up\`, so no resource is deleted by its old stack and created again by its new one:\n${blocks.join("\n")}\n`;
}

/**
 * Where each resource is deployed now, from the stacks' state (`pulumi stack export`): `type::name`
 * -> stack, as layoutMembers gives for a layout; the root stack, providers and components left out.
 */
export function deployedMembers(stacks: ReadonlyMap<string, readonly { urn: string; custom?: boolean }[]>): LayoutMembers {
  const out: LayoutMembers = new Map();
  for (const [stack, resources] of stacks)
    for (const r of resources) {
      if (r.custom === false) continue;
      const m = /^urn:pulumi:[^:]*::[^:]*::(.*)::([^]*)$/.exec(r.urn);
      if (!m) continue;
      const type = m[1].split("$").pop()!;
      if (type.startsWith("pulumi:")) continue;
      out.set(`${type}::${m[2]}`, stack);
    }
  return out;
}

const SERVICE_COMPONENT = "readiness:service:ServiceMonitoring";

/** The services whose resources change stack, with the stacks they leave and join, by service id. */
export function movedServices(before: LayoutMembers, after: readonly StackPart[], stackName: (part: string) => string): { service: string; from: string; to: string }[] {
  const out = new Map<string, { service: string; from: string; to: string }>();
  for (const part of after) {
    const dest = stackName(part.name);
    const byName = new Map(part.plan.components.map((c) => [c.name, c]));
    const serviceOf = (parent: string | undefined): string | undefined => {
      for (let c = parent ? byName.get(parent) : undefined, i = 0; c && i < 50; c = c.parent ? byName.get(c.parent) : undefined, i++) if (c.type === SERVICE_COMPONENT) return c.name;
      return undefined;
    };
    for (const r of part.plan.resources) {
      const from = before.get(`${r.type}::${r.name}`);
      if (from === undefined || from === dest || isProvider(r.type)) continue;
      const service = serviceOf(r.parent) ?? `${r.type} ${r.name}`;
      if (!out.has(service)) out.set(service, { service, from, to: dest });
    }
  }
  return [...out.values()].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}
