/**
 * `readiness up|preview` ordering, independent of Pulumi: the shared stack first, then the shards
 * in parallel with at most `concurrency` at once, then the stacks that read from several shards
 * (`routing`), in order; on the first failure no further stack starts (the
 * ones already running finish, a half-applied `pulumi up` is worse than a finished one) and the
 * failing stack is named. The runner does the work (the Automation API in cli/up.ts, a fake in tests).
 */

/** Resource changes of one stack by operation (`create`, `update`, `same`, ...). */
export type ChangeCounts = Record<string, number>;

/** Runs one stack; rejects when it fails. */
export type StackRunner = (stack: string) => Promise<ChangeCounts>;

/** What happened to one stack. */
export interface StackOutcome {
  stack: string;
  status: "succeeded" | "failed" | "not run";
  changes?: ChangeCounts;
  error?: string;
}

/** The whole run: each stack's outcome in layout order, and the first failure if any. */
export interface RunSummary {
  outcomes: StackOutcome[];
  failed?: string;
}

/** Runs `shared` (the first stack), then the rest with a concurrency bound, then the last `lastCount` one by one. */
export async function runStacks(stacks: readonly string[], run: StackRunner, concurrency: number, lastCount = 0): Promise<RunSummary> {
  const outcomes = new Map<string, StackOutcome>(stacks.map((s) => [s, { stack: s, status: "not run" }]));
  let failed: string | undefined;
  const attempt = async (stack: string) => {
    try {
      outcomes.set(stack, { stack, status: "succeeded", changes: await run(stack) });
    } catch (e) {
      outcomes.set(stack, { stack, status: "failed", error: e instanceof Error ? e.message : String(e) });
      failed ??= stack;
    }
  };
  const [first, ...others] = stacks;
  const rest = others.slice(0, Math.max(0, others.length - lastCount));
  const last = others.slice(rest.length);
  if (first !== undefined) await attempt(first);
  const queue = failed ? [] : [...rest];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined && !failed; next = queue.shift()) await attempt(next);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  for (const stack of last) if (!failed) await attempt(stack);
  return { outcomes: stacks.map((s) => outcomes.get(s)!), failed };
}

/** One summary for the whole run: a line per stack, totals, and the failure named last. */
export function summaryText(verb: "up" | "preview", summary: RunSummary): string {
  const lines: string[] = [];
  const totals: ChangeCounts = {};
  for (const o of summary.outcomes) {
    const changes = Object.entries(o.changes ?? {})
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b));
    for (const [op, n] of changes) totals[op] = (totals[op] ?? 0) + n;
    const detail = o.status === "failed" ? `: ${o.error?.split("\n")[0] ?? ""}` : changes.length ? `: ${changes.map(([op, n]) => `${n} ${op}`).join(", ")}` : "";
    lines.push(`  ${o.stack}  ${o.status}${detail}`);
  }
  const ok = summary.outcomes.filter((o) => o.status === "succeeded").length;
  const total = Object.entries(totals)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${n} ${op}`)
    .join(", ");
  const head = `readiness ${verb}: ${ok} of ${summary.outcomes.length} stacks succeeded${total ? ` (${total})` : ""}`;
  const tail = summary.failed ? [`stopped: ${summary.failed} failed; stacks not run were not started`] : [];
  return `${[head, ...lines, ...tail].join("\n")}\n`;
}
