/**
 * The dashboard's calibration and back-test work that reads the uploaded activity CSV: done on
 * a scenario thread (see ScenarioThreads), never on the event loop. Reading two megabytes of CSV
 * and fitting the estimates held the event loop for about half a second.
 *
 * - {@link calibrateForApi}: the estimates, the field edits and the calibrated text of a catalog
 *   scenario, as `mhst calibrate` gives them.
 * - {@link backtestForApi}: a back-test's setup (the data's months, its own measures, the waiting
 *   list it starts from) and the model it runs, packed as a run's.
 */
import { ActivityError, formatBadRow, readActivity, type ActivityData, type BadRow } from "../scenarios/activity/index.js";
import { backtestSetup, backtestShift, ESTIMATE_NAMES, fieldEdits, pathText, writeCalibrated, type BacktestMeasureArg, type BacktestSetup, type FieldEdit } from "../scenarios/calibrate/index.js";
import { parseScenario, ScenarioError } from "../scenarios/index.js";
import { calibrate, cutToPeriod, type Calibration } from "../sim/calibrate/index.js";
import { dayOf, type ServiceModel } from "../sim/model/index.js";
import { HttpError, type ApiIssue } from "./http/errors.js";
import { loadForApi, scenarioHttpError } from "./scenario-threads/load.js";
import { sideOf, type PreparedSide } from "./scenario-threads/prepare-run.js";

/** Bad rows sent back in full; beyond this, only their count by rule. */
const LISTED = 200;

/** The activity data of a request: the CSV text, its file name (for messages) and how to read it. */
export interface ActivityRequest {
  readonly csv: string;
  readonly file: string;
  readonly replication: number;
  readonly until?: string | number;
}

/** A bad row as an API issue: `path` is the column, `line` the file's line, `rule` the short rule. */
const rowIssue = (b: BadRow): ApiIssue & { rule: string; column: string } => ({ file: b.file, line: b.line, path: b.column, column: b.column, value: b.value, rule: b.rule, message: formatBadRow(b) });

/**
 * Reads the request's CSV against a model, as `--data` does: an ISO `until` is inclusive, a day
 * exclusive; with it, later events are unknown and open cases censored.
 * @throws HttpError 400 naming the file (and, when no row is usable, every bad row with its line).
 */
function readData(body: ActivityRequest, model: ServiceModel): ActivityData {
  const untilDay = body.until === undefined ? undefined : typeof body.until === "number" ? body.until : dayOf(model.calendar.startDate, body.until) + 1;
  let data: ActivityData;
  try {
    data = readActivity(body.csv, model, { file: body.file, replication: body.replication, untilDay });
  } catch (err) {
    if (!(err instanceof ActivityError)) throw err;
    const issues = err.badRows.length ? err.badRows.slice(0, LISTED).map(rowIssue) : [{ file: body.file, path: "csv", message: err.message }];
    throw new HttpError(400, err.message, issues);
  }
  return body.until === undefined ? data : { ...data, records: cutToPeriod(data.records, data.period.toDay) };
}

/** What a data set's reading says about its rows (sent back with a calibration and a back-test). */
export const rowsOf = (data: ActivityData) => ({
  data: data.file,
  dialect: data.dialect,
  replication: data.replication,
  rowsRead: data.rowsRead,
  rowsUsed: data.records.length,
  dropped: data.dropped,
  badRows: data.badRows.slice(0, LISTED).map(rowIssue),
  period: data.period,
});

/** A calibration request: a catalog scenario's id and text, its activity data, and how to fit it. */
export interface CalibrateRequest extends ActivityRequest {
  /** The catalog id (named in the answer and in messages as `<id>.yaml`). */
  readonly scenario: string;
  readonly text: string;
  readonly by?: "service" | "phase" | "school";
  /** The calibrated scenario's name; default "<name> (calibrated from <file>)". */
  readonly name?: string;
}

/** A calibration: the API's answer (`mhst-calibration/1`), the calibrated scenario's name and the base's description. */
export interface Calibrated {
  readonly body: Record<string, unknown> & { readonly text: string };
  readonly name: string;
  readonly description: string;
}

