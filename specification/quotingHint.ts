/**
 * PromQL and Datadog queries are full of `{}`, `[]` and `,`, which YAML reads as structure when
 * the value is unquoted inside a flow mapping (`query: { prometheus: rate(x[1d]) }`). The parser's
 * own words ("Unexpected flow-seq-start") do not say that; this hint does.
 */
const QUERY_KEY = /\b(prometheus|datadog)\s*:\s*/g;

/** A hint to quote the query on `line` when an unquoted query value there holds YAML flow characters. */
export function quotingHint(line: string): string | undefined {
  const last = [...line.matchAll(QUERY_KEY)].pop();
  if (!last) return undefined;
  const key = last[1];
  let value = line.slice((last.index ?? 0) + last[0].length).replace(/\s+#.*$/, "").trimEnd();
  // Closing braces beyond the query's own close the flow mappings around it.
  const count = (c: string) => value.split(c).length - 1;
  while (value.endsWith("}") && count("}") > count("{")) value = value.slice(0, -1).trimEnd();
  if (value === "" || /^['"]/.test(value) || !/[[\]{},]/.test(value)) return undefined;
  // Single quotes keep PromQL's own double quotes as they are.
  const quoted = value.includes("'") ? JSON.stringify(value) : `'${value}'`;
  return `quote the ${key} query: ${key}: ${quoted} (unquoted, YAML reads its brackets, braces and commas as structure)`;
}
