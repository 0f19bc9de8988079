/**
 * The Pulumi program: `pulumi up --stack staging|prod` provisions the environment named by
 * `readiness:environment` (default: the stack name) of `readiness:spec` (default readiness.yaml).
 * `readiness:shard` builds one stack of a split environment (stacks/program.ts).
 * Bad spec input fails the preview with the same located messages as `readiness validate`.
 */
import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import { loadModels, formatDiagnostic } from "./specification/loadModels";
import { settingsFromConfig } from "./plan/settings";
import { buildStackProgram, stackRoutedContactPoints } from "./stacks/program";
import { pulumiStackName } from "./stacks/layout";
import { fsIncludeReader } from "./files/includeReader";
import { providerLimitDiagnostics } from "./backends/limits";

const config = new pulumi.Config("readiness");
const environment = config.get("environment") ?? pulumi.getStack();
const file = config.get("spec") ?? "readiness.yaml";
const settings = (() => {
  try {
    return settingsFromConfig((key) => {
      const [ns, name] = key.split(":");
      return new pulumi.Config(ns).get(name);
    });
  } catch (e) {
    // A malformed setting (readiness:prometheusLabels) is the user's to fix: no stack trace.
    throw new pulumi.RunError((e as Error).message);
  }
})();
// The stack's settings say whether the status page is served (statusPageCheck.ts), as `readiness plan` reads them from Pulumi.<env>.yaml.
const loaded = loadModels(readFileSync(file, "utf8"), file, fsIncludeReader, () => ({ cloudflareZoneId: settings.cloudflareZoneId }));
if (!loaded.ok) throw new pulumi.RunError(`${loaded.diagnostics.map(formatDiagnostic).join("\n")}\n${loaded.diagnostics.length} problem(s) in ${file}`);
const model = loaded.models[environment];
if (!model) throw new pulumi.RunError(`${file}: environment "${environment}" is not declared; declared: ${loaded.environments.join(", ")} (set readiness:environment)`);
const refused = providerLimitDiagnostics(loaded.spec, [model], loaded.locate);
if (refused.length) throw new pulumi.RunError(`${refused.map(formatDiagnostic).join("\n")}\n${refused.length} value(s) a provider would refuse in ${file}`);
// `readiness:shard` picks one stack of the layout (environments.<env>.stacks); unset, everything.
const shard = config.get("shard");
const sharedStack = config.get("sharedStack") ?? `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumiStackName(model.system.name, environment, "shared")}`;
const stackPath = (part: string) => `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumiStackName(model.system.name, environment, part)}`;
// Set by `readiness up` for the routing stack's pre-pass only (stacks/routingPrepass.ts).
const routeOnlyText = config.get("routeOnly");
const routeOnly = routeOnlyText === undefined || routeOnlyText === "" ? undefined : (JSON.parse(routeOnlyText) as string[]);
const programArgs = { spec: loaded.spec, model, settings, shard, sharedStack, stackPath, routeOnly };
const stack = buildStackProgram(programArgs);

export const dashboardUrls = stack.dashboardUrls;
export const pagerdutyServiceIds = stack.pagerdutyServiceIds;
export const resourceCount = stack.plan.resources.length;
export const sharedOutputs = stack.sharedOutputs;
export const routedContactPoints = stackRoutedContactPoints(programArgs);
