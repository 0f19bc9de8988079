/** Cross-reference step: placeholders are `${env}` or a `${vars.X}` every environment defines. */
import type { Spec } from "../schema";
import type { Diagnostic, Locator } from "../diagnostics";
import { didYouMean } from "../diagnostics";
import type { Path } from "./common";

/** ${vars.X} must be defined in every environment; ${env} is always defined. */
export function checkVariables(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const envs = Object.entries(spec.environments);
  walkStrings(spec, [], (value, at) => {
    for (const m of value.matchAll(/\$\{([^}]*)\}/g)) {
      const ref = m[1].trim();
      if (ref === "env") continue;
      const v = /^vars\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
      if (!v) {
        out.push(locate(at, "UndefinedVariable", `unknown placeholder \${${ref}}`, "use ${env} or ${vars.NAME}"));
        continue;
      }
      const missing = envs.filter(([, e]) => !(v[1] in e.vars)).map(([n]) => n);
      if (missing.length) {
        const known = [...new Set(envs.flatMap(([, e]) => Object.keys(e.vars)))];
        const guess = didYouMean(v[1], known.filter((k) => k !== v[1]));
        out.push(locate(at, "UndefinedVariable", `\${vars.${v[1]}} is not defined for environment${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`, guess ? `did you mean \${vars.${guess}}?` : `add it under ${missing.map((n) => `environments.${n}.vars`).join(" and ")}`));
      }
    }
  });
  return out;
}

/** Calls `fn` for every string in the spec except environment definitions themselves. */
function walkStrings(value: unknown, path: Path, fn: (s: string, at: Path) => void): void {
  if (typeof value === "string") fn(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], fn));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (path.length === 0 && k === "environments") continue;
      walkStrings(v, [...path, k], fn);
    }
}
