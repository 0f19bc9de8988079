/** `readiness validate`: load and resolve every environment, then a short summary of each. */
import type { Command } from "commander";
import type { Model } from "../specification/model";
import { existsSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { loadModelsForCli, DEFAULT_SPEC, refuseProviderLimits, statusPageWarnings } from "./load";
import { isPlaceholder, settingOf } from "../plan/settings";
import { whoRouteWakes, whoServiceRouteWakes } from "../oncall/reach";
import { routeOverrides } from "../specification/routes";
import { SEVERITIES } from "../specification/model";
import { STATUS_PAGE_CHECK_ID } from "../specification/statusPageCheck";
import { readUserFile } from "../files/userFiles";
import { plainStackConfig } from "../plan/settings";
import { sharedGrafanaOrgProblems, type GrafanaDestination } from "../backends/grafana/sharedOrg";
import { UserError } from "../files/userError";

/** Where each environment with the Grafana backend deploys, from the Pulumi.<env>.yaml beside the spec (secrets are never read). */
export function grafanaDestinations(specFile: string, models: readonly Model[]): GrafanaDestination[] {
  const out: GrafanaDestination[] = [];
  for (const model of models) {
    if (!model.backends.includes("grafana")) continue;
    const stackFile = path.join(path.dirname(specFile), `Pulumi.${model.environment}.yaml`);
    if (!existsSync(stackFile)) continue;
    const text = readUserFile(stackFile);
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    // A malformed stack file is `readiness plan`'s to report, with its position.
    if (doc.errors.length) continue;
    const config = plainStackConfig(doc.toJS({ maxAliasCount: 100 }) as unknown);
    // Not set yet (a placeholder or `<unset: ...>`): the placeholder check names it; no org to compare.
    if (!config["grafana:url"] || isPlaceholder(config["grafana:url"]) || config["grafana:url"].startsWith("<unset:")) continue;
    const node = doc.getIn(["config", "grafana:url"], true) as { range?: [number, number, number] } | undefined;
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    out.push({ environment: model.environment, url: config["grafana:url"], orgId: config["grafana:orgId"], where: `${stackFile}:${pos.line}:${pos.col}` });
  }
  return out;
}

/** One environment summarised in a line or two. */
export function summarize(model: Model): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const slos = model.services.flatMap((s) => s.slos);
  const burn = slos.reduce((n, s) => n + s.alerts.length, 0);
  const alerts = model.services.reduce((n, s) => n + s.alerts.length, 0);
  const checks = model.services.reduce((n, s) => n + s.checks.length, 0);
  // The status page's /health check is added by readiness, not written: say so, or the count surprises.
  const automatic = model.statusPage ? model.services.filter((s) => s.checks.some((c) => c.id === STATUS_PAGE_CHECK_ID)).map((s) => s.id) : [];
  const checksText = `${count(checks, "check")}${automatic.length ? ` (${automatic.length} automatic: the status page's own /health check on ${automatic.join(", ")})` : ""}`;
  const heartbeats = model.services.reduce((n, s) => n + s.heartbeats.length, 0);
  // Whoever a high-urgency route can reach: the defaults and every service's and alert's own route.
  const paged = [...new Set([...SEVERITIES.flatMap((s) => whoRouteWakes(model, model.routing[s])), ...routeOverrides(model).flatMap((o) => whoServiceRouteWakes(model, o.service.id, o.route))])].sort();
  const names = paged.map((id) => model.oncall.people.find((p) => p.id === id)?.name ?? id);
  const who = !model.paging ? "nobody is paged (paging: false; pages become tickets)" : names.length ? `pages reach ${names.join(", ")}` : "pages reach nobody";
  return [
    `${model.environment}: ${count(model.services.length, "service")}, ${count(slos.length, "SLO")} (${count(burn, "burn-rate alert")}), ${count(alerts, "alert")}, ${checksText}, ${count(heartbeats, "heartbeat")}`,
    `  backends: ${model.backends.join(", ")}; ${who}`,
  ].join("\n");
}

/**
 * Every value of a stack file that is still a placeholder (`<cloudflare-account-id>`), located
 * `file:line:col key: ...` with where to get the real one. The values are ids, never secrets.
 */
export function stackPlaceholders(text: string, file: string): string[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    // The parser's message may quote a secret's line: only the position is shown.
    const { line, col } = lineCounter.linePos(doc.errors[0].pos[0]);
    return [`${file}:${line}:${col}: malformed stack configuration (${doc.errors[0].code}); values are not shown`];
  }
  const config = doc.get("config", true);
  if (!isMap(config)) return [];
  return config.items.flatMap((item) => {
    const key = isScalar(item.key) ? String(item.key.value) : "";
    if (!isScalar(item.value) || typeof item.value.value !== "string" || !isPlaceholder(item.value.value)) return [];
    const { line, col } = lineCounter.linePos(item.value.range?.[0] ?? 0);
    const where = settingOf(key)?.where;
    return [`${file}:${line}:${col} ${key}: still the placeholder ${JSON.stringify(item.value.value)}; replace it${where ? ` (where: ${where})` : ""}`];
  });
}

export function register(program: Command): void {
  program
    .command("validate")
    .description("Load the spec and resolve every environment; print a summary per environment, or every problem with its file:line:col")
    .argument("[file]", "spec file (same as --file)")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((fileArg: string | undefined, opts: { file: string }) => {
      const loaded = loadModelsForCli(fileArg ?? opts.file);
      refuseProviderLimits(loaded, loaded.environments.map((e) => loaded.models[e]));
      // The stack files beside the spec: a placeholder left there would otherwise surface only at `pulumi up`.
      const placeholders = loaded.environments.flatMap((env) => {
        const stackFile = path.join(path.dirname(loaded.file), `Pulumi.${env}.yaml`);
        return existsSync(stackFile) ? stackPlaceholders(readUserFile(stackFile), stackFile) : [];
      });
      if (placeholders.length) throw new UserError(1, `${placeholders.join("\n")}\n${placeholders.length} placeholder(s) left in the stack files; the spec itself is valid`);
      const shared = sharedGrafanaOrgProblems(grafanaDestinations(loaded.file, loaded.environments.map((e) => loaded.models[e])));
      if (shared.length) throw new UserError(1, `${shared.join("\n")}\n${shared.length} problem${shared.length === 1 ? "" : "s"} in the stack configuration`);
      for (const w of statusPageWarnings(loaded)) process.stderr.write(`${w}\n`);
      process.stdout.write(`${loaded.file} is valid\n`);
      for (const env of loaded.environments) process.stdout.write(`${summarize(loaded.models[env])}\n`);
    });
}
