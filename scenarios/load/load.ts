import { readFileSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { ServiceModel } from "../../sim/model/config.js";
import { fillDefaults } from "./fill-defaults.js";
import { deepFreeze } from "./freeze.js";
import { formatPath, ScenarioError, type DocPath, type RawIssue, type ScenarioIssue } from "./issues.js";
import { applyResolved, resolveOverrides, type ResolvedOverride } from "./overrides.js";
import { lineOf, parseScenario, type ParsedScenario } from "./parse.js";
import { validate } from "./validate.js";
import { scenarioWarningsOf } from "./warnings.js";

/** Largest scenario file read (10 MB; the largest built-in is well under 1 MB). */
export const MAX_FILE_BYTES = 10_000_000;

/** Options of the loaders. */
export interface LoadOptions {
  /** File name used in error messages. */
  file?: string;
  /** `path=value` overrides applied before defaults, e.g. `calendar.years=3`. */
  overrides?: readonly string[];
}

/**
 * Loads a scenario from YAML text through the four stages: parse (keeping positions), fill
 * defaults, validate, freeze.
 * @returns the deep-frozen ServiceModel.
 * @throws ScenarioError with every problem found, each with file, line, path, value and rule.
 * @example loadScenarioText("name: x\nteams: [{id: a}]\n...", { file: "x.yaml" })
 */
export function loadScenarioText(text: string, options: LoadOptions = {}): ServiceModel {
  const parsed = parseScenario(text, options.file);
  const applied = applyTo(parsed, options.overrides ?? []);
  const filled = fillDefaults(parsed.doc.toJS());
  const raw: RawIssue[] = [...filled.issues];
  // Cross-field rules run only when the lists they relate are intact: a list of the wrong type
  // was dropped, and checking references against nothing would only add noise.
  const listBroken = raw.some((i) => i.path.length === 1 && ["teams", "clusters", "schools", "practitioners", "generate"].includes(String(i.path[0])));
  if (filled.model && filled.input && !listBroken) {
    const failed = new Set(raw.map((i) => formatPath(i.path)));
    raw.push(...validate(filled.model, filled.input, filled.listed).filter((i) => !failed.has(formatPath(i.path))));
  }
  if (raw.length > 0) {
    // Overrides first, then in file order; the sort is stable, so one line keeps rule order.
    const located = raw.map((i) => locate(parsed, applied, i));
    located.sort((a, b) => (a.line ?? -1) - (b.line ?? -1));
    throw new ScenarioError(located);
  }
  const model = deepFreeze(filled.model!);
  warnings.set(model, scenarioWarningsOf(model, filled.input!, parsed.doc.toJS()).map((i) => locate(parsed, applied, i)));
  return model;
}

const warnings = new WeakMap<ServiceModel, readonly ScenarioIssue[]>();

/**
 * Warnings found when a model was loaded (see scenarios/load/warnings.ts): migration messages
 * for fields whose meaning changed, and settings that cannot take effect. Empty for a model
 * that did not come from the loader.
 * @example scenarioWarnings(loadScenario("ealing-primary")).map(formatIssue)
 */
export function scenarioWarnings(model: ServiceModel): readonly ScenarioIssue[] {
  return warnings.get(model) ?? [];
}

/**
 * Reads and loads a scenario file (see {@link loadScenarioText}); errors name the file as given,
 * relative to the working directory when it lies below it.
 * @throws ScenarioError also when the file cannot be read.
 */
export function loadScenarioFile(path: string, options: { overrides?: readonly string[] } = {}): ServiceModel {
  const abs = resolve(path);
  const rel = relative(process.cwd(), abs);
  const file = rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
  let text: string;
  try {
    const size = statSync(abs).size;
    if (size > MAX_FILE_BYTES) throw new ScenarioError([{ file, path: "", value: undefined, message: `the file is ${size} bytes; a scenario file must be at most ${MAX_FILE_BYTES} bytes` }]);
    text = readFileSync(abs, "utf8");
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory, not a scenario file" : code === "EACCES" ? "cannot read the file (permission denied)" : `cannot read the file (${code ?? (err as Error).message})`;
    throw new ScenarioError([{ file, path: "", value: undefined, message }]);
  }
  return loadScenarioText(text, { file, overrides: options.overrides });
}

function applyTo(parsed: ParsedScenario, overrides: readonly string[]): ResolvedOverride[] {
  const resolved = resolveOverrides(parsed.doc.toJS(), overrides);
  applyResolved(parsed.doc, resolved);
  return resolved;
}

function startsWith(path: DocPath, prefix: DocPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));
}

function locate(parsed: ParsedScenario, applied: readonly ResolvedOverride[], issue: RawIssue): ScenarioIssue {
  const base = { path: formatPath(issue.path), value: issue.value, message: issue.message };
  if (applied.some((o) => startsWith(issue.path, o.path))) return { file: "--set", ...base };
  return { file: parsed.file, line: lineOf(parsed, issue.path), ...base };
}
