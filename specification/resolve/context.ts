/** What every resolve step reads: the spec with variables substituted and the environment's policy. */
import type { Spec } from "../schema";
import type { Duration, Severity } from "../model";

/** One environment's view of the spec, built once by `resolve` and handed to each step. */
export interface ResolveContext {
  /** The spec with `${env}` and `${vars.X}` substituted. */
  spec: Spec;
  paging: boolean;
  scrapeInterval: Duration;
  /** Why nobody serves the status page's hostname here (statusPageNotServed), if so. */
  statusPageNotServed?: string;
}

/** The on-call section, or an empty one in UTC when the spec declares none. */
export function oncallOf(s: Spec): NonNullable<Spec["oncall"]> {
  return s.oncall ?? { timezone: "UTC", people: [], schedules: [], escalations: [] };
}

/** A severity after the paging policy: where paging is off, nothing pages, it tickets. */
export function effective(ctx: ResolveContext, sev: Severity): Severity {
  return !ctx.paging && sev === "page" ? "ticket" : sev;
}

/**
 * A runbook path resolved against the base: undefined when it does not form a URL (the loader
 * reports that before resolve runs, so resolve keeps the path as written).
 */
export function runbookUrlOf(path: string, base: string | undefined): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) || !base) return path;
  try {
    return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
  } catch {
    return undefined;
  }
}

/** A runbook's URL in this spec, or undefined when none is given. */
export function runbookUrl(ctx: ResolveContext, path: string | undefined): string | undefined {
  return path === undefined ? undefined : runbookUrlOf(path, ctx.spec.system.runbookBase) ?? path;
}

/** Replaces `${env}` and `${vars.X}` in every string (the loader has checked they are defined). */
export function substitute(value: unknown, env: string, vars: Record<string, string>): unknown {
  if (typeof value === "string")
    return !value.includes("${") ? value : value.replace(/\$\{\s*(env|vars\.([A-Za-z_][A-Za-z0-9_]*))\s*\}/g, (m, whole: string, name?: string) => (whole === "env" ? env : name !== undefined && name in vars ? vars[name] : m));
  if (Array.isArray(value)) return value.map((v) => substitute(v, env, vars));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, env, vars)]));
  return value;
}
