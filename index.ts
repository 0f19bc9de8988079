/**
 * The Pulumi program: `pulumi up --stack staging|prod` provisions the environment named by
 * `readiness:environment` (default: the stack name) of `readiness:spec` (default readiness.yaml).
 * Bad spec input fails the preview with the same located messages as `readiness validate`.
 */
import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import { loadModels, formatDiagnostic } from "./specification";
import { settingsFromConfig } from "./backends/settings";
import { ReadinessStack } from "./components/readinessStack";

const config = new pulumi.Config("readiness");
const environment = config.get("environment") ?? pulumi.getStack();
const file = config.get("spec") ?? "readiness.yaml";
const loaded = loadModels(readFileSync(file, "utf8"), file);
if (!loaded.ok) throw new pulumi.RunError(`${loaded.diagnostics.map(formatDiagnostic).join("\n")}\n${loaded.diagnostics.length} problem(s) in ${file}`);
const model = loaded.models[environment];
if (!model) throw new pulumi.RunError(`${file}: environment "${environment}" is not declared; declared: ${loaded.environments.join(", ")} (set readiness:environment)`);

const settings = settingsFromConfig((key) => {
  const [ns, name] = key.split(":");
  return new pulumi.Config(ns).get(name);
});
const stack = new ReadinessStack(model.system.name, { model, settings });

export const dashboardUrls = stack.dashboardUrls;
export const pagerdutyServiceIds = stack.pagerdutyServiceIds;
export const onCallNow = stack.onCallNow;
export const resourceCount = stack.plan.resources.length;
