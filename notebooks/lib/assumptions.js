// Loader helper: the assumptions a notebook rests on, each next to its source.
//
// A value set in a scenario file carries its source in the file's own comment (the built-in
// scenarios cite a seed or domain-figures.md line by line); a value left to the default carries
// the source named in the scenario schema's description of that field. Nothing here is typed
// by hand, so the notebooks cannot drift from the scenario files.
import { readFileSync } from "node:fs";
import { parseDocument, isMap, isSeq, isScalar } from "yaml";
import { resolveScenario, scenarioJsonSchema } from "../../dist/scenarios/index.js";

/**
 * Rows `{ field, value, source, setIn }` for the given dotted field paths of a loaded model.
 *
 * @param {string} scenarioId built-in id or file path, as for `loadScenario`.
 * @param {object} model the loaded ServiceModel (the values shown).
 * @param {readonly string[]} paths dotted paths such as "referrals.ratePer1000PerWeek".
 * @param {Readonly<Record<string, string>>} [notes] sources for values a notebook changes itself.
 * @returns {{field: string, value: string, source: string, setIn: "scenario" | "default" | "notebook"}[]}
 */
export function assumptions(scenarioId, model, paths, notes = {}) {
  const { path: file } = resolveScenario(scenarioId);
  const doc = parseDocument(readFileSync(file, "utf8"));
  const schema = scenarioJsonSchema();
  return paths.map((field) => {
    const value = format(field.split(".").reduce((o, k) => (o == null ? undefined : o[k]), model));
    if (notes[field]) return { field, value, source: notes[field], setIn: "notebook" };
    const comment = commentAt(doc, field.split("."));
    if (comment !== undefined) return { field, value, source: comment || "set in the scenario file (no comment)", setIn: "scenario" };
    return { field, value, source: describe(schema, field.split(".")) ?? "schema default", setIn: "default" };
  });
}

function format(v) {
  if (v === undefined) return "–";
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return String(v);
  if (v && typeof v === "object" && "kind" in v) {
    const { kind, ...rest } = v;
    return `${kind} ${Object.values(rest).join("/")}`;
  }
  return JSON.stringify(v);
}

/** The comment on a key's line in the YAML file, "" when the key is set without one, undefined when unset. */
function commentAt(doc, keys) {
  let node = doc.contents;
  let pair;
  for (const key of keys) {
    if (!isMap(node)) return undefined;
    pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) return undefined;
    node = pair.value;
  }
  const raw = (isScalar(node) || isMap(node) || isSeq(node) ? node.comment : undefined) ?? pair?.key?.comment ?? "";
  return raw.trim().replace(/^#\s*/, "");
}

/** The schema's description of a field, following `$ref`s and unions. */
function describe(schema, keys) {
  let node = schema;
  for (const key of keys) {
    node = propertiesOf(schema, node)?.[key];
    if (!node) return undefined;
  }
  return node.description ?? resolve(schema, node).description;
}

function resolve(schema, node) {
  if (node?.$ref) return resolve(schema, node.$ref.replace(/^#\//, "").split("/").reduce((o, k) => o?.[k], schema));
  return node;
}

function propertiesOf(schema, node) {
  const n = resolve(schema, node);
  if (n?.properties) return n.properties;
  for (const alt of n?.anyOf ?? n?.oneOf ?? n?.allOf ?? []) {
    const p = propertiesOf(schema, alt);
    if (p) return p;
  }
  return undefined;
}
