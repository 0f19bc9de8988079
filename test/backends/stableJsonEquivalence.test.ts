/**
 * stableJson writes key-sorted JSON directly instead of copying the value first (a 1,000-service
 * plan serializes a dashboard per service); what it writes must stay what JSON.stringify gives the
 * sorted copy, byte for byte, or every Datadog dashboard would show a change.
 */
import { stableJson, type Json } from "../../backends/datadog/dashboards";

/** The former implementation: a key-sorted copy, then JSON.stringify. */
function sortedCopyJson(value: Json): string {
  const sort = (v: Json): Json => (Array.isArray(v) ? v.map(sort) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : v);
  return JSON.stringify(sort(value));
}

describe("stableJson", () => {
  it.each<[string, Json]>([
    ["nested objects and arrays", { b: 1, a: [1, "x", null, { z: 2, y: [true, false] }], c: {} }],
    ["keys that are array indices, which JSON.stringify writes first and in numeric order", { z: 1, "10": 1, "2": 3, "01": 4, "4294967295": 5, "4294967294": 6 }],
    ["strings needing escapes and odd numbers", { d: 'é\u2028"\\\n', e: NaN, h: -0, i: 1e21, j: 0.1 }],
    ["undefined members, which are left out of objects and null in arrays", { f: undefined as unknown as Json, g: [undefined as unknown as Json] }],
    ["scalars", "text"],
    ["an empty list", []],
  ])("matches JSON.stringify of the key-sorted copy: %s", (_, value) => {
    expect(stableJson(value)).toBe(sortedCopyJson(value));
  });
});
