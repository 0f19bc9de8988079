/**
 * Loading for commands: read the file, print every located problem to stderr and stop with exit 1
 * on bad input; never a partial result.
 */
import { readUserFile } from "../files/userFiles";
import { loadModels, formatDiagnostic } from "../specification";
import type { Model } from "../specification/model";
import type { Spec } from "../specification/schema";
import type { Locator } from "../specification/diagnostics";
import { UserError } from "../files/userError";
import { fsIncludeReader } from "../files/includeReader";

/** The default spec file. */
export const DEFAULT_SPEC = "readiness.yaml";

/** Reads a file or stops with a clear message (regular files only, size-limited: files/userFiles.ts). */
export function readSpecText(file: string): string {
  return readUserFile(file, " (pass --file to name the spec)");
}

/** Loaded spec and every environment's Model. */
export interface LoadedSpec {
  file: string;
  text: string;
  spec: Spec;
  environments: string[];
  models: Record<string, Model>;
  /** Where a spec path was written, for findings that point into the spec. */
  locate: Locator;
}

/** Loads every environment, or prints diagnostics and exits 1. */
export function loadModelsForCli(file: string = DEFAULT_SPEC, text: string = readSpecText(file)): LoadedSpec {
  const r = loadModels(text, file, fsIncludeReader);
  if (!r.ok) {
    const lines = r.diagnostics.map(formatDiagnostic);
    const n = r.diagnostics.length;
    const where = r.diagnostics.some((d) => d.file !== file) ? `${file} and the files it includes` : file;
    throw new UserError(1, `${lines.join("\n")}\n${n} problem${n === 1 ? "" : "s"} in ${where}`);
  }
  for (const w of r.warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
  return { file, text, spec: r.spec, environments: r.environments, models: r.models, locate: r.locate };
}

/** One environment's Model, or a clear error naming the declared environments. */
export function loadModelForCli(file: string | undefined, env: string): Model {
  const loaded = loadModelsForCli(file ?? DEFAULT_SPEC);
  return pickEnvironment(loaded, env);
}

/** The Model of a declared environment, or exit 1 with the list of declared ones. */
export function pickEnvironment(loaded: LoadedSpec, env: string): Model {
  const model = loaded.models[env];
  if (!model) throw new UserError(1, `${loaded.file}: environment "${env}" is not declared; declared: ${loaded.environments.join(", ")}`);
  return model;
}
