/** The spec pipeline's front door: text -> validated Spec -> one Model per environment. */
import { stringify } from "yaml";
import { loadComposedSpec, type IncludeReader } from "./include";
import { resolve } from "./resolve";
import type { Diagnostic } from "./diagnostics";
import type { Model } from "./model";
import type { Spec } from "./schema";
import type { Locator } from "./diagnostics";
import type { StatusPageServing } from "./statusPageCheck";

export { loadSpec } from "./load";
export { resolve } from "./resolve";
export type { Diagnostic } from "./diagnostics";
export { formatDiagnostic } from "./diagnostics";

/** Every environment resolved, or the diagnostics that stopped it. */
export type LoadModelsResult =
  | { ok: true; spec: Spec; models: Record<string, Model>; environments: string[]; warnings: Diagnostic[]; locate: Locator }
  | { ok: false; diagnostics: Diagnostic[] };

/** A spec written as TypeScript data: the zod schema's input type, the same fields as readiness.yaml. */
export type SpecInput = import("zod").input<typeof import("./schema").specSchema>;

/**
 * A spec given as data (from a TypeScript program) validated and resolved by the very code that
 * reads readiness.yaml: it is written out as YAML and loaded, so every check and default is the
 * same. Problems name the field path; `label` stands where a file name would.
 */
export function loadModelsFromData(spec: SpecInput, label = "<typescript spec>", serving?: (env: string) => StatusPageServing): LoadModelsResult {
  return loadModels(stringify(spec, { aliasDuplicateObjects: false, lineWidth: 0 }), label, undefined, serving);
}

/**
 * Loads, validates and resolves every environment; environments in declaration order. With a
 * reader, the files named by `include:` are composed in (specification/include.ts). `serving`
 * gives an environment's stack config about the status page's hostname (statusPageCheck.ts).
 */
export function loadModels(text: string, file: string, reader?: IncludeReader, serving?: (env: string) => StatusPageServing): LoadModelsResult {
  const loaded = loadComposedSpec(text, file, reader);
  if (!loaded.ok) return loaded;
  const environments = Object.keys(loaded.spec.environments);
  // Resolved on first use: a command about one environment (plan, stacks, up) pays for that one only.
  const models: Record<string, Model> = {};
  for (const env of environments) {
    let model: Model | undefined;
    Object.defineProperty(models, env, { enumerable: true, get: () => (model ??= resolve(loaded.spec, env, file, serving?.(env))) });
  }
  return { ok: true, spec: loaded.spec, models, environments, warnings: loaded.warnings, locate: loaded.locate };
}
