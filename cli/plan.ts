/** `readiness plan`: the Plan for one environment, offline, as `pulumi up` would create it. */
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { readUserFile } from "../files/userFiles";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { Model } from "../specification/model";
import type { Plan, RenderSettings } from "../plan/plan";
import { renderPlan } from "../backends/render";
import { plainStackConfig, settingsFromConfig } from "../plan/settings";
import { planJson, planMarkdown, planText } from "../plan/format";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment } from "./load";
import { UserError } from "../files/userError";

/** Settings from Pulumi.<env>.yaml beside the spec, when there is one (secrets are never read). */
export function stackSettings(specFile: string, env: string): RenderSettings {
  const stackFile = path.join(path.dirname(specFile), `Pulumi.${env}.yaml`);
  const config = existsSync(stackFile) ? plainStackConfig(parseStackConfig(readUserFile(stackFile), stackFile)) : {};
  try {
    return settingsFromConfig((k) => config[k]);
  } catch (e) {
    // A malformed setting is the user's to fix in the stack file, not an internal error.
    throw new UserError(1, `${stackFile}: ${(e as Error).message}`);
  }
}

/**
 * A stack file's YAML, or exit 1 naming where it is malformed. The parser's own message quotes the
 * offending lines, and those may hold secrets (a duplicated key would print both values): only
 * its first sentence and the position are shown.
 */
export function parseStackConfig(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const what = error.message.split("\n")[0].replace(/ at line \d+, column \d+.*$/, "").replace(/:.*$/, "");
    throw new UserError(1, `${file}:${line}:${col}: malformed stack configuration: ${what} (${error.code}); values are not shown`);
  }
  try {
    const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) throw new Error("not a mapping");
    return data;
  } catch {
    throw new UserError(1, `${file}:1:1: malformed stack configuration: the top level must be a mapping with a \`config:\` key`);
  }
}

/** The plan of a model with the stack's settings. */
export function planFor(model: Model, specFile: string): Plan {
  return renderPlan(model, stackSettings(specFile, model.environment));
}

/** A plan in the requested format. */
export function formatPlan(plan: Plan, format: string): string {
  switch (format) {
    case "json":
      return planJson(plan);
    case "markdown":
      return planMarkdown(plan);
    case "text":
      return planText(plan);
    default:
      throw new UserError(1, `unknown --format ${format}; use text, json or markdown`);
  }
}

export function register(program: Command): void {
  program
    .command("plan")
    .description("Print the resources `pulumi up` would create for an environment, offline and without credentials (secrets print as [secret])")
    .requiredOption("-e, --env <env>", "environment")
    .option("--format <format>", "text, json or markdown", "text")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((opts: { env: string; format: string; file: string }) => {
      const loaded = loadModelsForCli(opts.file);
      const model = pickEnvironment(loaded, opts.env);
      process.stdout.write(formatPlan(planFor(model, opts.file), opts.format));
    });
}
