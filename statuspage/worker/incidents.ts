/**
 * Incidents: what an operator tells merchants by hand. Validation and the create/update/retention
 * rules are pure; the Worker only reads and writes the list.
 */
import * as z from "zod/mini";

/** Where an incident stands, in the words status pages use. */
export type IncidentStatus = "investigating" | "identified" | "monitoring" | "resolved";
export const INCIDENT_STATUSES: readonly IncidentStatus[] = ["investigating", "identified", "monitoring", "resolved"];

/** How bad an open incident is for the components it names; it overrides what the probes say. */
export type IncidentImpact = "degraded" | "outage";

/** The largest incident request body accepted, in bytes. */
export const MAX_INCIDENT_BODY_BYTES = 16 * 1024;

/** How many resolved incidents are kept, newest first, so the page stays short. */
export const MAX_RESOLVED_INCIDENTS = 50;

/** One posted update of an incident. */
export interface IncidentUpdate {
  at: string;
  status: IncidentStatus;
  body: string;
}

/** An incident as stored and served. */
export interface Incident {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  /** The latest update's text. */
  body: string;
  /** Component ids it affects. */
  components: string[];
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string;
  /** Every update, oldest first. */
  updates: IncidentUpdate[];
  /** Bumped on every write; sent as the ETag, and a PATCH's `If-Match` must name the current one. */
  version: number;
}

// zod/mini keeps the bundled Worker small (the full API adds over 300 KB); messages are spelled out
// because mini ships no locale.
const text = (max: number) =>
  z.string({ error: "must be a string" }).check(z.trim(), z.minLength(1, { error: "must not be empty" }), z.maxLength(max, { error: `must be at most ${max} characters` }));

const incidentFields = {
  title: text(200),
  status: z.enum(["investigating", "identified", "monitoring", "resolved"], { error: `must be one of ${INCIDENT_STATUSES.join(", ")}` }),
  body: text(10_000),
  components: z
    .array(z.string({ error: "must be a component id" }).check(z.minLength(1, { error: "must be a component id" })), { error: "must be a list of component ids" })
    .check(z.maxLength(100, { error: "must name at most 100 components" })),
  impact: z.enum(["degraded", "outage"], { error: "must be degraded or outage" }),
};

const unknownKeys = { error: "only title, status, body, components and impact are accepted" };

/** Body of `POST /api/incidents`; `impact` defaults to degraded. */
export const newIncidentSchema = z.strictObject({ ...incidentFields, impact: z.optional(incidentFields.impact) }, unknownKeys);

/** Body of `PATCH /api/incidents/:id`: any of the fields, at least one. */
export const incidentPatchSchema = z
  .partial(z.strictObject(incidentFields, unknownKeys))
  .check(z.refine((p) => Object.keys(p).length > 0, { error: "nothing to change: send at least one of title, status, body, components, impact" }));

/** A new incident as posted. */
export type NewIncident = z.infer<typeof newIncidentSchema>;
/** A change to an incident as posted. */
export type IncidentPatch = z.infer<typeof incidentPatchSchema>;

/** A parsed request body, or the reason it was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses and validates a JSON body against a schema and the configured component ids. */
export function parseIncidentBody<T extends { components?: string[] }>(
  text: string,
  schema: z.ZodMiniType<T>,
  componentIds: readonly string[],
): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "body is not valid JSON" };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const message = result.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; ");
    return { ok: false, message };
  }
  const unknown = (result.data.components ?? []).filter((c) => !componentIds.includes(c));
  if (unknown.length > 0) {
    return { ok: false, message: `components: unknown component ${unknown.join(", ")}; known: ${componentIds.join(", ")}` };
  }
  return { ok: true, value: result.data };
}

/** A new incident opened at `now`. */
export function openIncident(input: NewIncident, id: string, now: Date): Incident {
  const at = now.toISOString();
  return {
    id,
    title: input.title,
    status: input.status,
    impact: input.impact ?? "degraded",
    body: input.body,
    components: [...new Set(input.components)].sort(),
    createdAt: at,
    updatedAt: at,
    ...(input.status === "resolved" ? { resolvedAt: at } : {}),
    updates: [{ at, status: input.status, body: input.body }],
    version: 1,
  };
}

/** The incident after a patch at `now`; a new status or body is recorded as an update. */
export function updateIncident(incident: Incident, patch: IncidentPatch, now: Date): Incident {
  const at = now.toISOString();
  const status = patch.status ?? incident.status;
  const body = patch.body ?? incident.body;
  const posted = patch.status !== undefined || patch.body !== undefined;
  const next: Incident = {
    ...incident,
    title: patch.title ?? incident.title,
    impact: patch.impact ?? incident.impact,
    components: patch.components ? [...new Set(patch.components)].sort() : incident.components,
    status,
    body,
    updatedAt: at,
    updates: posted ? [...incident.updates, { at, status, body }] : incident.updates,
    version: incident.version + 1,
  };
  if (status === "resolved") next.resolvedAt = incident.resolvedAt ?? at;
  else delete next.resolvedAt;
  return next;
}

/** Whether an incident is still open (not resolved). */
export function isOpen(incident: Incident): boolean {
  return incident.status !== "resolved";
}

/** Incidents worth keeping: every open one, and resolved ones within the history window, newest first. */
export function retainIncidents(incidents: readonly Incident[], keepFromDate: string): Incident[] {
  const open = incidents.filter(isOpen);
  const resolved = incidents
    .filter((i) => !isOpen(i) && (i.resolvedAt ?? i.updatedAt).slice(0, 10) >= keepFromDate)
    .sort((a, b) => (b.resolvedAt ?? "").localeCompare(a.resolvedAt ?? ""))
    .slice(0, MAX_RESOLVED_INCIDENTS);
  return [...open, ...resolved].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}
