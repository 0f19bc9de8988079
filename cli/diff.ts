/**
 * `readiness diff`: what a change does to monitoring, compared with a git ref (default HEAD) or
 * with another environment of the same spec. The shell reads git and the clock; diff/ computes.
 */
import type { Command } from "commander";
import { loadModels, formatDiagnostic } from "../specification/loadModels";
import { parseLocalDate } from "../oncall/zone";
import type { Model } from "../specification/model";
import { environmentDiff, isEmptyDiff, type DiffSide, type EnvironmentDiff } from "../diff/environmentDiff";
import { diffText } from "../diff/format/text";
import { diffMarkdown } from "../diff/format/markdown";
import { diffJson } from "../diff/format/json";
import { DEFAULT_SPEC, loadModelsForCli, pickEnvironment, stackServing } from "./load";
import { planFor, stackSettings } from "../stacks/stackConfig";
import { renderPlan } from "../backends/render";
import { foldEnvironmentNames, renamedEnvironment } from "../diff/environmentFold";
import { UserError } from "../files/userError";
import { gitIncludeReader } from "../files/gitIncludeReader";
import { specAtRef, specFolderAt } from "../files/specAtRef";
import { allOrigins, originsOf, withOrigins, type Origins } from "../diff/changeOrigin";
import { baseCacheFromEnvironment, baseCacheKey, readCached, writeCached, type BaseCache } from "../files/baseCache";
import { cachedBaseOf, storedBase, UnreadableBase } from "../diff/cachedBase";
import { withBacktest } from "./liveDiff";

interface DiffOptions {
  env: string;
  against?: string;
  base?: string;
  format: string;
  exitCode?: boolean;
  file: string;
  now?: string;
  prometheus?: string;
  since: string;
  timeout: string;
}

/** Today's date in UTC as YYYY-MM-DD; the only place diff reads the clock. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function format(d: EnvironmentDiff, f: string): string {
  switch (f) {
    case "text":
      return diffText(d);
    case "markdown":
      return diffMarkdown(d);
    case "json":
      return diffJson(d);
    default:
      throw new UserError(1, `unknown --format ${f}; use text, markdown or json`);
  }
}

function side(model: Model, file: string): DiffSide {
  return { model, plan: planFor(model, file) };
}

/**
 * The diff a command line asks for. With `cache`, the base of `--base` is read from it when this
 * exact base was rendered before, and stored there when it was not (files/baseCache.ts).
 */
