/** `readiness status`: each SLO, check and heartbeat of an environment as Prometheus sees it now. */
import { Option, type Command } from "commander";
import { DEFAULT_SPEC, loadModelForCli } from "./load";
import { UserError } from "../files/userError";
import { clientFromCli, withLiveErrors } from "./live";
import { readStatus } from "../live/status";
import { liveScope } from "../live/scope";
import { formatStatus, STATUS_FORMATS, type StatusFormat } from "../live/statusFormat";

export function register(program: Command): void {
  program
    .command("status")
    .description("Live: per SLO the SLI, error budget left and burn rates, what fires and who is on call now; per check and heartbeat the last result (reads Prometheus; credentials from the environment)")
    .requiredOption("-e, --env <env>", "environment")
    .requiredOption("--prometheus <url>", "Prometheus base URL, e.g. http://localhost:9090 (auth: READINESS_PROMETHEUS_BEARER_TOKEN_FILE or READINESS_PROMETHEUS_USERNAME + READINESS_PROMETHEUS_PASSWORD_FILE)")
    .addOption(new Option("--format <format>", "output format").choices([...STATUS_FORMATS]).default("text"))
    .option("--timeout <duration>", "per-request timeout", "10s")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .action(async (opts: { env: string; prometheus: string; format: StatusFormat; timeout: string; file: string }) => {
      const model = loadModelForCli(opts.file, opts.env);
      const scope = liveScope(model);
      if (!scope.queries) throw new UserError(1, `readiness: ${scope.notes[0] ?? `environment ${opts.env} has nothing Prometheus can answer (no SLO, alert, heartbeat or check with a Prometheus query)`}`);
      const client = clientFromCli(opts.prometheus, opts.timeout);
      const report = await withLiveErrors(() => readStatus(client, model, Math.floor(Date.now() / 1000)));
      process.stdout.write(formatStatus(report, opts.format));
    });
}
