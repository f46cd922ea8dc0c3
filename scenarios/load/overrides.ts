import { Document, isDocument, parse as parseYaml } from "yaml";
import { formatPath, ScenarioError, type DocPath, type ScenarioIssue } from "./issues.js";
import { knownFields, schemasAt } from "./schema-walk.js";
import { suggest } from "./zod-issues.js";

/** One `path=value` override, resolved against a document. */
export interface ResolvedOverride {
  /** The override as written. */
  readonly text: string;
  /** Document path with list selectors turned into indices. */
  readonly path: DocPath;
  /** The value parsed as YAML; undefined removes the field so its default applies. */
  readonly value: unknown;
}

const SEGMENT = /^(?:\.?([A-Za-z_$][\w$]*)|\[([^\]]+)\])/;

/**
 * Resolves overrides like `casework.slotsPerDay=3`, `practitioners[0].fte=0.8` or
 * `practitioners[emhp-1].fte=0.6` (a list item by id) against plain scenario data. The value
 * is a YAML scalar or flow value (`{kind: triangular, min: 6, mode: 7, max: 8}`, `[a, b]`);
 * `null` or nothing removes the field so its default applies.
 * @throws ScenarioError listing every override whose path is not a field of the scenario
 * format, selects a missing list item, or whose value is not valid YAML.
 */
export function resolveOverrides(data: unknown, overrides: readonly string[]): ResolvedOverride[] {
  const issues: ScenarioIssue[] = [];
  const out: ResolvedOverride[] = [];
  for (const text of overrides) {
    const problem = (message: string) => issues.push({ file: "--set", path: "", value: undefined, message: `${text}: ${message}` });
    const eq = text.indexOf("=");
    if (eq <= 0) {
      problem("must be written path=value, e.g. casework.slotsPerDay=3");
      continue;
    }
    const pathText = text.slice(0, eq).trim();
    const raw = text.slice(eq + 1);
    let value: unknown;
    try {
      value = raw.trim() === "" ? null : parseYaml(raw);
    } catch {
      problem(`${JSON.stringify(raw)} is not a valid YAML value`);
      continue;
    }
    const path = resolvePath(data, pathText, problem);
    if (path) out.push({ text, path, value: value === null ? undefined : value });
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return out;
}

function resolvePath(data: unknown, text: string, fail: (message: string) => void): DocPath | undefined {
  const path: (string | number)[] = [];
  let rest = text;
  let cur: unknown = data;
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest);
    if (!m || (path.length === 0 && m[0].startsWith("."))) {
      fail(`cannot be read at ${JSON.stringify(rest)}; write fields as a.b, items as [0] or [id]`);
      return undefined;
    }
    rest = rest.slice(m[0].length);
    if (m[1] !== undefined) {
      if (schemasAt([...path, m[1]]).length === 0) {
        const hint = suggest(m[1], knownFields(path) ?? []);
        fail(`${formatPath([...path, m[1]])} is not a field of the scenario format${hint ? ` (did you mean ${hint}?)` : ""}`);
        return undefined;
      }
      path.push(m[1]);
      cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[m[1]] : undefined;
      continue;
    }
    const sel = m[2]!.trim();
    const where = formatPath(path);
    if (!Array.isArray(cur)) {
      fail(`${where} is not a list in this scenario`);
      return undefined;
    }
    const index = /^\d+$/.test(sel)
      ? Number(sel)
      : cur.findIndex((item) => item !== null && typeof item === "object" && (item as { id?: unknown }).id === sel);
    if (index < 0 || index >= cur.length) {
      fail(/^\d+$/.test(sel)
        ? `${where}[${sel}] does not exist (${where} has ${cur.length} items)`
        : `${where} has no item with id ${JSON.stringify(sel)}`);
      return undefined;
    }
    path.push(index);
    cur = cur[index];
  }
  if (path.length === 0) {
    fail("names no field");
    return undefined;
  }
  return path;
}

/**
 * Applies `path=value` overrides to a scenario document: a YAML `Document` (changed in place,
 * so the other nodes keep their line numbers) or plain data (a changed copy is returned).
 * @throws ScenarioError for an unknown path, a missing list item or a bad YAML value.
 * @example applyOverrides({ name: "x", casework: {} }, ["casework.slotsPerDay=3"]).casework.slotsPerDay // 3
 */
export function applyOverrides<T>(doc: T, overrides: readonly string[]): T {
  if (isDocument(doc)) {
    const d = doc as unknown as Document;
    applyResolved(d, resolveOverrides(d.toJS(), overrides));
    return doc;
  }
  const copy = structuredClone(doc);
  const d = new Document(copy);
  applyResolved(d, resolveOverrides(copy, overrides));
  return d.toJS() as T;
}

/**
 * Writes resolved overrides into a YAML document (other nodes keep their positions).
 * @throws ScenarioError when a parent of the path is a scalar.
 */
export function applyResolved(doc: Document, overrides: readonly ResolvedOverride[]): void {
  for (const o of overrides) {
    try {
      if (o.value === undefined) doc.deleteIn(o.path);
      else doc.setIn(o.path, doc.createNode(o.value));
    } catch {
      throw new ScenarioError([{ file: "--set", path: "", value: undefined, message: `${o.text}: ${formatPath(o.path.slice(0, -1))} is not a mapping or list` }]);
    }
  }
}
