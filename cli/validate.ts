/** `readiness validate`: load and resolve every environment, then a short summary of each. */
import type { Command } from "commander";
import type { Model } from "../specification/model";
import { loadModelsForCli, DEFAULT_SPEC } from "./load";
import { whoRouteWakes, whoServiceRouteWakes } from "../oncall/reach";
import { routeOverrides } from "../specification/routes";
import { SEVERITIES } from "../specification/model";
import { STATUS_PAGE_CHECK_ID } from "../specification/statusPageCheck";

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

export function register(program: Command): void {
  program
    .command("validate")
    .description("Load the spec and resolve every environment; print a summary per environment, or every problem with its file:line:col")
    .argument("[file]", "spec file (same as --file)")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action((fileArg: string | undefined, opts: { file: string }) => {
      const loaded = loadModelsForCli(fileArg ?? opts.file);
      process.stdout.write(`${loaded.file} is valid\n`);
      for (const env of loaded.environments) process.stdout.write(`${summarize(loaded.models[env])}\n`);
    });
}
