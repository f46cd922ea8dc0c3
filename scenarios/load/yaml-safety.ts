import { isAlias, isCollection, isPair, isScalar, type Document, type LineCounter, type Node } from "yaml";
import type { ScenarioIssue } from "./issues.js";

/** Deepest nesting of mappings and lists a scenario file may have (the format needs about 6). */
export const MAX_YAML_DEPTH = 32;

/** Most alias expansions a scenario file may have when it is turned into data (yaml's own guard). */
export const ALIAS_LIMIT = 100;

/** The core tags, written out or implied; any other explicit tag is refused. */
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * Constructs a scenario file never needs and a hostile one might use, each as an issue with its
 * line: explicit tags other than the core ones (`!foo`, `!!js/function`, `!!binary`, `!!set`),
 * `__proto__` keys, nesting deeper than {@link MAX_YAML_DEPTH}, and aliases that expand past
 * {@link ALIAS_LIMIT} copies. Walks the nodes without recursion, so any depth is safe to check.
 * Cost: O(nodes), plus one conversion to data when the file has aliases.
 * @example safetyIssues(parseDocument("a: !foo x"), lines) // [{ line: 1, path: "a", message: "has the tag !foo ..." }]
 */
export function safetyIssues(doc: Document, lines: LineCounter, file?: string): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const lineOf = (node: unknown) => {
    const at = (node as Node | null)?.range?.[0];
    return at === undefined ? undefined : lines.linePos(at).line;
  };
  const add = (node: unknown, path: string, message: string, value?: unknown) => issues.push({ file, line: lineOf(node), path, value, message });
  let aliases = 0;
  let tooDeep = false;
  const stack: { node: unknown; depth: number; path: string }[] = [{ node: doc.contents, depth: 0, path: "" }];
  while (stack.length > 0 && issues.length < 20) {
    const { node, depth, path } = stack.pop()!;
    if (isAlias(node)) {
      aliases++;
      continue;
    }
    if (!isScalar(node) && !isCollection(node)) continue;
    const tag = node.tag;
    if (tag !== undefined && !CORE_TAGS.has(tag)) {
      const shown = tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice(18)}` : tag;
      add(node, path, `has the tag ${shown}: a scenario file takes plain values only (no YAML tags)`);
    }
    if (!isCollection(node)) continue;
    if (depth >= MAX_YAML_DEPTH) {
      if (!tooDeep) add(node, path, `is nested more than ${MAX_YAML_DEPTH} levels deep (mappings and lists); at most ${MAX_YAML_DEPTH}`);
      tooDeep = true;
      continue;
    }
    node.items.forEach((item, i) => {
      if (isPair(item)) {
        const key = isScalar(item.key) ? String(item.key.value) : "?";
        const child = path === "" ? key : `${path}.${key}`;
        if (key === "__proto__") add(item.key, child, "is not allowed as a key (__proto__ would change the data's prototype)");
        else stack.push({ node: item.value, depth: depth + 1, path: child });
        if (!isScalar(item.key)) stack.push({ node: item.key, depth: depth + 1, path: child });
      } else stack.push({ node: item, depth: depth + 1, path: `${path}[${i}]` });
    });
  }
  if (issues.length === 0 && aliases > 0) {
    try {
      doc.toJS({ maxAliasCount: ALIAS_LIMIT });
    } catch (err) {
      if (!(err instanceof ReferenceError)) throw err;
      const first = findAlias(doc);
      add(first, "", `YAML aliases expand to more than ${ALIAS_LIMIT} copies (an alias bomb); write the values out, or use fewer aliases`);
    }
  }
  return issues;
}

/** The alias that comes first in the file. */
function findAlias(doc: Document): unknown {
  const stack: unknown[] = [doc.contents];
  let first: Node | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node) && (first === undefined || (node.range?.[0] ?? Infinity) < (first.range?.[0] ?? Infinity))) first = node;
    if (isCollection(node)) for (const item of node.items) isPair(item) ? stack.push(item.value, item.key) : stack.push(item);
  }
  return first;
}

/**
 * A quick look at the text before it is parsed: the 1-based line where flow brackets (`[`, `{`
 * outside quotes and comments) or block indentation first nest more than `limit` levels, or
 * undefined. The YAML parser takes seconds over a line of 100,000 brackets; this takes
 * microseconds, so such a file is refused before parsing. It over-counts only on text with
 * dozens of unclosed brackets, so `limit` sits well above {@link MAX_YAML_DEPTH}, which the
 * exact check on the parsed nodes enforces.
 * Cost: O(characters).
 * @example deepNestingLine("a: [[[[1]]]]\n", 3) // 1
 */
export function deepNestingLine(text: string, limit = 2 * MAX_YAML_DEPTH): number | undefined {
  let line = 1;
  let flow = 0;
  let quote = "";
  let lineStart = true;
  // The last character outside spaces on this line: a quote opens a string only where a value starts.
  let prev = "";
  const indents: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      line++;
      lineStart = true;
      prev = "";
      continue;
    }
    if (lineStart && flow === 0 && quote === "") {
      lineStart = false;
      // Block nesting: a stack of indentations, each "- " at the start of a line one more level.
      let j = i;
      while (text[j] === " ") j++;
      if (text[j] === "\n" || text[j] === "#" || j >= text.length) {
        i = j - 1;
        continue;
      }
      let indent = j - i;
      for (;;) {
        while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > limit) return line;
        if (text[j] !== "-" || (text[j + 1] !== " " && text[j + 1] !== "\n")) break;
        j += 2;
        while (text[j] === " ") j++;
        indent = j - i;
      }
      i = j - 1;
      prev = "";
      continue;
    }
    lineStart = false;
    if (c === " " || c === "\t") continue;
    const before = prev;
    prev = c;
    if (quote !== "") {
      if (quote === '"' && c === "\\") i++;
      else if (c === quote) quote = "";
    } else if ((c === '"' || c === "'") && (before === "" || ":[{,-?".includes(before))) quote = c;
    else if (c === "#" && (i === 0 || text[i - 1] === " " || text[i - 1] === "\t")) {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if (c === "[" || c === "{") {
      if (++flow > limit) return line;
    } else if ((c === "]" || c === "}") && flow > 0) flow--;
  }
  return undefined;
}
