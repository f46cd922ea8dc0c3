/**
 * Loading a scenario for the API, wherever it runs (a scenario thread, or the main thread when
 * the app has none): the scenarios loader, the day-number check, and on request the scenario
 * check's warnings and the capacity cross-check; also the editor's field edits and the reading
 * of an uncertainty block. Failures are HttpErrors (400 naming the field).
 */
import { applyOverrides, formatIssue, loadScenarioText, parseScenario, ScenarioError, scenarioUncertainty, scenarioWarnings } from "../../scenarios/index.js";
import type { UncertainFactor } from "../../sim/experiment/sensitivity/factors.js";
import { analyseCapacity, type CapacityAnalysis } from "../../sim/capacity/index.js";
import { dayRangeIssues } from "../../sim/experiment/day-range.js";
import { roughly } from "../../sim/experiment/work-estimate.js";
import type { ServiceModel } from "../../sim/model/index.js";
import { HttpError, type ApiIssue } from "../http/errors.js";

/** What to load: scenario text with CLI-style overrides, named `file` in messages. */
export interface LoadRequest {
  readonly text: string;
  readonly file: string;
  readonly overrides: readonly string[];
  /** Request field the source sits in (`""`, `a.`, `b.`), prefixed to day-range paths. */
  readonly field?: string;
  /** Prefix of every issue path of a scenario error (the catalog's `validate`). */
  readonly issuePrefix?: string;
  /** Check the model against the simulator's day numbers (as a run needs); default true. */
  readonly checkDays?: boolean;
  /** Also give the scenario check's warnings. */
  readonly warnings?: boolean;
  /** Also give the capacity cross-check, clearing the list in this many weeks. */
  readonly capacityWeeks?: number;
}

/** A scenario check warning as the API gives it. */
export interface ApiWarning {
  readonly path: string;
  readonly line: number | null;
  readonly message: string;
}

/** A loaded scenario with what was asked for beside it. */
export interface Loaded {
  readonly model: ServiceModel;
  readonly warnings?: readonly ApiWarning[];
  readonly capacity?: CapacityAnalysis;
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

/**
 * Loads and checks a scenario.
 * @throws HttpError 400 with every issue in the CLI's words, or naming the field whose days do not fit.
 */
export function loadForApi(req: LoadRequest): Loaded {
  let model: ServiceModel;
  try {
    model = loadScenarioText(req.text, { file: req.file, overrides: [...req.overrides] });
  } catch (err) {
    if (err instanceof ScenarioError) throw scenarioHttpError(err, req.issuePrefix ?? "");
    throw err;
  }
  if (req.checkDays ?? true) {
    const issue = dayRangeIssues(model)[0];
    if (issue) {
      const path = `${req.field ?? ""}${issue.path}`;
      const message = `${path}: ${roughly(issue.value)} ${issue.message}`;
      throw new HttpError(400, message, [{ path, value: issue.value, message }]);
    }
  }
  return {
    model,
    ...(req.warnings ? { warnings: scenarioWarnings(model).map(({ path, line, value, message }) => ({ path, line: line ?? null, message: formatIssue({ path, value, message }) })) } : {}),
    ...(req.capacityWeeks !== undefined ? { capacity: analyseCapacity(model, req.capacityWeeks) } : {}),
  };
}

/** An edit of scenario text: CLI-style `path=value` settings, keeping comments and layout. */
export interface EditRequest {
  readonly text: string;
  readonly set: readonly string[];
}

/**
 * Sets fields in scenario text with the scenarios module's overrides.
 * @throws HttpError 400: syntax errors, tags, deep nesting, alias bombs and bad paths, with lines.
 */
export function editForApi(req: EditRequest): string {
  try {
    const doc = parseScenario(req.text, "scenario").doc;
    applyOverrides(doc, [...req.set]);
    return doc.toString({ lineWidth: 0 });
  } catch (err) {
    if (err instanceof ScenarioError) throw scenarioHttpError(err);
    throw err;
  }
}

/** Scenario text whose `uncertainty` block is read. */
export interface UncertaintyRequest {
  readonly text: string;
  readonly file: string;
  readonly overrides: readonly string[];
}

/**
 * The uncertain inputs of scenario text.
 * @throws HttpError 400 with every issue of the block.
 */
export function uncertaintyForApi(req: UncertaintyRequest): UncertainFactor[] {
  try {
    return scenarioUncertainty(req.text, { file: req.file, overrides: [...req.overrides] });
  } catch (err) {
    if (err instanceof ScenarioError) throw scenarioHttpError(err);
    throw err;
  }
}
