/**
 * The assumptions a scenario file states about itself: every line whose comment says
 * `assumption` or cites a seed (`seed 002`, `seeds/002`), with the setting it sits on and the
 * comment as its source. A report prints them as the run's "assumptions and sources" page.
 */

/** One stated assumption or cited source in a scenario file. */
export interface ScenarioAssumption {
  /** Line in the file (1-based). */
  readonly line: number;
  /** Dotted path of the setting, as far as the file's indentation tells (`calendar.years`, `clusters[c1]`); "" at the top of the file. */
  readonly path: string;
  /** The setting as written on that line (`years: 1`), or, for a comment on a line of its own, the line it comes before. */
  readonly setting: string;
  /** The comment: what is assumed, or which source the value comes from. */
  readonly source: string;
}

const CITES = /\bassum(?:ption|ed)s?\b|\bseeds?[\s/]*\d{3}\b/i;

/** Splits a YAML line into its code and its comment (a `#` at the start or after a space, outside quotes). */
function splitComment(line: string): { code: string; comment: string | null } {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) return { code: line.slice(0, i).trimEnd(), comment: line.slice(i + 1).trim() };
  }
  return { code: line.trimEnd(), comment: null };
}

/**
 * Lists the assumptions and cited sources of scenario YAML text, in file order. Pure text
 * reading: the file need not be valid.
 * @example scenarioAssumptions("calendar:\n  years: 1   # assumption: one school year\n")
 *   // [{ line: 2, path: "calendar.years", setting: "years: 1", source: "assumption: one school year" }]
 */
export function scenarioAssumptions(text: string): ScenarioAssumption[] {
  const lines = text.split(/\r?\n/);
  const stack: { indent: number; key: string }[] = [];
  const paths: string[] = [];
  // The path of each code line, from the keys of the lines above it with less indentation.
  for (const raw of lines) {
    const { code } = splitComment(raw);
    if (code.trim() === "") {
      paths.push("");
      continue;
    }
    const indent = code.length - code.trimStart().length;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const body = code.trim();
    const item = /^-\s*(.*)$/.exec(body);
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(item ? item[1]! : body)?.[1];
    const id = /\bid:\s*([\w-]+)/.exec(body)?.[1];
    const parent = stack.map((s) => s.key).join(".").replace(/\.\[/g, "[");
    let own: string;
    if (item) own = id ? `[${id}]` : "[]";
    else own = key ?? "";
    const path = own === "" ? parent : own.startsWith("[") ? `${parent}${own}` : parent === "" ? own : `${parent}.${own}`;
    paths.push(path);
    if (item && own !== "") stack.push({ indent, key: own });
    if (item && key && !id) stack.push({ indent: indent + 2, key });
    else if (!item && key) stack.push({ indent, key });
  }
  const out: ScenarioAssumption[] = [];
  lines.forEach((raw, i) => {
    const { code, comment } = splitComment(raw);
    if (comment === null || !CITES.test(comment)) return;
    if (code.trim() !== "") {
      out.push({ line: i + 1, path: paths[i]!, setting: code.trim(), source: comment });
      return;
    }
    // A comment on its own line speaks of the next line that holds a setting.
    let j = i + 1;
    while (j < lines.length && splitComment(lines[j]!).code.trim() === "") j++;
    out.push({ line: i + 1, path: j < lines.length ? paths[j]! : "", setting: j < lines.length ? splitComment(lines[j]!).code.trim() : "", source: comment });
  });
  return out;
}
