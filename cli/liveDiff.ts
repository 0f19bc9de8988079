/**
 * `readiness diff --prometheus`: the diff's output followed by the backtest of every alert the
 * change adds or alters. The two models are loaded the way `runDiff` loads them (the working
 * tree against `--base`, or against another environment with `--against`).
 */
import { loadModels } from "../specification/loadModels";
import type { Model } from "../specification/model";
import { readBacktest, backtestMarkdown, backtestText } from "../live/backtest";
import { loadModelsForCli, pickEnvironment, stackServing } from "./load";
import { gitIncludeReader } from "../files/gitIncludeReader";
import { specAtRef } from "../files/specAtRef";
import { clientFromCli, sinceSeconds, withLiveErrors } from "./live";

/** What the backtest needs from the diff's options. */
export interface BacktestOptions {
  env: string;
  file: string;
  base?: string;
  against?: string;
  format: string;
  prometheus: string;
  since: string;
  timeout: string;
}

/** The model the diff compares with, or undefined when there is none (the spec or environment is new). */
function beforeModel(opts: BacktestOptions): Model | undefined {
  if (opts.against !== undefined) return pickEnvironment(loadModelsForCli(opts.file), opts.against);
  const ref = opts.base ?? "HEAD";
  const base = specAtRef(opts.file, ref);
  if (base.text === undefined) return undefined;
  const r = loadModels(base.text, opts.file, gitIncludeReader(opts.file, ref), stackServing(opts.file));
  return r.ok ? r.models[opts.env] : undefined;
}

/** The diff's output with the backtest appended (text, markdown) or added as `backtest` (json). */
export async function withBacktest(output: string, opts: BacktestOptions): Promise<string> {
  const range = sinceSeconds(opts.since);
  const after = pickEnvironment(loadModelsForCli(opts.file), opts.env);
  const client = clientFromCli(opts.prometheus, opts.timeout);
  const bt = await withLiveErrors(() => readBacktest(client, beforeModel(opts), after, Math.floor(Date.now() / 1000), range));
  if (opts.format === "json") return `${JSON.stringify({ ...(JSON.parse(output) as object), backtest: bt }, null, 2)}\n`;
  return `${output}${output.endsWith("\n\n") ? "" : "\n"}${opts.format === "markdown" ? backtestMarkdown(bt) : backtestText(bt)}`;
}
