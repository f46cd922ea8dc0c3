/** A path into a scenario document: keys and list indices. */
export type DocPath = readonly (string | number)[];

/** One problem in a scenario: where it is, the offending value and the rule it breaks. */
export interface ScenarioIssue {
  /** File name (or `--set` for a command-line override). */
  file?: string;
  /** 1-based line of the value in the file, when known. */
  line?: number;
  /** Field path, e.g. `clusters[2].practitionerDays`; empty for YAML syntax errors. */
  path: string;
  /** The offending value (undefined when the field is missing). */
  value: unknown;
  /** The rule, e.g. `must be >= 0`. */
  message: string;
}

/**
 * Every problem found in a scenario, reported together. `message` holds one formatted line per
 * issue, e.g. `trailblazer.yaml:12: clusters[2].practitionerDays: -1 must be >= 0`.
 * @example try { loadScenarioText(text) } catch (e) { if (e instanceof ScenarioError) console.log(e.issues) }
 */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  readonly issues: ScenarioIssue[];

  constructor(issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.issues = issues;
  }
}

/**
 * Formats a document path the way users write it: `practitioners[0].pattern.mon`.
 * @example formatPath(["clusters", 2, "practitionerDays"]) // "clusters[2].practitionerDays"
 */
export function formatPath(path: DocPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === "" ? "(top level)" : out;
}

/** A value as it appears in a message: numbers bare, text quoted, lists and mappings as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * One issue as one line: `file:line: path: value rule`.
 * @example formatIssue({ file: "a.yaml", line: 3, path: "years", value: 0, message: "must be >= 1" }) // "a.yaml:3: years: 0 must be >= 1"
 */
export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.file === undefined && issue.line === undefined
    ? ""
    : `${issue.file ?? "<scenario>"}${issue.line === undefined ? "" : `:${issue.line}`}: `;
  if (issue.path === "") return `${where}${issue.message}`;
  const value = formatValue(issue.value);
  return `${where}${issue.path}: ${value === "" ? "" : `${value} `}${issue.message}`;
}

/** An issue before positions are attached: a path as segments. */
export interface RawIssue {
  path: DocPath;
  value: unknown;
  message: string;
}

/** Reads the value at a path of plain data (undefined if absent). */
export function valueAt(data: unknown, path: DocPath): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