export function runDiff(opts: DiffOptions, cache?: BaseCache): EnvironmentDiff {
  if (opts.against !== undefined && opts.base !== undefined) throw new UserError(1, "--against and --base cannot be combined: compare with another environment or with a git ref");
  const fromDate = opts.now ?? today();
  if (!parseLocalDate(fromDate)) throw new UserError(1, `--now ${JSON.stringify(fromDate)}: expected a date as YYYY-MM-DD`);
  const loaded = loadModelsForCli(opts.file);
  const after = side(pickEnvironment(loaded, opts.env), opts.file);
  const afterOrigins = originsOf(loaded.spec, loaded.locate, opts.file);
  const named = (d: EnvironmentDiff, before: Origins): EnvironmentDiff => ({ ...d, semantic: withOrigins(d.semantic, before, afterOrigins) });
  if (opts.against !== undefined) {
    const other = pickEnvironment(loaded, opts.against);
    const base = `environment ${opts.against}`;
    const raw = environmentDiff({ base, before: side(other, opts.file), after, fromDate });
    // The other environment renamed, rendered with its own stack settings so setting differences stay visible.
    const renamed = renamedEnvironment(other, opts.env);
    const folded = environmentDiff({ base, before: { model: renamed, plan: renderPlan(renamed, stackSettings(opts.file, opts.against)) }, after, fromDate });
    return named(foldEnvironmentNames(raw, folded, opts.against, opts.env), afterOrigins);
  }
  const ref = opts.base ?? "HEAD";
  const base = specAtRef(opts.file, ref);
  const nothing = () => undefined;
  if (base.text === undefined) return named(environmentDiff({ base: base.where, notes: [`${opts.file} does not exist at ${ref}: everything is new`], after, fromDate }), nothing);
  // Settings come from the working tree's Pulumi.<env>.yaml on both sides, so only the spec's change shows.
  const settings = stackSettings(opts.file, opts.env);
  // Everything the base's Model and Plan are made from; the ref's name is not, so a base reached by
  // another name (origin/main, a commit id) is the same entry.
  const key = cache && baseCacheKey(cache, { environment: opts.env, file: opts.file, settings: JSON.stringify(settings), folder: specFolderAt(opts.file, ref) });
  const entry = key === undefined ? undefined : readCached(cache!, key);
  try {
    const cached = entry && cachedBaseOf(entry, opts.env);
    if (cached) return named(environmentDiff({ base: base.where, before: { model: cached.model, plan: cached.resources }, after, fromDate }), (k) => cached.origins.get(k));
  } catch (e) {
    // A stored resource torn or flipped since it was written: render the base and store it again.
    if (!(e instanceof UnreadableBase)) throw e;
  } finally {
    entry?.close();
  }
  // Loaded under the working tree's file name: generated content that names the spec file must not
  // show as a change.
  // Its team files are read at the same ref.
  const r = loadModels(base.text, opts.file, gitIncludeReader(opts.file, ref), stackServing(opts.file));
  if (!r.ok) throw new UserError(1, `${r.diagnostics.map(formatDiagnostic).join("\n")}\n(these are in ${base.where}) the spec at ${ref} does not load, so there is nothing to compare with`);
  const model = r.models[opts.env];
  if (!model) return named(environmentDiff({ base: base.where, notes: [`environment ${opts.env} is not declared at ${ref}: everything is new`], after, fromDate }), nothing);
  const plan = renderPlan(model, settings);
  if (key === undefined) return named(environmentDiff({ base: base.where, before: { model, plan }, after, fromDate }), originsOf(r.spec, r.locate, opts.file));
  const origins = allOrigins(r.spec, r.locate, opts.file);
  const stored = storedBase({ model, plan, origins });
  writeCached(cache!, key, stored.value, stored.blobs);
  return named(environmentDiff({ base: base.where, before: { model, plan }, after, fromDate }), (k) => origins.get(k));
}

export function register(program: Command): void {
  program
    .command("diff")
    .description(
      "What a change does to monitoring (SLOs, alerts, routing, on-call, checks), then to provider resources. " +
        "Without --against or --base it compares the working-tree spec with the spec committed at HEAD (git show HEAD:<file>).",
    )
    .requiredOption("-e, --env <env>", "environment to diff")
    .option("--against <env2>", "compare with another environment of the same spec (the other environment is the base)")
    .option("--base <gitref>", "compare with the spec as it was at a git ref, e.g. origin/main (default HEAD)")
    .option("--format <format>", "text, markdown or json", "text")
    .option("--exit-code", "exit 2 when there are changes, 0 when there are none")
    .option("-f, --file <file>", "spec file", DEFAULT_SPEC)
    .option("--now <date>", "first day of the two-week on-call tables, YYYY-MM-DD (default today, UTC)")
    .option("--prometheus <url>", "backtest: how often each added or changed alert would have fired and paged over --since (credentials from the environment, see README)")
    .option("--since <duration>", "with --prometheus: the past range to backtest over", "7d")
    .option("--timeout <duration>", "with --prometheus: per-request timeout", "10s")
    .action(async (opts: DiffOptions) => {
      if (!["text", "markdown", "json"].includes(opts.format)) throw new UserError(1, `unknown --format ${opts.format}; use text, markdown or json`);
      const d = runDiff(opts, opts.against === undefined ? baseCacheFromEnvironment() : undefined);
      const out = format(d, opts.format);
      process.stdout.write(opts.prometheus === undefined ? out : await withBacktest(out, { ...opts, prometheus: opts.prometheus }));
      if (opts.exitCode && !isEmptyDiff(d)) throw new UserError(2);
    });
}
