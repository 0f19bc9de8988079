/**
 * Records an attestation in the spec's text. The `yaml` Document API finds the sign-off and the
 * source range of every node; the change is then spliced into the original text, because
 * `doc.toString()` re-spaces flow collections and aligned comments all over the file, and a
 * reviewer must see only the attestation change in the diff.
 */
import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from "yaml";
import { didYouMean } from "../specification/diagnostics";
import { parseDuration } from "../specification/duration";
import { isIsoDate } from "./calendarDate";

/** An attestation to record: who, on which day, and for how long it is valid. */
export interface Attestation {
  /** Email address of the person signing off. */
  by: string;
  /** Day of the attestation, `YYYY-MM-DD`. */
  at: string;
  /** Validity period such as `90d`; omitted means it never expires. */
  expires?: string;
}

/** The new spec text, or why it could not be written. */
export type AttestResult = { ok: true; text: string } | { ok: false; error: string };

// Plain scalars only: these characters can never end or break a YAML flow mapping.
const EMAIL_RE = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/** True when the text looks like an email address we can record. */
export function isEmail(text: string): boolean {
  return EMAIL_RE.test(text);
}

/** Problems with an attestation's fields, empty when it can be recorded. */
export function attestationProblems(a: Attestation): string[] {
  const problems: string[] = [];
  if (!isEmail(a.by)) problems.push(`--by "${a.by}" is not an email address (expected name@example.com)`);
  if (!isIsoDate(a.at)) problems.push(`--at "${a.at}" is not a date (expected YYYY-MM-DD, e.g. 2026-11-02)`);
  if (a.expires !== undefined) {
    const d = parseDuration(a.expires);
    if (!d || d.seconds <= 0) problems.push(`--expires "${a.expires}" is not a positive duration (expected e.g. 90d, 12w, 36h)`);
  }
  return problems;
}

