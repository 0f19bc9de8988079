/** `readiness status` as text, JSON (docs/status-json.md) and markdown. */
import { humanize } from "../specification/duration";
import { promNumber } from "../rules/naming";
import { mdCode, mdText } from "../markdown/escape";
import type { BurnStatus, SloStatus, StatusReport } from "./status";

/** Output formats of `readiness status`. */
export const STATUS_FORMATS = ["text", "json", "markdown"] as const;
/** One of STATUS_FORMATS. */
export type StatusFormat = (typeof STATUS_FORMATS)[number];

const pct = (x: number | null, digits = 3): string => (x === null ? "n/a" : `${(x * 100).toFixed(digits)}%`);
const burnText = (x: number | null): string => (x === null ? "n/a" : `${x.toFixed(2)}x`);
const ago = (s: number | null): string => (s === null ? "never seen" : `${humanize(s)} ago`);

function budgetText(s: SloStatus): string {
  if (s.budgetRemaining === null) return "error budget n/a (no traffic or no data)";
  return `error budget left ${pct(s.budgetRemaining, 1)} (${humanize(s.outageSecondsLeft ?? 0)} of total outage)`;
}

function burnLine(b: BurnStatus): string {
  return `${b.id} ${b.windows}: ${burnText(b.long)} / ${burnText(b.short)} (${b.severity} above ${promNumber(b.factor)}x)${b.over ? " OVER" : ""}`;
}

function onCallText(s: SloStatus): string {
  const parts = s.route.onCall.map((r) => (r.people.length ? `${r.target} -> ${r.people.join(", ")}` : r.target.startsWith("escalation:") ? `${r.target} -> nobody on call now` : r.target));
  return parts.join("; ") || "no route target";
}

function firingText(s: SloStatus): string {
  return s.firing === null ? "not visible (Grafana-managed)" : s.firing.join(", ") || "none";
}

/** The report for the terminal. */
export function statusText(r: StatusReport): string {
  const out = [`Status of ${r.environment} at ${r.at} (Prometheus ${r.prometheus})`, ""];
  out.push(`SLOs: ${r.slos.length}`);
  for (const s of r.slos) {
    out.push(`  ${s.service}/${s.slo}: ${promNumber(s.objective)}% over ${s.window}, from ${s.source}`);
    if (s.source === "not in Prometheus") continue;
    out.push(`    SLI ${pct(s.sli)}; ${budgetText(s)}`);
    for (const b of s.burn) out.push(`    burn ${burnLine(b)}`);
    out.push(`    firing: ${firingText(s)}`);
    out.push(`    on call (${s.route.severity}): ${onCallText(s)}`);
  }
  out.push("", `Checks: ${r.checks.length}`);
  for (const c of r.checks) out.push(`  ${c.service}/${c.check}: ${c.result ?? "no result"}${c.result ? `, ${ago(c.ageSeconds)}` : ""} (${c.url})`);
  out.push("", `Heartbeats: ${r.heartbeats.length}`);
  for (const h of r.heartbeats)
    out.push(`  ${h.service}/${h.heartbeat}: ${h.ageSeconds === null ? "metric missing" : `last success ${ago(h.ageSeconds)} (limit ${humanize(h.limitSeconds)}): ${h.late ? "LATE" : "ok"}`}`);
  if (r.notes.length) out.push("", "Not checked:", ...r.notes.map((n) => `  ${n}`));
  return `${out.join("\n")}\n`;
}

/** The report as JSON, keys as documented in docs/status-json.md. */
export function statusJson(r: StatusReport): string {
  return `${JSON.stringify({ version: 1, ...r }, null, 2)}\n`;
}

/** The report for a pull request comment or a wiki page. */
export function statusMarkdown(r: StatusReport): string {
  const out = [`### readiness status: ${mdText(r.environment)}`, "", `At ${mdCode(r.at)} from Prometheus ${mdCode(r.prometheus)}.`, ""];
  if (r.slos.length) {
    out.push("| SLO | objective | source | SLI | budget left | total outage left | burn (long / short) | firing | on call |", "|---|---|---|---|---|---|---|---|---|");
    for (const s of r.slos) {
      const burn = s.burn.map((b) => mdText(burnLine(b))).join("<br>");
      out.push(
        `| ${mdCode(`${s.service}/${s.slo}`)} | ${promNumber(s.objective)}% / ${s.window} | ${s.source} | ${pct(s.sli)} | ${pct(s.budgetRemaining, 1)} | ${s.outageSecondsLeft === null ? "n/a" : humanize(s.outageSecondsLeft)} | ${burn || "-"} | ${mdText(firingText(s))} | ${mdText(onCallText(s))} |`,
      );
    }
    out.push("");
  }
  if (r.checks.length || r.heartbeats.length) {
    out.push("| check / heartbeat | last result | age |", "|---|---|---|");
    for (const c of r.checks) out.push(`| ${mdCode(`${c.service}/${c.check}`)} | ${c.result ?? "no result"} | ${c.result ? ago(c.ageSeconds) : "-"} |`);
    for (const h of r.heartbeats) out.push(`| ${mdCode(`${h.service}/${h.heartbeat}`)} | ${h.ageSeconds === null ? "metric missing" : h.late ? "late" : "ok"} | ${ago(h.ageSeconds)} |`);
    out.push("");
  }
  if (r.notes.length) out.push("**Not checked:**", "", ...r.notes.map((n) => `- ${mdText(n)}`), "");
  return `${out.join("\n")}\n`;
}

/** The report in one of the formats. */
export function formatStatus(r: StatusReport, format: StatusFormat): string {
  return format === "json" ? statusJson(r) : format === "markdown" ? statusMarkdown(r) : statusText(r);
}
