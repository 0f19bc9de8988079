/** The spec pipeline's front door: text -> validated Spec -> one Model per environment. */
import { stringify } from "yaml";
import { loadSpec } from "./load";
import { resolve } from "./resolve";
import type { Diagnostic } from "./diagnostics";
import type { Model } from "./model";
import type { Spec } from "./schema";
import type { Locator } from "./load";

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
export function loadModelsFromData(spec: SpecInput, label = "<typescript spec>"): LoadModelsResult {
  return loadModels(stringify(spec, { aliasDuplicateObjects: false, lineWidth: 0 }), label);
}

/** Loads, validates and resolves every environment; environments in declaration order. */
export function loadModels(text: string, file: string): LoadModelsResult {
  const loaded = loadSpec(text, file);
  if (!loaded.ok) return loaded;
  const environments = Object.keys(loaded.spec.environments);
  const models = Object.fromEntries(environments.map((env) => [env, resolve(loaded.spec, env, file)]));
  return { ok: true, spec: loaded.spec, models, environments, warnings: loaded.warnings, locate: loaded.locate };
}
