/**
 * What an import produces: readiness services (spec YAML objects, ready to print or merge) and
 * the parts of the source that could not be carried over, each with its file and line.
 */
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, type Document, type Node } from "yaml";

/** A readiness SLO as written in a spec. */
export interface SpecSlo {
  id: string;
  description?: string;
  objective: number;
  window: string;
  sli: { errors?: { prometheus: string }; good?: { prometheus: string }; total: { prometheus: string } } | { latency: { threshold: string; prometheus: string } };
  alerting?: { windows: { id?: string; severity: "page" | "ticket" | "info"; long: string; short: string; factor: number; for?: string }[] };
}

/** A readiness service as written in a spec. */
export interface SpecService {
  id: string;
  name: string;
  tier: "critical" | "standard" | "internal";
  slos: SpecSlo[];
  /** Routes by severity, from a source's alert labels naming a Slack channel. */
  routing?: Partial<Record<"page" | "ticket", { slack: string }>>;
}

/** Something in the source that readiness cannot express, and where it is. */
export interface NotCarried {
  file: string;
  line: number;
  message: string;
}

/** The result of importing some files. */
export interface ImportResult {
  services: SpecService[];
  notCarried: NotCarried[];
  /** Errors that make the import unusable (bad YAML, missing required fields). */
  errors: NotCarried[];
}

/** One parsed YAML document with a way to find the line of any path in it. */
export interface SourceDoc {
  file: string;
  doc: Document.Parsed;
  value: unknown;
  line(path: (string | number)[]): number;
}

/** Parses every document of a file, keeping line positions. */
export function parseSource(text: string, file: string): { docs: SourceDoc[]; errors: NotCarried[] } {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const errors: NotCarried[] = [];
  const out: SourceDoc[] = [];
  for (const doc of list) {
    for (const e of doc.errors) errors.push({ file, line: lc.linePos(e.pos[0]).line, message: e.message.split("\n")[0] });
    if (doc.errors.length || doc.contents === null) continue;
    let value: unknown;
    try {
      // The library's own bound on alias expansion (billion laughs) throws; that is the file's problem, not ours.
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ file, line: doc.contents?.range ? lc.linePos(doc.contents.range[0]).line : 1, message: `cannot be read: ${(e as Error).message.split("\n")[0]}` });
      continue;
    }
    out.push({
      file,
      doc,
      value,
      line(path) {
        let node: unknown = doc.contents;
        let last: Node | undefined = doc.contents as Node;
        for (const key of path) {
          if (isMap(node)) {
            const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
            node = pair?.value;
            if (pair && isScalar(pair.key)) last = pair.key;
          } else if (isSeq(node) && typeof key === "number") {
            node = node.items[key];
            if (node) last = node as Node;
          } else break;
          if (!node) break;
        }
        return last?.range ? lc.linePos(last.range[0]).line : 1;
      },
    });
  }
  return { docs: out, errors };
}

/** A spec id from a foreign name: lower case, dashes for anything else. */
export function specId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "unnamed";
}

/** Merges services by id (SLOs of the same service from several files end up together). */
export function mergeServices(services: SpecService[]): SpecService[] {
  const byId = new Map<string, SpecService>();
  for (const s of services) {
    const existing = byId.get(s.id);
    if (existing) {
      existing.slos.push(...s.slos);
      // The first file's route for a severity is kept.
      if (s.routing) existing.routing = { ...s.routing, ...existing.routing };
    } else byId.set(s.id, { ...s, slos: [...s.slos] });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