/**
 * Fits a catalog scenario to activity data: the estimates with their intervals, the fields
 * they set, and the calibrated text.
 * @throws HttpError 400: the scenario's issues, the data's (naming file, line and column), or a
 *   calibrated text that does not load.
 */
export function calibrateForApi(req: CalibrateRequest): Calibrated {
  const file = `${req.scenario}.yaml`;
  const { model } = loadForApi({ text: req.text, file, overrides: [] });
  const data = readData(req, model);
  const result: Calibration = calibrate(data.records, model, data.period, { by: req.by });
  const { edits, unmapped } = fieldEdits(result, parseScenario(req.text, file).doc.toJS() as object, req.file, { serviceRate: model.referrals.ratePer1000PerWeek });
  const name = req.name ?? `${model.name} (calibrated from ${req.file})`;
  const named: FieldEdit[] = [...edits, { path: ["name"], value: name, comment: `calibrated from ${req.file}`, estimate: null }];
  let text: string;
  try {
    text = writeCalibrated(req.text, file, named).text;
  } catch (err) {
    if (err instanceof ScenarioError) throw scenarioHttpError(err, "calibrated scenario: ");
    throw err;
  }
  const reasons = new Map(unmapped.map((u) => [u.estimate, u.reason]));
  const estimates = result.estimates.map((e) => ({
    ...e,
    hi: e.hi === Infinity ? null : e.hi,
    name: ESTIMATE_NAMES[e.kind],
    fields: edits.filter((x) => x.estimate === e && x.value !== undefined).map((x) => pathText(x.path)),
    ...(reasons.has(e) ? { notWritten: reasons.get(e) } : {}),
  }));
  return {
    body: {
      format: "mhst-calibration/1",
      scenario: req.scenario,
      scenarioName: model.name,
      name,
      ...rowsOf(data),
      by: result.by,
      byReason: result.byReason,
      estimates,
      edits: named.map((e) => ({ path: pathText(e.path), value: e.value ?? null, comment: e.comment })),
      text,
    },
    name,
    description: model.description,
  };
}

/** A back-test request: scenario text (named `file` in messages), its activity data, and the replications asked. */
export interface BacktestRequest extends ActivityRequest {
  readonly text: string;
  readonly scenarioFile: string;
  readonly replications: number;
}

/**
 * A back-test's setup as plain data (it crosses threads): {@link BacktestSetup} with what its
 * worker threads' measures need instead of the standard's function (see backtestMeasures).
 */
export type BacktestWire = Omit<BacktestSetup, "standardDays"> & BacktestMeasureArg;

/** A back-test ready to queue: the base's name, what the data's reading said, its setup, and the model it runs, packed. */
export interface PreparedBacktest {
  readonly scenarioName: string;
  readonly rows: ReturnType<typeof rowsOf>;
  readonly setup: BacktestWire;
  readonly side: PreparedSide;
}

/**
 * Sets a back-test up: reads the data against the scenario, runs the scenario over the data's
 * period from its waiting list (see backtestSetup), and packs that model with its work estimate
 * and size (checked by the caller against the server's limits).
 * @throws HttpError 400: the scenario's issues, the data's, or a setup whose model does not load.
 */
export function backtestForApi(req: BacktestRequest): PreparedBacktest {
  const { model: base } = loadForApi({ text: req.text, file: req.scenarioFile, overrides: [] });
  const data = readData(req, base);
  const setup = backtestSetup(base, data.records, data.period);
  const { model } = loadForApi({ text: req.text, file: req.scenarioFile, overrides: [...setup.overrides], checkDays: false });
  const side = sideOf(model, { warmup: undefined, replications: req.replications, evaluations: 1 });
  const { standardDays, ...rest } = setup;
  const standard = base.schools.map((s) => [s.id, standardDays(s.id)] as const);
  return { scenarioName: base.name, rows: rowsOf(data), setup: { ...rest, standard, shift: backtestShift(base, model) }, side };
}
