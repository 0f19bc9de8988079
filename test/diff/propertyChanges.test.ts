/**
 * The diff lists a changed resource's properties by walking only the parts of its inputs that
 * differ from the base's. What it lists must be exactly what flattening both inputs whole lists
 * (the walk it replaced, kept here as the reference): paths, values before and after, order.
 */
import fc from "fast-check";
import { propertyChanges } from "../../diff/resourceDiff";
import { printable } from "../../plan/format/value";
import type { PlannedResource, PlanValue } from "../../plan/plan";

function leaves(v: unknown, path: string): [string, unknown][] {
  if (Array.isArray(v) && v.length) return v.flatMap((x, i) => leaves(x, `${path}[${i}]`));
  if (v && typeof v === "object" && Object.keys(v).length) return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k));
  return [[path, v]];
}

function reference(before: PlannedResource, after: PlannedResource) {
  const b = new Map(leaves(printable(before.inputs), ""));
  const a = new Map(leaves(printable(after.inputs), ""));
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort();
  return paths
    .filter((p) => JSON.stringify(b.get(p)) !== JSON.stringify(a.get(p)))
    .map((p) => ({ path: p, ...(b.has(p) ? { before: b.get(p) } : {}), ...(a.has(p) ? { after: a.get(p) } : {}) }));
}

const resource = (inputs: Record<string, PlanValue>): PlannedResource => ({ type: "grafana:index/dashboard:Dashboard", name: "d", parent: "", provider: "grafana", inputs });
/** Plan-like inputs: nested records and arrays of short strings, numbers, booleans and nulls, with keys that repeat so the two sides overlap. */
const key = fc.constantFrom("a", "b", "c", "toString", "x.y", "0", "panels", "targets");
const leaf = fc.oneof(fc.constantFrom("q", "r", "", "ops@example.test", "x=1"), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null));
const { value } = fc.letrec<{ value: PlanValue }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(key, tie("value"), { maxKeys: 4 })),
}));
const inputs = fc.dictionary(key, value, { maxKeys: 5 }) as fc.Arbitrary<Record<string, PlanValue>>;

describe("propertyChanges", () => {
  test("lists what flattening both inputs whole lists, on unrelated inputs", () => {
    fc.assert(fc.property(inputs, inputs, (b, a) => expect(propertyChanges(resource(b), resource(a))).toEqual(reference(resource(b), resource(a)))), { numRuns: 1500 });
  });

  test("lists what flattening both inputs whole lists, on inputs with one part changed", () => {
    fc.assert(
      fc.property(inputs, key, value, (b, k, v) => {
        const a = { ...b, [k]: v };
        expect(propertyChanges(resource(b), resource(a))).toEqual(reference(resource(b), resource(a)));
      }),
      { numRuns: 1500 },
    );
  });

  test("a changed threshold deep in a large dashboard is the one change listed", () => {
    const panels = Array.from({ length: 500 }, (_, i) => ({ title: `p${i}`, targets: [{ expr: `sum(x{i="${i}"})` }], thresholds: { steps: [{ value: 0.999 }] } }));
    const after = structuredClone(panels);
    after[321].thresholds.steps[0].value = 0.995;
    expect(propertyChanges(resource({ panels }), resource({ panels: after }))).toEqual([{ path: "panels[321].thresholds.steps[0].value", before: 0.999, after: 0.995 }]);
  });
});
