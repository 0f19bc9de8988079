/** `readiness validate`: load and resolve every environment, then a short summary of each. */
import type { Command } from "commander";
import type { Model } from "../specification/model";
import { existsSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { loadModelsForCli, DEFAULT_SPEC } from "./load";
import { readUserFile } from "../files/userFiles";
import { isPlaceholder, settingOf } from "../backends/settings";
import { CliExit } from "./errors";
import { whoRouteWakes } from "../oncall/reach";
import { allRoutes } from "../specification/routes";

/** One environment summarised in a line or two. */
export function summarize(model: Model): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const slos = model.services.flatMap((s) => s.slos);
  const burn = slos.reduce((n, s) => n + s.alerts.length, 0);
  const alerts = model.services.reduce((n, s) => n + s.alerts.length, 0);
  const checks = model.services.reduce((n, s) => n + s.checks.length, 0);
  const heartbeats = model.services.reduce((n, s) => n + s.heartbeats.length, 0);
  // Whoever a high-urgency route can reach: the defaults and every service's and alert's own route.
  const paged = [...new Set(allRoutes(model).flatMap((r) => whoRouteWakes(model, r)))].sort();
  const names = paged.map((id) => model.oncall.people.find((p) => p.id === id)?.name ?? id);
  const who = !model.paging ? "nobody is paged (paging: false; pages become tickets)" : names.length ? `pages reach ${names.join(", ")}` : "pages reach nobody";
  return [
    `${model.environment}: ${count(model.services.length, "service")}, ${count(slos.length, "SLO")} (${count(burn, "burn-rate alert")}), ${count(alerts, "alert")}, ${count(checks, "check")}, ${count(heartbeats, "heartbeat")}`,
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
      // The stack files beside the spec: a placeholder left there would otherwise surface only at `pulumi up`.
      const placeholders = loaded.environments.flatMap((env) => {
        const stackFile = path.join(path.dirname(loaded.file), `Pulumi.${env}.yaml`);
        return existsSync(stackFile) ? stackPlaceholders(readUserFile(stackFile), stackFile) : [];
      });
      if (placeholders.length) throw new CliExit(1, `${placeholders.join("\n")}\n${placeholders.length} placeholder(s) left in the stack files; the spec itself is valid`);
      process.stdout.write(`${loaded.file} is valid\n`);
      for (const env of loaded.environments) process.stdout.write(`${summarize(loaded.models[env])}\n`);
    });
}
