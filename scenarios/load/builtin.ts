import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parse } from "yaml";
import type { ServiceModel } from "../../sim/model/config.js";
import { ScenarioError } from "./issues.js";
import { loadScenarioFile } from "./load.js";
import { builtinDir } from "./paths.js";

/** A built-in scenario as listed: its id (file name), name, description and file path. */
export interface BuiltinScenario {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly path: string;
}

/** The top of a scenario file: its name and description, as the whole file's parse gives them. */
export interface ScenarioHead {
  readonly name?: unknown;
  readonly description?: unknown;
}

/** A top-level key of a block mapping: a line that starts with neither a space nor a comment. */
const TOP_LEVEL = /^[^\s#]/;
const HEAD_KEY = /^(name|description)\s*:/;
/** Text a plain block mapping does not start with, or holds at the top level: flow (JSON) and document markers. */
const NOT_PLAIN = /^(?:[{["'?&!%]|---|\.\.\.)/m;

/**
 * A scenario's `name` and `description`, read from their own top-level entries only, so that a
 * file of a thousand schools is not parsed whole to list it (the six built-ins: about 9 ms
 * against 90–115 ms for whole parses, measured cold). Text that is not a plain block mapping
 * (JSON or flow style, several documents, tags or anchors at the top level), or whose two entries
 * do not parse alone, is parsed whole.
 * @throws YAMLParseError as `parse` does, for a broken file.
 * @example scenarioHead("name: Ealing\ncalendar:\n  years: 1\n").name // "Ealing"
 */
export function scenarioHead(text: string): ScenarioHead {
  if (NOT_PLAIN.test(text)) return (parse(text) ?? {}) as ScenarioHead;
  const kept: string[] = [];
  let on = false;
  for (const line of text.split("\n")) {
    if (TOP_LEVEL.test(line)) on = HEAD_KEY.test(line);
    if (on) kept.push(line);
  }
  try {
    return (parse(kept.join("\n")) ?? {}) as ScenarioHead;
  } catch {
    // An alias to an anchor elsewhere in the file, say: the whole parse says what it is.
    return (parse(text) ?? {}) as ScenarioHead;
  }
}

/**
 * The built-in scenarios in scenarios/builtin, sorted by id. Reads only each file's name and
 * description, so it is cheap; load one with {@link loadScenario}.
 * @example listBuiltinScenarios().map((s) => s.id) // ["ealing-primary", "llr", ...]
 */
export function listBuiltinScenarios(): BuiltinScenario[] {
  const dir = builtinDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      let head: ScenarioHead = {};
      try {
        head = scenarioHead(readFileSync(path, "utf8"));
      } catch {
        // A broken built-in is reported when it is loaded; the list still shows it.
      }
      return {
        id: basename(f, ".yaml"),
        name: typeof head.name === "string" ? head.name : basename(f, ".yaml"),
        description: typeof head.description === "string" ? head.description.trim() : "",
        path,
      };
    });
}

/** Ids of the built-in scenarios (their file names), sorted; reads the folder only. */
function builtinIds(): string[] {
  return readdirSync(builtinDir())
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => basename(f, ".yaml"));
}

/**
 * Resolves a built-in id (`trailblazer-team`) or a file path to a scenario file.
 * @throws ScenarioError when it is neither.
 * @example resolveScenario("llr").path // ".../scenarios/builtin/llr.yaml"
 */
export function resolveScenario(idOrPath: string): { id: string; path: string; builtin: boolean } {
  // File names only: reading every built-in (some have a thousand schools) to find one is slow.
  const ids = builtinIds();
  if (ids.includes(idOrPath)) return { id: idOrPath, path: join(builtinDir(), `${idOrPath}.yaml`), builtin: true };
  if (existsSync(idOrPath)) {
    const stat = statSync(idOrPath);
    if (stat.isFile()) return { id: basename(idOrPath).replace(/\.ya?ml$/, ""), path: resolve(idOrPath), builtin: false };
    const what = stat.isDirectory() ? "a directory" : "not a regular file";
    throw new ScenarioError([{ path: "", value: undefined, message: `${JSON.stringify(idOrPath)} is ${what}, not a scenario file` }]);
  }
  if (/[/\\]|\.(ya?ml|json)$/i.test(idOrPath)) {
    throw new ScenarioError([{ path: "", value: undefined, message: `${JSON.stringify(idOrPath)}: file not found` }]);
  }
  throw new ScenarioError([{ path: "", value: undefined, message: `${JSON.stringify(idOrPath)} is neither a built-in scenario (${ids.join(", ")}) nor a file` }]);
}

/**
 * Loads a built-in scenario by id, or a scenario file by path.
 * @throws ScenarioError as {@link resolveScenario} and {@link loadScenarioFile} do.
 * @example loadScenario("trailblazer-team", { overrides: ["calendar.years=3"] }).calendar.years // 3
 */
export function loadScenario(idOrPath: string, options: { overrides?: readonly string[] } = {}): ServiceModel {
  return loadScenarioFile(resolveScenario(idOrPath).path, options);
}
