/**
 * Validation of everything read back from storage. Stored values outlive the code that wrote them
 * and can be corrupted by hand, by an older version or by a bug, so nothing read is trusted: each
 * value is checked with zod, a salvageable one is repaired (an incident without `updates` gets one
 * built from its text), and anything else falls back to "no data" instead of breaking the page.
 * Pure: the Durable Object writes the repaired values back (see durable.ts).
 */
import * as z from "zod/mini";
import type { Incident, IncidentUpdate } from "./incidents";
import { INCIDENT_STATUSES } from "./incidents";
import type { ComponentLatest, DayAggregate, ProbeResult } from "./results";

const count = z.int().check(z.nonnegative());
const isoText = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s))));
const dateText = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

const probeResultSchema = z.object({
  at: isoText,
  ok: z.boolean(),
  statusCode: z.optional(z.int()),
  latencyMs: z.number().check(z.nonnegative()),
  slow: z.boolean(),
  error: z.optional(z.string()),
});

const latestSchema = z.object({
  last: probeResultSchema,
  consecutiveFailures: count,
  recent: z.array(z.boolean()),
});

const daySchema = z.object({
  date: dateText,
  probes: count,
  failures: count,
  slow: count,
  outage: count,
  /** Probes taken during scheduled maintenance; absent in values written before maintenance existed. */
  maintenance: z.optional(count),
});

const statusSchema = z.enum(["investigating", "identified", "monitoring", "resolved"]);
const updateSchema = z.object({ at: isoText, status: statusSchema, body: z.string() });
const incidentSchema = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9-]+$/)),
  title: z.string(),
  status: statusSchema,
  impact: z.enum(["degraded", "outage"]),
  body: z.string(),
  components: z.array(z.string()),
  createdAt: isoText,
  updatedAt: isoText,
  resolvedAt: z.optional(isoText),
  updates: z.array(updateSchema),
  version: z.optional(z.int().check(z.positive())),
});

/** The outcome of reading one stored value: the value to use, and whether it must be rewritten. */
export interface Checked<T> {
  value: T;
  /** The stored value was not what this version writes; the next write must replace it. */
  repaired: boolean;
}

/** The latest probe state of one component, or undefined when the stored value is unusable. */
export function checkLatest(raw: unknown): ComponentLatest | undefined {
  const parsed = latestSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { last, consecutiveFailures, recent } = parsed.data;
  const result: ProbeResult = { at: last.at, ok: last.ok, latencyMs: last.latencyMs, slow: last.slow };
  if (last.statusCode !== undefined) result.statusCode = last.statusCode;
  if (last.error !== undefined) result.error = last.error;
  return { last: result, consecutiveFailures, recent };
}

/** A component's daily aggregates: the valid days, one per date, oldest first; corrupt days are dropped. */
export function checkDays(raw: unknown): Checked<DayAggregate[]> {
  if (!Array.isArray(raw)) return { value: [], repaired: raw !== undefined };
  const byDate = new Map<string, DayAggregate>();
  let repaired = false;
  for (const item of raw) {
    const parsed = daySchema.safeParse(item);
    if (!parsed.success || byDate.has(parsed.data.date)) {
      repaired = true;
      continue;
    }
    const d = parsed.data;
    // A day cannot have more failures than probes; clamp rather than show a negative uptime.
    const probes = d.probes;
    const day: DayAggregate = { date: d.date, probes, failures: Math.min(d.failures, probes), slow: Math.min(d.slow, probes), outage: Math.min(d.outage, probes) };
    if (d.maintenance) day.maintenance = d.maintenance;
    if (day.failures !== d.failures || day.slow !== d.slow || day.outage !== d.outage) repaired = true;
    byDate.set(d.date, day);
  }
  return { value: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)), repaired };
}

/**
 * An incident as stored, repaired where it can be: an incident missing `updates` (older format) gets
 * its current text as the only update; one without a usable id, title, status or time is dropped,
 * because nothing a merchant should read can be made of it.
 */
export function checkIncident(raw: unknown): Checked<Incident> | undefined {
  const strict = incidentSchema.safeParse(raw);
  if (strict.success) {
    const i = strict.data;
    return { value: normalizeIncident({ ...i, version: i.version ?? 1 }), repaired: i.version === undefined };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const id = str(r.id);
  const title = str(r.title);
  const status = (INCIDENT_STATUSES as readonly unknown[]).includes(r.status) ? (r.status as Incident["status"]) : undefined;
  const createdAt = str(r.createdAt);
  if (!id || !/^[A-Za-z0-9-]+$/.test(id) || !title || !status || !createdAt || Number.isNaN(Date.parse(createdAt))) return undefined;
  const body = str(r.body) ?? "";
  const updatedAt = str(r.updatedAt) && !Number.isNaN(Date.parse(str(r.updatedAt)!)) ? str(r.updatedAt)! : createdAt;
  const updates: IncidentUpdate[] = Array.isArray(r.updates) ? r.updates.flatMap((u) => { const p = updateSchema.safeParse(u); return p.success ? [p.data] : []; }) : [];
  const resolvedAt = str(r.resolvedAt) && !Number.isNaN(Date.parse(str(r.resolvedAt)!)) ? str(r.resolvedAt) : undefined;
  const incident: Incident = {
    id,
    title,
    status,
    // An unknown impact is shown as the milder one: the page must not invent an outage.
    impact: r.impact === "outage" ? "outage" : "degraded",
    body,
    components: Array.isArray(r.components) ? r.components.filter((c): c is string => typeof c === "string") : [],
    createdAt,
    updatedAt,
    updates: updates.length > 0 ? updates : [{ at: updatedAt, status, body }],
    version: typeof r.version === "number" && Number.isInteger(r.version) && r.version > 0 ? r.version : 1,
  };
  if (status === "resolved") incident.resolvedAt = resolvedAt ?? updatedAt;
  return { value: incident, repaired: true };
}

function normalizeIncident(i: Incident): Incident {
  const out: Incident = { ...i };
  if (out.status === "resolved") out.resolvedAt = out.resolvedAt ?? out.updatedAt;
  else delete out.resolvedAt;
  return out;
}

/** JSON text parsed, or undefined when it is not JSON (a corrupt value reads as absent). */
export function parseStored(text: unknown): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
