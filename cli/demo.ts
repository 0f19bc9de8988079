/**
 * `readiness demo` (what `npm start` runs): the main job on one spec, end to end. Validate and
 * summarise, print the plan and the audit of every environment, and write the launch report, a
 * status page preview and the Prometheus rule files under out/.
 */
import type { Command } from "commander";
import { prepareOutputDir, writeOutputFile } from "../files/userFiles";
import { DEFAULT_SPEC, loadModelsForCli } from "./load";
import { summarize } from "./validate";
import { planFor } from "../stacks/stackConfig";
import { planText } from "../plan/format/text";
import { computeReport } from "../report/report";
import { renderHtml } from "../report/format/html";
import { summarySentence } from "../report/wording";
import { defaultEnvironment, localToday } from "./report";
import { renderPreviewHtml } from "../statuspage/preview";
import { renderRuleFile } from "../rules/ruleFile";
import { auditLoaded } from "./audit";

export function register(program: Command): void {
  program
    .command("demo")
    .description("Validate the spec, print the plan and audit of every environment, and write out/report.html, out/statuspage.html and out/prometheus-<env>.rules.yml")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .option("--out <dir>", "where to write the report and previews", "out")
    .action((opts: { file: string; out: string }) => {
      const loaded = loadModelsForCli(opts.file);
      const say = (s = "") => process.stdout.write(`${s}\n`);
      const rule = (title: string) => say(`\n=== ${title} ${"=".repeat(Math.max(0, 72 - title.length))}`);
      rule(`validate ${loaded.file}`);
      for (const env of loaded.environments) say(summarize(loaded.models[env]));
      for (const env of loaded.environments) {
        rule(`plan --env ${env}`);
        process.stdout.write(planText(planFor(loaded.models[env], loaded.file)));
      }
      const now = new Date();
      for (const env of loaded.environments) {
        rule(`audit --env ${env}`);
        process.stdout.write(auditLoaded(loaded, env, "text", now).output);
      }
      prepareOutputDir(opts.out);
      const written: string[] = [];
      const write = (name: string, text: string) => written.push(writeOutputFile(opts.out, name, text));
      const reportEnv = defaultEnvironment(loaded.environments, loaded.models) as string;
      const report = computeReport(loaded.models[reportEnv], localToday(now));
      write("report.html", renderHtml(report));
      const statusModel = loaded.models[reportEnv];
      if (statusModel.statusPage) write("statuspage.html", renderPreviewHtml(statusModel.statusPage, now));
      for (const env of loaded.environments) write(`prometheus-${env}.rules.yml`, renderRuleFile(loaded.models[env]));
      rule("written");
      say(`report (${reportEnv}): ${summarySentence(report)}`);
      for (const f of written) say(`  ${f}`);
    });
}
