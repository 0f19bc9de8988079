/**
 * Imported services as spec YAML: on their own for review, or merged into an existing spec with
 * its comments and layout kept (the `yaml` document model edits the parsed file in place).
 */
import { isMap, isSeq, parseDocument, stringify, type YAMLMap } from "yaml";
import type { SpecService } from "./imported";

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/** The imported services as a `services:` YAML fragment to paste into a spec. */
export function servicesYaml(services: SpecService[], header: string): string {
  return `${header}\n${stringify({ services }, YAML_OPTIONS)}`;
}

/** Result of a merge: the new spec text, or why not. */
export type MergeResult = { ok: true; text: string } | { ok: false; errors: string[] };

/**
 * Adds imported services to a spec: a new service is appended to `services`, the SLOs of a
 * service that exists are appended to its `slos`. An SLO id the service already has is an error:
 * the merge never replaces what someone wrote.
 */
export function mergeIntoSpec(specText: string, services: SpecService[]): MergeResult {
  const doc = parseDocument(specText, { keepSourceTokens: true });
  if (doc.errors.length) return { ok: false, errors: doc.errors.map((e) => e.message.split("\n")[0]) };
  if (!isMap(doc.contents)) return { ok: false, errors: ["the spec is not a YAML mapping"] };
  let list = doc.get("services");
  if (list === undefined) {
    doc.set("services", doc.createNode([]));
    list = doc.get("services");
  }
  if (!isSeq(list)) return { ok: false, errors: ["`services` is not a list"] };
  const errors: string[] = [];
  for (const service of services) {
    const existing = list.items.find((n) => isMap(n) && n.get("id") === service.id) as YAMLMap | undefined;
    if (!existing) {
      list.items.push(doc.createNode(service));
      continue;
    }
    let slos = existing.get("slos");
    if (slos === undefined) {
      existing.set("slos", doc.createNode([]));
      slos = existing.get("slos");
    }
    if (!isSeq(slos)) {
      errors.push(`services ${service.id}: slos is not a list`);
      continue;
    }
    for (const slo of service.slos) {
      if (slos.items.some((n) => isMap(n) && n.get("id") === slo.id)) errors.push(`services ${service.id}: already has an SLO ${slo.id}; not replaced`);
      else slos.items.push(doc.createNode(slo));
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, text: doc.toString(YAML_OPTIONS) };
}
