import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { ScenarioError, type DocPath, type ScenarioIssue } from "./issues.js";
import { ALIAS_LIMIT, deepNestingLine, MAX_YAML_DEPTH, safetyIssues } from "./yaml-safety.js";

/** A parsed scenario file: the YAML document with node positions, for error lines. */
export interface ParsedScenario {
  readonly file?: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/**
 * Parse stage: YAML text to a document that keeps node positions. Besides syntax, it refuses
 * what a scenario never needs and an attacker might send: explicit tags other than YAML's core
 * ones (`!foo`, `!!js/function`, `!!binary`), `__proto__` keys, nesting deeper than 32 levels,
 * and aliases that expand to more than {@link ALIAS_LIMIT} copies (an "alias bomb").
 * @throws ScenarioError listing every YAML syntax error with its line, each refused construct
 * with its line, or when the top level is not a mapping.
 * @example parseScenario("name: x\n", "x.yaml").doc.toJS() // { name: "x" }
 */
export function parseScenario(text: string, file?: string): ParsedScenario {
  const deep = deepNestingLine(text);
  if (deep !== undefined) {
    throw new ScenarioError([{ file, line: deep, path: "", value: undefined, message: `YAML nesting too deep (more than ${MAX_YAML_DEPTH} levels of mappings and lists)` }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  // One message per line: a broken line often trips several parser rules at once.
  const seen = new Set<number | undefined>();
  const errors = doc.errors.filter((e) => {
    const line = e.linePos?.[0]?.line;
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
  const issues: ScenarioIssue[] = errors.map((e) => ({
    file,
    line: e.linePos?.[0]?.line,
    path: "",
    value: undefined,
    // The parser runs out of stack on very deep nesting; say so in the scenario's words.
    message:
      e.code === "RESOURCE_EXHAUSTION"
        ? `YAML nesting too deep (more than ${MAX_YAML_DEPTH} levels of mappings and lists)`
        : e.code === "DUPLICATE_KEY"
          ? `YAML syntax error: the key ${JSON.stringify(text.slice(e.pos[0]).match(/^[^:\n]*/)![0].trim())} appears twice in one mapping`
          : `YAML syntax error: ${e.message.split(/ at line \d+|\n/)[0]}`,
  }));
  if (issues.length === 0) issues.push(...safetyIssues(doc, lines, file));
  if (issues.length === 0 && !isMap(doc.contents)) {
    issues.push({ file, line: 1, path: "(top level)", value: undefined, message: "must be a mapping of scenario fields (name: ..., schools: ...)" });
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return { file, doc, lines };
}

/**
 * The 1-based line of the deepest node along `path` that exists in the file: the key's line
 * for a mapping entry, the item's line for a list item. Undefined when nothing matches.
 */
export function lineOf(parsed: ParsedScenario, path: DocPath): number | undefined {
  let node: unknown = parsed.doc.contents;
  let offset: number | undefined = (node as Node | null)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
      node = node.items[seg];
      offset = (node as Node | null)?.range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : parsed.lines.linePos(offset).line;
}
