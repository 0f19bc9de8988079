/**
 * PromQL's function signatures, from Prometheus's own table (promql/parser/functions.go, `Functions`),
 * keeping the functions that are neither experimental (behind --enable-feature=
 * promql-experimental-functions in Prometheus 3) nor removed (holt_winters, gone in Prometheus 3).
 */

/** A PromQL value type, named as Prometheus's messages name it (parser.DocumentedType). */
export type PromqlType = "scalar" | "instant vector" | "range vector" | "string";

/** One function: argument types, how many trailing arguments are optional (-1: any number more), result. */
export interface PromqlFunction {
  args: PromqlType[];
  /** Go's `Variadic`: 0 fixed; n > 0 the last argument may repeat up to n times (or be absent); -1 unbounded. */
  variadic: number;
  returns: PromqlType;
}

const V: PromqlType = "instant vector";
const M: PromqlType = "range vector";
const S: PromqlType = "scalar";
const STR: PromqlType = "string";

const fn = (args: PromqlType[], returns: PromqlType = V, variadic = 0): PromqlFunction => ({ args, variadic, returns });

const OF_VECTOR = ["abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh", "deg", "exp", "floor", "histogram_avg", "histogram_count", "histogram_stddev", "histogram_stdvar", "histogram_sum", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt", "tan", "tanh", "timestamp"];
const OF_RANGE = ["absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv", "first_over_time", "idelta", "increase", "irate", "last_over_time", "max_over_time", "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time"];
// Date functions take an optional vector (default: vector(time())).
const OF_TIME = ["day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year"];

/** Every function Prometheus's parser accepts by default, by name. */
export const PROMQL_FUNCTIONS: ReadonlyMap<string, PromqlFunction> = new Map<string, PromqlFunction>([
  ...OF_VECTOR.map((n) => [n, fn([V])] as const),
  ...OF_RANGE.map((n) => [n, fn([M])] as const),
  ...OF_TIME.map((n) => [n, fn([V], V, 1)] as const),
  ["clamp", fn([V, S, S])],
  ["clamp_max", fn([V, S])],
  ["clamp_min", fn([V, S])],
  ["histogram_fraction", fn([S, S, V])],
  ["histogram_quantile", fn([S, V])],
  ["label_join", fn([V, STR, STR, STR], V, -1)],
  ["label_replace", fn([V, STR, STR, STR, STR])],
  ["pi", fn([], S)],
  ["predict_linear", fn([M, S])],
  ["quantile_over_time", fn([S, M])],
  ["round", fn([V, S], V, 1)],
  ["scalar", fn([V], S)],
  ["time", fn([], S)],
  ["vector", fn([S])],
]);