interface Edit {
  from: number;
  to: number;
  insert: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  // From the end backwards, so earlier offsets stay valid.
  let out = text;
  for (const e of [...edits].sort((x, y) => y.from - x.from)) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
  return out;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function flowText(a: Attestation): string {
  return `{ by: ${a.by}, at: ${a.at}${a.expires ? `, expires: ${a.expires}` : ""} }`;
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** Where a new last entry of a block mapping goes: after the line its last value ends on. */
function blockAppend(text: string, map: YAMLMap, indent: number, line: string): Edit {
  const end = map.range?.[1] ?? text.length;
  const atLineStart = end === 0 || text[end - 1] === "\n";
  return { from: end, to: end, insert: `${atLineStart ? "" : "\n"}${" ".repeat(indent)}${line}${atLineStart ? "\n" : ""}` };
}

/** Edits an existing block mapping `attested:` in place, keeping its comments. */
function editBlockAttested(text: string, map: YAMLMap, a: Attestation): Edit[] {
  const edits: Edit[] = [];
  const indent = column(text, map.range?.[0] ?? 0);
  const wanted: [string, string | undefined][] = [["by", a.by], ["at", a.at], ["expires", a.expires]];
  const appended: string[] = [];
  for (const [key, value] of wanted) {
    const pair = map.items.find((p) => keyOf(p) === key);
    const node = pair?.value;
    if (pair && value !== undefined && isScalar(node) && node.range && node.range[1] > node.range[0]) {
      edits.push({ from: node.range[0], to: node.range[1], insert: value });
    } else if (pair && value === undefined && isScalar(pair.key) && pair.key.range) {
      // Drop the whole line(s) of the pair, its trailing comment included.
      const from = lineStart(text, pair.key.range[0]);
      const end = (isScalar(node) && node.range ? node.range[2] : pair.key.range[2]) ?? pair.key.range[1];
      // A node's end may already sit past its line break.
      const nl = text[end - 1] === "\n" ? end - 1 : text.indexOf("\n", end);
      edits.push({ from, to: nl === -1 ? text.length : nl + 1, insert: "" });
    } else if (!pair && value !== undefined) {
      appended.push(`${key}: ${value}`);
    } else if (pair && value !== undefined) {
      return []; // a nested or empty value: the caller rewrites the whole mapping
    }
  }
  if (appended.length) edits.push(blockAppend(text, map, indent, appended.join(`\n${" ".repeat(indent)}`)));
  return edits;
}

/**
 * Records `attestation` on the sign-off `id` in the spec text, changing nothing else in the file.
 * Refuses invalid fields and unknown ids (naming the known ones). It does not validate the rest of
 * the spec; the caller loads the result before writing it.
 */
export function attestSpecText(text: string, id: string, attestation: Attestation): AttestResult {
  const problems = attestationProblems(attestation);
  if (problems.length) return { ok: false, error: problems.join("\n") };
  const doc = parseDocument(text);
  if (doc.errors.length) return { ok: false, error: `the spec is not valid YAML: ${doc.errors[0].message}` };
  const signoffs = doc.get("signoffs");
  if (!isSeq(signoffs)) return { ok: false, error: "the spec has no signoffs list, so there is nothing to attest" };
  const items = signoffs.items.filter(isMap);
  const known = items.map((m) => m.get("id")).filter((v): v is string => typeof v === "string");
  const item = items.find((m) => m.get("id") === id);
  if (!item) {
    const guess = didYouMean(id, known);
    return { ok: false, error: `unknown sign-off "${id}".${guess ? ` Did you mean "${guess}"?` : ""} Known sign-offs: ${known.join(", ") || "none"}` };
  }
  if (!item.range) return { ok: false, error: `cannot locate sign-off "${id}" in the text` };

  const pair = item.items.find((p) => keyOf(p) === "attested");
  const edits: Edit[] = [];
  if (item.flow) {
    if (pair && pair.value && (pair.value as { range?: number[] }).range) {
      const r = (pair.value as { range: number[] }).range;
      edits.push({ from: r[0], to: r[1], insert: flowText(attestation) });
    } else {
      // `{ id: x, title: y }`: the closing brace is the last character of the mapping's value range.
      const close = text.lastIndexOf("}", item.range[1] - 1);
      const before = text.slice(item.range[0], close).trimEnd();
      const from = item.range[0] + before.length;
      edits.push({ from, to: from, insert: `${before.endsWith("{") ? "" : ","} attested: ${flowText(attestation)}` });
    }
  } else if (pair) {
    const value = pair.value;
    const blockEdits = isMap(value) && !value.flow ? editBlockAttested(text, value, attestation) : [];
    if (blockEdits.length) edits.push(...blockEdits);
    else if (isMap(value) || (isScalar(value) && value.range && value.range[1] > value.range[0])) {
      const r = (value as { range: [number, number, number] }).range;
      // A block mapping reaches past its newline; keep that newline.
      const to = text[r[1] - 1] === "\n" ? r[1] - 1 : r[1];
      const from = isMap(value) && !value.flow && isScalar(pair.key) && pair.key.range ? pair.key.range[1] + 1 : r[0];
      edits.push({ from, to, insert: `${from === r[0] ? "" : " "}${flowText(attestation)}` });
    } else if (isScalar(pair.key) && pair.key.range) {
      const colon = text.indexOf(":", pair.key.range[1]);
      edits.push({ from: colon + 1, to: colon + 1, insert: ` ${flowText(attestation)}` });
    } else {
      return { ok: false, error: `cannot locate the attestation of "${id}" in the text` };
    }
  } else {
    const firstKey = item.items[0]?.key;
    const indent = column(text, isScalar(firstKey) && firstKey.range ? firstKey.range[0] : item.range[0]);
    edits.push(blockAppend(text, item, indent, `attested: ${flowText(attestation)}`));
  }

  const out = applyEdits(text, edits);
  return verify(out, id, attestation);
}

/** Re-reads the result: the splice must have produced exactly the attestation asked for. */
function verify(text: string, id: string, a: Attestation): AttestResult {
  const doc = parseDocument(text);
  if (doc.errors.length) return { ok: false, error: `recording the attestation would break the YAML: ${doc.errors[0].message}` };
  const signoffs = doc.get("signoffs");
  const item = isSeq(signoffs) ? signoffs.items.filter(isMap).find((m) => m.get("id") === id) : undefined;
  const got = item?.toJSON()?.attested as Record<string, unknown> | undefined;
  const same = got && got.by === a.by && got.at === a.at && got.expires === a.expires && Object.keys(got).length === (a.expires ? 3 : 2);
  if (!same) return { ok: false, error: `could not record the attestation of "${id}" without disturbing the file; edit it by hand` };
  return { ok: true, text };
}
