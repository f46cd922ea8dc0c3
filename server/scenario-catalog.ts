import { readFileSync } from "node:fs";
import { listBuiltinScenarios, loadScenarioText, ScenarioError, formatIssue } from "../scenarios/index.js";
import { buildCalendar, type ServiceModel } from "../sim/model/index.js";
import { timeAxisOf, type Labels, type TimeAxis } from "./charts/index.js";
import { HttpError, type ApiIssue } from "./http/errors.js";
import { dayRangeIssues } from "../sim/experiment/day-range.js";
import { roughly } from "../sim/experiment/work-estimate.js";
import type { ScenarioStore } from "./storage/scenario-store.js";

/** A scenario as the API lists it. */
export interface ScenarioSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: "builtin" | "saved";
  /** Built-ins cannot be changed or deleted through the API. */
  readonly readOnly: boolean;
  readonly updatedAt?: string;
}

/** Overrides as the API takes them: CLI-style `path=value` strings, or an object of path to value. */
export type OverridesInput = readonly string[] | Readonly<Record<string, unknown>>;

/** `{ "casework.slotsPerDay": 3 }` → `["casework.slotsPerDay=3"]` (values as YAML flow, which JSON is). */
export function overrideStrings(o: OverridesInput | undefined): string[] {
  if (!o) return [];
  if (Array.isArray(o)) return [...(o as readonly string[])];
  return Object.entries(o).map(([k, v]) => `${k}=${v === null ? "" : typeof v === "string" ? v : JSON.stringify(v)}`);
}

/** A ScenarioError as a 400: every issue, each `message` the CLI's line for it, `rule` the bare rule. */
export function scenarioHttpError(err: ScenarioError, prefix = ""): HttpError {
  const issues: (ApiIssue & { rule: string })[] = err.issues.map((i) => ({
    ...(i.file !== undefined ? { file: i.file } : {}),
    ...(i.line !== undefined ? { line: i.line } : {}),
    path: prefix + i.path,
    value: i.value,
    rule: i.message,
    message: formatIssue(i),
  }));
  return new HttpError(400, err.message, issues);
}

/** A scenario loaded for a run. */
export interface LoadedScenario {
  readonly model: ServiceModel;
  readonly name: string;
  readonly labels: Labels;
  /** Calendar dates and school holidays of its weeks, for time axes. */
  readonly axis: TimeAxis;
  /** Id when it came from the catalog. */
  readonly id?: string;
}

/** Display names of a model's clusters and teams. */
export function labelsOf(model: ServiceModel): Labels {
  return {
    clusters: Object.fromEntries(model.clusters.map((c) => [c.id, c.name])),
    teams: Object.fromEntries(model.teams.map((t) => [t.id, t.name])),
  };
}

/**
 * Built-in scenarios (read-only, from scenarios/) and saved ones (SQLite) behind one lookup.
 * Loading and validation are the scenarios module's; this only finds the text.
 */
export class ScenarioCatalog {
  constructor(private readonly store: ScenarioStore) {}

  private builtins() {
    return listBuiltinScenarios();
  }

  isBuiltin(id: string): boolean {
    return this.builtins().some((b) => b.id === id);
  }

  list(): ScenarioSummary[] {
    const builtins = this.builtins().map((b) => ({ id: b.id, name: b.name, description: b.description, source: "builtin" as const, readOnly: true }));
    const saved = this.store.list().map((s) => ({ id: s.id, name: s.name, description: s.description, source: "saved" as const, readOnly: false, updatedAt: s.updatedAt }));
    return [...builtins, ...saved];
  }

  /** @returns the summary and source text, or undefined. */
  get(id: string): (ScenarioSummary & { text: string }) | undefined {
    const b = this.builtins().find((s) => s.id === id);
    if (b) return { id: b.id, name: b.name, description: b.description, source: "builtin", readOnly: true, text: readFileSync(b.path, "utf8") };
    const s = this.store.get(id);
    return s && { id: s.id, name: s.name, description: s.description, source: "saved", readOnly: false, updatedAt: s.updatedAt, text: s.text };
  }

  /**
   * Validates scenario text (YAML or JSON) with the scenarios loader.
   * @throws HttpError 400 with every issue, in the CLI's words.
   */
  validate(text: string, file: string, overrides: OverridesInput | undefined, prefix = ""): ServiceModel {
    try {
      return loadScenarioText(text, { file, overrides: overrideStrings(overrides) });
    } catch (err) {
      if (err instanceof ScenarioError) throw scenarioHttpError(err, prefix);
      throw err;
    }
  }

  /**
   * Loads a run's scenario: a catalog id or inline text, with overrides.
   * @param field the request field the source sits in (`""`, `a.`, `b.`), for messages.
   * @throws HttpError 404 for an unknown id; 400 for an invalid scenario.
   */
  load(src: { scenario?: string; text?: string; overrides?: OverridesInput }, field = ""): LoadedScenario {
    if (src.scenario !== undefined) {
      const found = this.get(src.scenario);
      if (!found) {
        const known = this.list().map((s) => s.id).join(", ");
        throw new HttpError(404, `${field}scenario: ${JSON.stringify(src.scenario)} is not a built-in or saved scenario (known: ${known})`, [
          { path: `${field}scenario`, value: src.scenario, message: `${field}scenario: ${JSON.stringify(src.scenario)} is not a built-in or saved scenario` },
        ]);
      }
      const model = fits(this.validate(found.text, `${found.id}.yaml`, src.overrides), field);
      return { model, name: model.name, labels: labelsOf(model), axis: timeAxisOf(buildCalendar(model.calendar)), id: found.id };
    }
    const model = fits(this.validate(src.text ?? "", "request", src.overrides), field);
    return { model, name: model.name, labels: labelsOf(model), axis: timeAxisOf(buildCalendar(model.calendar)) };
  }
}

/**
 * A model whose horizon, pupils and delays fit the simulator's day numbers, checked before
 * anything is built from it (the time axis builds the calendar).
 * @throws HttpError 400 naming the field, e.g. `calendar.years: 1.0e7 ...`.
 */
function fits(model: ServiceModel, field: string): ServiceModel {
  const issue = dayRangeIssues(model)[0];
  if (issue) {
    const path = `${field}${issue.path}`;
    const message = `${path}: ${roughly(issue.value)} ${issue.message}`;
    throw new HttpError(400, message, [{ path, value: issue.value, message }]);
  }
  return model;
}
