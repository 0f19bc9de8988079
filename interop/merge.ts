/**
 * Imported services as spec YAML: on their own for review, or merged into an existing spec with
 * its comments and layout kept (the `yaml` document model edits the parsed file in place).
 */
import { isMap, isSeq, parseDocument, stringify, type YAMLMap, type YAMLSeq } from "yaml";
import type { SpecService } from "./imported";

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/** The imported services as a `services:` YAML fragment to paste into a spec. */
export function servicesYaml(services: SpecService[], header: string): string {
  return `${header}\n${stringify({ services }, YAML_OPTIONS)}`;
}

/** Result of a merge: the new spec text, or why not. */
export type MergeResult = { ok: true; text: string } | { ok: false; errors: string[] };

/** Text to insert at an offset. */
interface Insertion {
  at: number;
  text: string;
}

/**
 * Where and what to insert after the last item of a block sequence, indented like its items; the
 * text around it is not touched, so comments, their alignment and flow lists stay as written.
 */
function appendToBlockSeq(text: string, seq: YAMLSeq, items: unknown[]): Insertion | undefined {
  const first = seq.items[0] as { range?: [number, number, number] } | undefined;
  if (seq.flow || !first?.range || !seq.range) return undefined;
  const lineStart = text.lastIndexOf("\n", first.range[0] - 1) + 1;
  const dash = /^(\s*)-/.exec(text.slice(lineStart, first.range[0]));
  if (!dash) return undefined;
  const indent = dash[1];
  const eol = text.indexOf("\n", seq.range[1] - 1);
  const at = eol === -1 ? text.length : eol;
  const body = stringify(items, YAML_OPTIONS).trimEnd().split("\n").map((l) => indent + l).join("\n");
  return { at, text: `\n${body}` };
}

/**
 * Adds imported services to a spec: a new service is appended to `services`, the SLOs of a
 * service that exists are appended to its `slos`. An SLO id the service already has is an error:
 * the merge never replaces what someone wrote. The spec's text is kept as written; only lines are
 * added (a spec with no block list to add to is re-emitted by the YAML library, comments kept).
 */
export function mergeIntoSpec(specText: string, services: SpecService[]): MergeResult {
  const doc = parseDocument(specText);
  if (doc.errors.length) return { ok: false, errors: doc.errors.map((e) => e.message.split("\n")[0]) };
  if (!isMap(doc.contents)) return { ok: false, errors: ["the spec is not a YAML mapping"] };
  const list = doc.get("services");
  if (list !== undefined && !isSeq(list)) return { ok: false, errors: ["`services` is not a list"] };
  const errors: string[] = [];
  const insertions: Insertion[] = [];
  let textual = isSeq(list) && list.items.length > 0;
  const newServices: SpecService[] = [];
  for (const service of services) {
    const existing = isSeq(list) ? (list.items.find((n) => isMap(n) && n.get("id") === service.id) as YAMLMap | undefined) : undefined;
    if (!existing) {
      newServices.push(service);
      continue;
    }
    const slos = existing.get("slos");
    if (slos !== undefined && !isSeq(slos)) {
      errors.push(`services ${service.id}: slos is not a list`);
      continue;
    }
    const added = service.slos.filter((slo) => {
      const clash = isSeq(slos) && slos.items.some((n) => isMap(n) && n.get("id") === slo.id);
      if (clash) errors.push(`services ${service.id}: already has an SLO ${slo.id}; not replaced`);
      return !clash;
    });
    if (!added.length) continue;
    const ins = isSeq(slos) && slos.items.length ? appendToBlockSeq(specText, slos, added) : undefined;
    if (ins) insertions.push(ins);
    else textual = false;
    if (isSeq(slos)) slos.items.push(...added.map((a) => doc.createNode(a)));
    else existing.set("slos", doc.createNode(added));
  }
  if (errors.length) return { ok: false, errors };
  if (newServices.length) {
    const ins = isSeq(list) && list.items.length ? appendToBlockSeq(specText, list, newServices) : undefined;
    if (ins) insertions.push(ins);
    else textual = false;
    if (isSeq(list)) list.items.push(...newServices.map((s) => doc.createNode(s)));
    else doc.set("services", doc.createNode(newServices));
  }
  if (!textual) return { ok: true, text: doc.toString(YAML_OPTIONS) };
  let text = specText;
  for (const ins of insertions.sort((a, b) => b.at - a.at)) text = text.slice(0, ins.at) + ins.text + text.slice(ins.at);
  return { ok: true, text };
}
