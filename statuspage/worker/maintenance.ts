/**
 * Scheduled maintenance: announced through the admin API, shown on the page before and while it
 * runs, and excluded from uptime (probes taken during it count as maintenance, not as failures).
 * Pure: validation and the time rules; the Durable Object stores the windows.
 */
import * as z from "zod/mini";
import type { Parsed } from "./incidents";

/** One announced maintenance window. */
export interface Maintenance {
  id: string;
  title: string;
  body: string;
  /** Component ids it affects (at least one). */
  components: string[];
  startsAt: string;
  endsAt: string;
  /** Set when it was called off; it then no longer shows or excludes anything. */
  cancelledAt?: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped on every write; a PATCH's `If-Match` must name the current one. */
  version: number;
}

/** The longest window accepted: longer than a week is not maintenance but an outage with a notice. */
export const MAX_MAINTENANCE_MS = 7 * 86_400_000;

const text = (max: number) =>
  z.string({ error: "must be a string" }).check(z.trim(), z.minLength(1, { error: "must not be empty" }), z.maxLength(max, { error: `must be at most ${max} characters` }));
/**
 * An RFC 3339 time whose every field is in range: `Date.parse` alone takes hour 24, day 31 of
 * February (rolled into March) and year 0000, none of which anyone means.
 */
function validInstant(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|([+-])(\d{2}):(\d{2}))$/.exec(s);
  if (!m || Number.isNaN(Date.parse(s))) return false;
  const [year, month, day, hour, minute, second, , zh, zm] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0", m[7], m[8] ?? "0", m[9] ?? "0"].map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day && hour <= 23 && minute <= 59 && second <= 59 && zh <= 23 && zm <= 59;
}
const instant = z.string({ error: "must be an ISO 8601 time such as 2025-03-10T02:00:00Z" }).check(
  z.refine(validInstant, { error: "must be an ISO 8601 time with a zone and fields in range, such as 2025-03-10T02:00:00Z" }),
);

/** How far back a window may start (late announcements of work under way) and how far ahead it may be scheduled. */
export const MAINTENANCE_PAST_MS = 86_400_000;
export const MAINTENANCE_AHEAD_MS = 366 * 86_400_000;
const fields = {
  title: text(200),
  body: text(10_000),
  components: z
    .array(z.string({ error: "must be a component id" }), { error: "must be a list of component ids" })
    .check(z.minLength(1, { error: "must name at least one component" }), z.maxLength(100, { error: "must name at most 100 components" })),
  startsAt: instant,
  endsAt: instant,
};
const unknownKeys = { error: "only title, body, components, startsAt, endsAt (and cancelled on PATCH) are accepted" };

/** Body of `POST /api/maintenance`. */
export const newMaintenanceSchema = z.strictObject(fields, unknownKeys);
/** Body of `PATCH /api/maintenance/:id`: any of the fields, or `cancelled: true`. */
export const maintenancePatchSchema = z
  .partial(z.strictObject({ ...fields, cancelled: z.literal(true, { error: "can only be true" }) }, unknownKeys))
  .check(z.refine((p) => Object.keys(p).length > 0, { error: "nothing to change" }));

/** A maintenance window as posted. */
export type NewMaintenance = z.infer<typeof newMaintenanceSchema>;
/** A change to a window as posted. */
export type MaintenancePatch = z.infer<typeof maintenancePatchSchema>;

/** Parses a body, then checks the components exist and the window is forward and at most a week. */
export function parseMaintenanceBody<T extends Partial<NewMaintenance>>(bodyText: string, schema: z.ZodMiniType<T>, componentIds: readonly string[]): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return { ok: false, message: "body is not valid JSON" };
  }
  const result = schema.safeParse(json);
  if (!result.success) return { ok: false, message: result.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; ") };
  const unknown = (result.data.components ?? []).filter((c) => !componentIds.includes(c));
  if (unknown.length) return { ok: false, message: `components: unknown component ${unknown.join(", ")}; known: ${componentIds.join(", ")}` };
  return { ok: true, value: result.data };
}

/**
 * Why a window is not acceptable, or undefined. With `now` (a window being scheduled or moved) it
 * must also lie between a day ago and a year ahead, and not have ended: a window already over
 * would be accepted and gone from the page at once.
 */
export function windowProblem(startsAt: string, endsAt: string, now?: Date): string | undefined {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  const length = end - start;
  if (length <= 0) return "endsAt: must be after startsAt";
  if (length > MAX_MAINTENANCE_MS) return "endsAt: a maintenance window may last at most 7 days";
  if (now) {
    if (end <= now.getTime()) return "endsAt: the window has already ended; schedule one that is still to come";
    if (start < now.getTime() - MAINTENANCE_PAST_MS) return "startsAt: may be at most one day in the past";
    if (start > now.getTime() + MAINTENANCE_AHEAD_MS) return "startsAt: may be at most one year ahead";
  }
  return undefined;
}

/** A new window. */
export function scheduleMaintenance(input: NewMaintenance, id: string, now: Date): Maintenance {
  const at = now.toISOString();
  return { id, title: input.title, body: input.body, components: [...new Set(input.components)].sort(), startsAt: iso(input.startsAt), endsAt: iso(input.endsAt), createdAt: at, updatedAt: at, version: 1 };
}

/** A window after a patch. */
export function updateMaintenance(m: Maintenance, patch: MaintenancePatch, now: Date): Maintenance {
  const next: Maintenance = {
    ...m,
    title: patch.title ?? m.title,
    body: patch.body ?? m.body,
    components: patch.components ? [...new Set(patch.components)].sort() : m.components,
    startsAt: patch.startsAt ? iso(patch.startsAt) : m.startsAt,
    endsAt: patch.endsAt ? iso(patch.endsAt) : m.endsAt,
    updatedAt: now.toISOString(),
    version: m.version + 1,
  };
  if (patch.cancelled) next.cancelledAt = m.cancelledAt ?? now.toISOString();
  return next;
}

function iso(text: string): string {
  return new Date(Date.parse(text)).toISOString();
}

/** Whether a window is running at `at` (start inclusive, end exclusive) and not cancelled. */
export function isUnderway(m: Maintenance, at: number): boolean {
  return !m.cancelledAt && Date.parse(m.startsAt) <= at && at < Date.parse(m.endsAt);
}

/** Whether a window is still to come at `at` and not cancelled. */
export function isUpcoming(m: Maintenance, at: number): boolean {
  return !m.cancelledAt && at < Date.parse(m.startsAt);
}

/** Component ids under maintenance at `at`. */
export function componentsUnderMaintenance(windows: readonly Maintenance[], at: number): Set<string> {
  return new Set(windows.filter((m) => isUnderway(m, at)).flatMap((m) => m.components));
}

const maintenanceStored = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9-]+$/)),
  title: z.string(),
  body: z.string(),
  components: z.array(z.string()),
  startsAt: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)))),
  endsAt: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)))),
  cancelledAt: z.optional(z.string()),
  createdAt: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)))),
  updatedAt: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)))),
  version: z.int().check(z.positive()),
});

/** A stored window, validated; undefined when unusable (it is then dropped). */
export function checkMaintenance(raw: unknown): Maintenance | undefined {
  const parsed = maintenanceStored.safeParse(raw);
  return parsed.success ? { ...parsed.data } : undefined;
}
