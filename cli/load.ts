/**
 * Loading for commands: read the file, print every located problem to stderr and stop with exit 1
 * on bad input; never a partial result.
 */
import { readUserFile } from "../files/userFiles";
import { loadModels, formatDiagnostic } from "../specification/loadModels";
import type { Model } from "../specification/model";
import type { Spec } from "../specification/schema";
import type { Locator } from "../specification/diagnostics";
import { UserError } from "../files/userError";
import { fsIncludeReader } from "../files/includeReader";
import { stackSettings } from "../stacks/stackConfig";
import type { StatusPageServing } from "../specification/statusPageCheck";
import { providerLimitDiagnostics } from "../backends/limits";

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

/**
 * Whether each environment's status page is served, from its Pulumi.<env>.yaml beside the spec
 * (the settings the plan is rendered with), so every command sees the Model the plan deploys.
 */
export function stackServing(file: string): (env: string) => StatusPageServing {
  return (env) => ({ cloudflareZoneId: stackSettings(file, env).cloudflareZoneId });
}

/** Loads every environment, or prints diagnostics and exits 1. */
export function loadModelsForCli(file: string = DEFAULT_SPEC, text: string = readSpecText(file)): LoadedSpec {
  const r = loadModels(text, file, fsIncludeReader, stackServing(file));
  if (!r.ok) {
    const lines = r.diagnostics.map(formatDiagnostic);
    const n = r.diagnostics.length;
    const where = r.diagnostics.some((d) => d.file !== file) ? `${file} and the files it includes` : file;
    throw new UserError(1, `${lines.join("\n")}\n${n} problem${n === 1 ? "" : "s"} in ${where}`);
  }
  for (const w of r.warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
  return { file, text, spec: r.spec, environments: r.environments, models: r.models, locate: r.locate };
}

/**
 * A located warning per environment whose status page nobody serves (statusPageCheck.ts): readiness
 * then renders no health check on it and the report's `statusPage` evidence does not hold.
 */
export function statusPageWarnings(loaded: LoadedSpec, environments: readonly string[] = loaded.environments): string[] {
  return environments.flatMap((env) => {
    const page = loaded.models[env].statusPage;
    if (!page?.notServed) return [];
    const d = loaded.locate(["statusPage", "hostname"], "StatusPageNotServed", `${page.hostname} is ${page.notServed}; no health check is rendered for it and the report's statusPage evidence does not hold`);
    return [formatDiagnostic({ ...d, severity: "warning" })];
  });
}

/** One environment's Model, or a clear error naming the declared environments. */
export function loadModelForCli(file: string | undefined, env: string): Model {
  const loaded = loadModelsForCli(file ?? DEFAULT_SPEC);
  return pickEnvironment(loaded, env);
}

/** The Model of a declared environment, or exit 1 with the list of declared ones or the values its providers would refuse. */
export function pickEnvironment(loaded: LoadedSpec, env: string): Model {
  const model = loaded.models[env];
  if (!model) throw new UserError(1, `${loaded.file}: environment "${env}" is not declared; declared: ${loaded.environments.join(", ")}`);
  refuseProviderLimits(loaded, [model]);
  return model;
}

/**
 * Stops with exit 1 and every located value the environments' providers would refuse (a check
 * timeout Synthetic Monitoring does not allow, a name PagerDuty rejects): what the spec loader
 * cannot know, since it depends on the backends, but the plan must never carry.
 */
export function refuseProviderLimits(loaded: LoadedSpec, models: readonly Model[]): void {
  const problems = providerLimitDiagnostics(loaded.spec, models, loaded.locate);
  if (!problems.length) return;
  const n = problems.length;
  throw new UserError(1, `${problems.map(formatDiagnostic).join("\n")}\n${n} value${n === 1 ? "" : "s"} a provider would refuse in ${loaded.file}`);
}
