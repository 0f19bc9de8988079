/** The bundled example spec (readiness.yaml), loaded and resolved, for integration tests. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import type { Model } from "../../specification/model";

export const EXAMPLE_FILE = path.join(__dirname, "..", "..", "readiness.yaml");

/** The example's text. */
export function exampleText(): string {
  return readFileSync(EXAMPLE_FILE, "utf8");
}

/** The example resolved for one environment. */
export function exampleModel(env: "staging" | "prod"): Model {
  const r = loadModels(exampleText(), "readiness.yaml");
  if (!r.ok) throw new Error(`the example spec does not load:\n${r.diagnostics.map(formatDiagnostic).join("\n")}`);
  return r.models[env];
}
