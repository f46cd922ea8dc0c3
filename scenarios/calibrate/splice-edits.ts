/**
 * Field edits applied to a scenario file's text in place: only the lines an edit touches
 * change, so the file keeps its layout (aligned comments, flow lists, folded text). Each edit
 * re-reads the text through the YAML document to find the node it changes. Where an edit does
 * not fit a simple shape (a value spread over lines, a list index to create), the caller falls
 * back to writing the whole document.
 */

import { isMap, isPair, isScalar, parseDocument, stringify, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import type { FieldEdit } from "./field-map.js";

/** A value in flow style on one line, as the built-in scenarios write them: `{ kind: discrete, values: [5, 6] }`. */
function render(value: unknown): string {
  return stringify(value, { collectionStyle: "flow", flowCollectionPadding: true, lineWidth: 0 }).trim().replace(/\[ /g, "[").replace(/ \]/g, "]");
}

const eol = (text: string, pos: number) => {
  const i = text.indexOf("\n", pos);
  return i < 0 ? text.length : i;
};
const lineStart = (text: string, pos: number) => text.lastIndexOf("\n", pos - 1) + 1;
const range = (n: unknown): [number, number, number] | null => ((n as Node | null)?.range as [number, number, number] | undefined) ?? null;

/** The text between a value's end and its line end, when it is only blanks and a comment (returned without `#`). */
function tailComment(text: string, from: number): string | null | undefined {
  const tail = text.slice(from, eol(text, from));
  const m = /^\s*(?:#\s?(.*))?$/.exec(tail);
  if (!m) return undefined;
  return m[1] === undefined ? null : m[1].trimEnd();
}

function pairOf(map: YAMLMap, key: string | number): Pair | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key)) as Pair | undefined;
}

/** One edit on the text, or null when it does not fit a simple shape. */
function spliceOne(text: string, e: FieldEdit): string | null {
  const doc: Document = parseDocument(text, { keepSourceTokens: false });
  const path = e.path;
  const key = path[path.length - 1];
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const node = isMap(parent) ? pairOf(parent, key)?.value : undefined;
  const splice = (start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);
  if (e.value === undefined) {
    if (!isMap(parent) || node === undefined) return text;
    const pair = pairOf(parent, key)!;
    const k = range(pair.key)!;
    const v = range(node);
    if (!v) return null;
    if (parent.flow) {
      const before = text.lastIndexOf(",", k[0]);
      const line = lineStart(text, k[0]);
      if (before >= line) return splice(before, v[1], "");
      const after = /^\s*,\s*/.exec(text.slice(v[1]));
      return after ? splice(k[0], v[1] + after[0].length, "") : null;
    }
    if (text.slice(k[0], v[1]).includes("\n")) return null;
    return splice(lineStart(text, k[0]), Math.min(text.length, eol(text, v[1]) + 1), "");
  }
  const value = render(e.value);
  if (node !== undefined) {
    const v = range(node);
    if (!v || text.slice(v[0], v[1]).includes("\n")) return null;
    if (isMap(parent) && parent.flow) {
      const p = range(parent);
      if (!p || text.slice(p[0], p[1]).includes("\n")) return null;
      return flowLine(splice(v[0], v[1], value), p[1] + value.length - (v[1] - v[0]), e.comment);
    }
    if (tailComment(text, v[1]) === undefined) return null;
    return splice(v[0], eol(text, v[1]), `${value} # ${e.comment}`);
  }
  if (isMap(parent) && parent.flow) {
    const p = range(parent);
    if (!p || text[p[1] - 1] !== "}" || text.slice(p[0], p[1]).includes("\n")) return null;
    let at = p[1] - 1;
    while (at > p[0] && text[at - 1] === " ") at--;
    const insert = `, ${render({ [key]: e.value }).replace(/^\{ ?| ?\}$/g, "")}`;
    return flowLine(splice(at, at, insert), p[1] + insert.length, e.comment);
  }
  // A key that is not there: under the deepest block mapping on the path, nested as needed.
  let depth = path.length - 1;
  let anchor: unknown = parent;
  while (!(isMap(anchor) && !anchor.flow) && depth > 0) {
    depth--;
    anchor = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
  }
  if (!isMap(anchor) || anchor.flow || path.slice(depth).some((p) => typeof p === "number")) return null;
  const first = anchor.items[0];
  const indent = first ? range(first.key)![0] - lineStart(text, range(first.key)![0]) : 0;
  const lines = path.slice(depth).map((p, i, all) => `${" ".repeat(indent + 2 * i)}${p}:${i === all.length - 1 ? ` ${value} # ${e.comment}` : ""}`);
  if (depth === 0) return `${text.replace(/\n*$/, "\n\n")}${lines.join("\n")}\n`;
  const last = anchor.items[anchor.items.length - 1];
  const end = range(last.value) ?? range(last.key);
  if (!end) return null;
  const at = eol(text, Math.max(end[0], end[1] - 1));
  return splice(at, at, `\n${lines.join("\n")}`);
}

/** After a change inside a one-line flow mapping: the line's comment keeps what it said and adds the edit's. */
function flowLine(text: string, mapEnd: number, comment: string): string | null {
  const old = tailComment(text, mapEnd);
  if (old === undefined) return null;
  // Several fields of one line calibrated from one file: name the file once.
  const from = /^calibrated from .*?: /.exec(comment)?.[0];
  const added = from && old?.startsWith(from) ? comment.slice(from.length) : comment;
  return text.slice(0, mapEnd) + ` # ${old ? `${old}; ` : ""}${added}` + text.slice(eol(text, mapEnd));
}

/**
 * Applies the edits to the text one by one.
 * @returns the new text, or null when some edit needs the whole document rewritten.
 */
export function spliceEdits(text: string, edits: readonly FieldEdit[]): string | null {
  let out = text;
  for (const e of edits) {
    const next = spliceOne(out, e);
    if (next === null) return null;
    out = next;
  }
  return out;
}
