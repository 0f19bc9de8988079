/**
 * resolve is a pure function of (spec, environment): the same input gives the same Model, the
 * order of lists in the spec does not matter, and `paging: false` changes exactly one thing.
 */
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { loadModels, loadSpec, resolve } from "../../specification/loadModels";
import type { Model, Severity } from "../../specification/model";
import type { Spec } from "../../specification/schema";
import { exampleText } from "../support/example";

const FILE = "readiness.yaml";

function load(text: string): Record<string, Model> {
  const r = loadModels(text, FILE);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.path} ${d.message}`).join("\n"));
  return r.models;
}

function loadedSpec(text: string): Spec {
  const r = loadSpec(text, FILE);
  if (!r.ok) throw new Error("the example does not load");
  return r.spec;
}

/** Source locations say where something was written, which reordering legitimately changes. */
function withoutLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocations);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "at").map(([k, v]) => [k, withoutLocations(v)]));
  return value;
}

/** A permutation from random sort keys: deterministic for a given fast-check seed. */
function permute<T>(items: T[], keys: number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || b.i - a.i)
    .map((x) => x.item);
}

type Json = Record<string, unknown>;

/**
 * The example with every id-keyed list shuffled (services, SLOs, alerts, checks, heartbeats,
 * people, schedules, escalations, dashboards, backends) and every mapping's keys reordered. Lists
 * whose order means something (members, levels, panels, windows, sign-offs: the report reads them
 * in spec order) are kept.
 */
function shuffled(data: Json, keys: number[]): Json {
  const d = structuredClone(data);
  const reorderKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reorderKeys);
    if (value !== null && typeof value === "object") return Object.fromEntries(permute(Object.entries(value), keys).map(([k, v]) => [k, reorderKeys(v)]));
    return value;
  };
  const services = d.services as Json[];
  for (const svc of services) for (const list of ["slos", "alerts", "checks", "heartbeats"]) if (Array.isArray(svc[list])) svc[list] = permute(svc[list] as unknown[], keys);
  d.services = permute(services, [...keys].reverse());
  const oncall = d.oncall as Json;
  for (const list of ["people", "schedules", "escalations"]) oncall[list] = permute(oncall[list] as unknown[], keys);
  d.dashboards = permute(d.dashboards as unknown[], keys);
  for (const env of Object.values(d.environments as Record<string, Json>)) env.backends = permute(env.backends as unknown[], keys);
  return reorderKeys(d) as Json;
}

describe("resolve is deterministic", () => {
  const text = exampleText();

  it("two loads of the example give identical Models, down to the serialized bytes", () => {
    const a = load(text);
    const b = load(text);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("resolving the same spec twice gives identical Models and leaves the spec untouched", () => {
    const spec = loadedSpec(text);
    const before = structuredClone(spec);
    for (const env of ["staging", "prod"]) expect(JSON.stringify(resolve(spec, env, FILE))).toBe(JSON.stringify(resolve(spec, env, FILE)));
    expect(spec).toEqual(before);
  });

  it("reordering the lists and keys of the spec gives deep-equal Models in every environment", () => {
    const data = parse(text) as Json;
    const original = load(text);
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 12 }), (keys) => {
        const reordered = load(stringify(shuffled(data, keys)));
        for (const env of Object.keys(original)) expect(withoutLocations(reordered[env])).toEqual(withoutLocations(original[env]));
      }),
      { numRuns: 60 },
    );
  });

  it("the shuffle really reorders the spec, so the property above is not comparing a file with itself", () => {
    const data = parse(text) as Json;
    const ids = (d: Json) => (d.services as Json[]).map((s) => s.id);
    expect(ids(shuffled(data, [3, 1, 2]))).not.toEqual(ids(data));
  });

  it("an unknown environment is a clear error naming the declared ones", () => {
    expect(() => resolve(loadedSpec(text), "qa")).toThrow('environment "qa" is not declared; declared: staging, prod');
  });
});

describe("paging: false", () => {
  const spec = loadedSpec(exampleText());
  const on = resolve(spec, "prod", FILE);
  const off = resolve({ ...spec, environments: { ...spec.environments, prod: { ...spec.environments.prod, paging: false } } }, "prod", FILE);
  const demote = (s: Severity): Severity => (s === "page" ? "ticket" : s);

  it("the example pages from burn-rate alerts, alerts, checks and heartbeats where paging is on", () => {
    const sevs = on.services.flatMap((s) => [...s.slos.flatMap((l) => l.alerts), ...s.alerts, ...s.checks, ...s.heartbeats].map((x) => x.severity));
    expect(on.services.some((s) => s.slos.some((l) => l.alerts.some((a) => a.severity === "page")))).toBe(true);
    expect(on.services.some((s) => s.alerts.some((a) => a.severity === "page"))).toBe(true);
    expect(on.services.some((s) => s.checks.some((c) => c.severity === "page"))).toBe(true);
    expect(on.services.some((s) => s.heartbeats.some((h) => h.severity === "page"))).toBe(true);
    expect(sevs).toContain("ticket");
  });

  it("turns every page into a ticket and changes nothing else", () => {
    const expected: Model = {
      ...on,
      paging: false,
      services: on.services.map((s) => ({
        ...s,
        slos: s.slos.map((l) => ({ ...l, alerts: l.alerts.map((a) => ({ ...a, severity: demote(a.severity) })) })),
        alerts: s.alerts.map((a) => ({ ...a, severity: demote(a.severity) })),
        checks: s.checks.map((c) => ({ ...c, severity: demote(c.severity) })),
        heartbeats: s.heartbeats.map((h) => ({ ...h, severity: demote(h.severity) })),
        absenceSeverity: demote(s.absenceSeverity),
      })),
    };
    expect(off).toEqual(expected);
  });

  it("keeps the declared severities, so the audit can still say what would page in production", () => {
    const declared = (m: Model) => m.services.flatMap((s) => [...s.alerts, ...s.checks, ...s.heartbeats].map((x) => `${s.id}/${x.id}:${x.declaredSeverity}`));
    expect(declared(off)).toEqual(declared(on));
    expect(declared(off).some((d) => d.endsWith(":page"))).toBe(true);
  });

  it("leaves no severity page anywhere in the example's staging Model except where it names the page route", () => {
    const staging = load(exampleText()).staging;
    const pages: string[] = [];
    const walk = (v: unknown, at: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
      else if (v !== null && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          if (k === "severity" && x === "page") pages.push(at);
          walk(x, `${at}.${k}`);
        }
    };
    // The routing table and `routing:page` evidence name the route itself, not something that fires.
    walk({ ...staging, routing: undefined, signoffs: staging.signoffs.map((s) => ({ ...s, evidence: s.evidence.filter((e) => e.kind !== "routing") })) }, "model");
    expect(staging.paging).toBe(false);
    expect(pages).toEqual([]);
  });
});
