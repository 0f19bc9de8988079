/**
 * The backtest of a change: every alert it adds or alters, evaluated over a past range before and
 * after the change (recordings inlined, `for` applied), with how many episodes would have paged
 * people and how many of those at night. Reading is `readBacktest`; the rest computes and formats.
 */
import type { Model } from "../specification/model";
import { humanize } from "../specification/duration";
import { mdCode, mdText } from "../markdown/escape";
import { canonicalPromql, inlineRecordings } from "./promqlTree";
import { alertHistory, forSeconds, historyRange, renderedRules, wakes, type HistoryRange, type RenderedRules } from "./alertHistory";
import { atNight, firingSeconds, type Episode } from "./episodes";
import { inBatches } from "./batches";
import type { PromAlertRule } from "../rules/rule";
import type { PrometheusClient } from "./prometheusClient";

/** One side of a changed alert over the range. */
export interface BacktestSide {
  episodes: number;
  firingSeconds: number;
  /** Episodes whose notification would have woken someone (0 when its route pages nobody). */
  paged: number;
  /** Of those, how many started at night (22:00-07:00 in the on-call time zone). */
  pagedAtNight: number;
}

/** A changed alert, before and after. */
export interface BacktestRow {
  alert: string;
  service: string;
  severity: string;
  change: "added" | "changed";
  /** Null when the alert did not exist before the change. */
  before: BacktestSide | null;
  after: BacktestSide;
}

/** The backtest of a diff. */
export interface Backtest {
  prometheus: string;
  sinceSeconds: number;
  /** Range evaluated (RFC 3339) and its step in seconds. */
  from: string;
  to: string;
  step: number;
  rows: BacktestRow[];
}

/** What decides when an alert fires: its expression with recordings inlined, its `for`, its severity. */
function behaviour(rule: PromAlertRule, rules: RenderedRules): string {
  return JSON.stringify([canonicalPromql(inlineRecordings(rule.expr, rules.recordings).expr), forSeconds(rule), rule.labels.severity]);
}

/** Alerts of `after` that are new or fire differently than in `before` (by alert name). */
export function changedAlerts(before: Model | undefined, after: Model): { rule: PromAlertRule; before?: PromAlertRule }[] {
  const a = renderedRules(after);
  const b = before ? renderedRules(before) : undefined;
  const old = new Map((b?.alerts ?? []).map((x) => [x.rule.alert, x.rule]));
  return a.alerts.flatMap(({ rule }) => {
    const prev = old.get(rule.alert);
    if (prev && b && behaviour(prev, b) === behaviour(rule, a)) return [];
    return [{ rule, before: prev }];
  });
}

/** One side's figures from its episodes. */
export function backtestSide(model: Model, rule: PromAlertRule, eps: Episode[]): BacktestSide {
  const pages = wakes(model, rule).length > 0;
  return { episodes: eps.length, firingSeconds: firingSeconds(eps), paged: pages ? eps.length : 0, pagedAtNight: pages ? atNight(eps, model.oncall.timezone) : 0 };
}

/** Evaluates every changed alert before and after over the `sinceSeconds` before `at`. */
export async function readBacktest(client: PrometheusClient, before: Model | undefined, after: Model, at: number, sinceSeconds: number): Promise<Backtest> {
  const range: HistoryRange = historyRange(after, at, sinceSeconds);
  const a = renderedRules(after);
  const b = before ? renderedRules(before) : undefined;
  const rows = await inBatches(changedAlerts(before, after), 4, async ({ rule, before: prev }): Promise<BacktestRow> => {
    const now = await alertHistory(client, rule, a.recordings, range);
    const then = prev && before && b ? await alertHistory(client, prev, b.recordings, range) : undefined;
    return {
      alert: rule.alert,
      service: rule.labels.service ?? "",
      severity: rule.labels.severity ?? "",
      change: prev ? "changed" : "added",
      before: then && before ? backtestSide(before, prev as PromAlertRule, then.episodes) : null,
      after: backtestSide(after, rule, now.episodes),
    };
  });
  return { prometheus: client.base, sinceSeconds, from: new Date(range.start * 1000).toISOString(), to: new Date(range.end * 1000).toISOString(), step: range.step, rows };
}

const times = (n: number) => `${n} time${n === 1 ? "" : "s"}`;

function pagedText(side: BacktestSide, range: string): string {
  if (side.paged === 0) return "would have paged nobody";
  return `would have paged ${times(side.paged)} in the last ${range}, ${side.pagedAtNight} of them at night`;
}

/** A row in words: `1 → 12 firing episodes (...); would have paged ...`. */
export function backtestLine(row: BacktestRow, range: string): string {
  const eps = row.before ? `${row.before.episodes} → ${row.after.episodes} firing episodes (${humanize(row.before.firingSeconds)} → ${humanize(row.after.firingSeconds)} firing)` : `${row.after.episodes} firing episodes (${humanize(row.after.firingSeconds)} firing)`;
  const before = row.before && row.before.paged !== row.after.paged ? ` (before: ${row.before.paged})` : "";
  return `${eps}; ${pagedText(row.after, range)}${before}`;
}

function heading(bt: Backtest): string {
  return `Backtest over the last ${humanize(bt.sinceSeconds)} (${bt.from} to ${bt.to}, every ${bt.step}s, from ${bt.prometheus})`;
}

/** The backtest as a text section for `readiness diff`. */
export function backtestText(bt: Backtest): string {
  const range = humanize(bt.sinceSeconds);
  const out = [heading(bt)];
  if (bt.rows.length === 0) out.push("  no alert is added or changed");
  for (const r of bt.rows) out.push(`  ${r.service}/${r.alert} (${r.change}, ${r.severity}): ${backtestLine(r, range)}`);
  out.push("  (what would have fired: each alert's query over the range with its recording rules inlined and its `for`, at the step above; see README)");
  return `${out.join("\n")}\n`;
}

/** The backtest as a markdown section for a pull request. */
export function backtestMarkdown(bt: Backtest): string {
  const range = humanize(bt.sinceSeconds);
  const out = [`#### ${mdText(heading(bt))}`, ""];
  if (bt.rows.length === 0) out.push("No alert is added or changed.");
  else {
    out.push("| alert | change | severity | firing episodes | firing time | would have paged | at night |", "|---|---|---|---|---|---|---|");
    for (const r of bt.rows) {
      const arrow = (f: (s: BacktestSide) => string) => (r.before ? `${f(r.before)} → ${f(r.after)}` : f(r.after));
      out.push(
        `| ${mdCode(`${r.service}/${r.alert}`)} | ${r.change} | ${r.severity} | ${arrow((s) => String(s.episodes))} | ${arrow((s) => humanize(s.firingSeconds))} | ${arrow((s) => String(s.paged))} | ${arrow((s) => String(s.pagedAtNight))} |`,
      );
    }
    out.push("", ...bt.rows.map((r) => `- ${mdCode(r.alert)}: ${mdText(backtestLine(r, range))}`));
  }
  out.push("", "_What would have fired: each alert's query over the range with its recording rules inlined and its `for`; see the README._");
  return `${out.join("\n")}\n`;
}
