/**
 * resourceDiff skips a resource whose inputs are sameData-equal to its base's: sameData must say
 * yes exactly when isDeepStrictEqual (what resourceDiff used before) does, or a change would be
 * hidden (a yes too many) or a resource walked for nothing (a no too many).
 */
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import v8 from "node:v8";
import { sameData } from "../../diff/sameData";

/** Values like a plan's inputs and every kind isDeepStrictEqual treats specially. */
const anything = fc.anything({ withNullPrototype: true, withSparseArray: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withObjectString: false, maxDepth: 4 });

describe("sameData", () => {
  test("agrees with isDeepStrictEqual on unrelated values", () => {
    fc.assert(fc.property(anything, anything, (a, b) => sameData(a, b) === isDeepStrictEqual(a, b)), { numRuns: 2000 });
  });

  test("agrees with isDeepStrictEqual on a value and its copy, and on a copy with one leaf changed", () => {
    fc.assert(
      fc.property(anything, fc.anything({ maxDepth: 1 }), fc.nat(), (a, replacement, at) => {
        // A structured clone keeps undefined, -0, NaN and holes, but drops null prototypes and symbol keys:
        // exactly the differences the comparison must notice.
        const copy = v8.deserialize(v8.serialize(a));
        if (sameData(a, copy) !== isDeepStrictEqual(a, copy)) return false;
        const changed = withLeafReplaced(copy, at, replacement);
        return sameData(a, changed) === isDeepStrictEqual(a, changed);
      }),
      { numRuns: 2000 },
    );
  });

  test("the differences a plan can hold are differences", () => {
    expect(sameData({ a: undefined }, {})).toBe(false);
    expect(sameData({ a: 0 }, { a: -0 })).toBe(false);
    expect(sameData({ a: NaN }, { a: NaN })).toBe(true);
    expect(sameData([1, , 3], [1, undefined, 3])).toBe(false); // eslint-disable-line no-sparse-arrays
    expect(sameData({ a: [1, { b: "x" }] }, { a: [1, { b: "y" }] })).toBe(false);
    expect(sameData({ a: [1, { b: "x" }], c: null }, { c: null, a: [1, { b: "x" }] })).toBe(true);
    expect(sameData({ 0: "a", length: 1 }, ["a"])).toBe(false);
  });
});

/** `v` with its `at`-th leaf (modulo the number of leaves) replaced; containers are copied on the way. */
function withLeafReplaced(v: unknown, at: number, replacement: unknown): unknown {
  let n = 0;
  const count = (x: unknown): void => {
    if (x !== null && typeof x === "object" && (Array.isArray(x) || Object.getPrototypeOf(x) === Object.prototype) && Object.keys(x).length) Object.values(x).forEach(count);
    else n++;
  };
  count(v);
  let target = at % n;
  const walk = (x: unknown): unknown => {
    if (x !== null && typeof x === "object" && (Array.isArray(x) || Object.getPrototypeOf(x) === Object.prototype) && Object.keys(x).length) {
      const out: Record<string, unknown> | unknown[] = Array.isArray(x) ? [...x] : { ...(x as object) };
      for (const k of Object.keys(x)) (out as Record<string, unknown>)[k] = walk((x as Record<string, unknown>)[k]);
      return out;
    }
    return target-- === 0 ? replacement : x;
  };
  return walk(v);
}
