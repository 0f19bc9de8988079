/**
 * The Atom feed (RFC 4287) of incidents and maintenance, for subscribers: one entry per incident
 * (its updates newest first) and per maintenance window, each updated when it changes, so a feed
 * reader shows a change as an update of the same entry. Pure.
 */
import type { Incident } from "./incidents";
import type { Maintenance } from "./maintenance";
import type { StatusView } from "./view";
import { stripUnshowable } from "./html";

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text safe in XML content and attributes; characters XML 1.0 forbids, and those no reader should show, are dropped. */
export function escapeXml(text: string): string {
  return stripUnshowable(text).replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch]);
}

const STATUS_WORD: Record<Incident["status"], string> = { investigating: "Investigating", identified: "Identified", monitoring: "Monitoring", resolved: "Resolved" };

function entry(id: string, title: string, published: string, updated: string, base: string, content: string): string {
  return `<entry>
<id>${escapeXml(id)}</id>
<title type="text">${escapeXml(title)}</title>
<published>${published}</published>
<updated>${updated}</updated>
<link rel="alternate" type="text/html" href="${escapeXml(base)}/"/>
<content type="text">${escapeXml(content)}</content>
</entry>`;
}

/** A `tag:` URI (RFC 4151): stable and unique for the host and the item, whatever the page's URL later. */
function tagUri(hostname: string, created: string, kind: string, id: string): string {
  return `tag:${hostname},${created.slice(0, 10)}:${kind}/${id}`;
}

/** The feed for a view of the page served at `hostname`. */
export function renderAtomFeed(view: StatusView, hostname: string, maintenance: readonly Maintenance[]): string {
  const base = `https://${hostname}`;
  const names = new Map(view.components.map((c) => [c.id, c.name]));
  const affects = (ids: readonly string[]) => (ids.length ? `Affects ${ids.map((id) => names.get(id) ?? id).join(", ")}.` : "");
  const incidents = [...view.activeIncidents, ...view.recentIncidents].map((i) => ({
    updated: i.updatedAt,
    xml: entry(
      tagUri(hostname, i.createdAt, "incident", i.id),
      `${STATUS_WORD[i.status]}: ${i.title}`,
      i.createdAt,
      i.updatedAt,
      base,
      [affects(i.components), ...[...i.updates].reverse().map((u) => `${STATUS_WORD[u.status]} (${u.at}): ${u.body}`)].filter(Boolean).join("\n\n"),
    ),
  }));
  const windows = maintenance.map((m) => ({
    updated: m.updatedAt,
    xml: entry(
      tagUri(hostname, m.createdAt, "maintenance", m.id),
      `${m.cancelledAt ? "Cancelled maintenance" : "Scheduled maintenance"}: ${m.title}`,
      m.createdAt,
      m.updatedAt,
      base,
      [`From ${m.startsAt} to ${m.endsAt} (UTC).`, affects(m.components), m.body].filter(Boolean).join("\n\n"),
    ),
  }));
  const entries = [...incidents, ...windows].sort((a, b) => b.updated.localeCompare(a.updated));
  const updated = entries.length ? entries[0].updated : view.now;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${escapeXml(base)}/feed.atom</id>
<title type="text">${escapeXml(view.title)}: incidents and maintenance</title>
<updated>${updated}</updated>
<author><name>${escapeXml(view.title)}</name></author>
<link rel="self" type="application/atom+xml" href="${escapeXml(base)}/feed.atom"/>
<link rel="alternate" type="text/html" href="${escapeXml(base)}/"/>
${entries.map((e) => e.xml).join("\n")}
</feed>
`;
}
