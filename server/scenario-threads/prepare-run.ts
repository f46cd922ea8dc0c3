/**
 * Preparing a scenario for `POST /api/runs`, on a scenario thread: loading and checking it (as
 * {@link loadForApi}), the run's checks (warm-up, work estimate, run size), and everything the
 * event loop needs of it to queue the run and, later, to store its result: its name, labels and
 * time axis, the capacity cross-check, and the model itself as bytes ({@link packModel}). The
 * event loop holds no model object until the run starts.
 */
import type { CapacityAnalysis } from "../../sim/capacity/index.js";
import { buildCalendar } from "../../sim/model/index.js";
import { timeAxisOf, type TimeAxis } from "../charts/time-axis.js";
import type { Labels } from "../charts/stored.js";
import { packModel } from "../packed-model.js";
import { checkRun, type RunChecks } from "../run-checks.js";
import { labelsOf } from "../scenario-labels.js";
import { loadForApi, type LoadRequest } from "./load.js";

/** A scenario to prepare for a run: what to load, and what the run asks for. */
export interface PrepareRunRequest extends LoadRequest {
  readonly run: RunChecks;
}

/** A checked scenario, ready to be queued as a run. */
export interface PreparedScenario {
  readonly name: string;
  readonly labels: Labels;
  /** Calendar dates and school holidays of its weeks, for time axes. */
  readonly axis: TimeAxis;
  /** The capacity cross-check, when asked for. */
  readonly capacity?: CapacityAnalysis;
  /** The model as bytes: see {@link packModel} and unpackModel. */
  readonly modelBytes: Uint8Array;
}

/**
 * Loads, checks and packs a run's scenario.
 * @throws HttpError 400 (the scenario's issues, its day numbers, the warm-up) or 422 (work or
 *   run size beyond the limits), each naming the field.
 * @example const prepared = prepareRunForApi({ text, file: "request", overrides: [], run: checks });
 */
export function prepareRunForApi(req: PrepareRunRequest): PreparedScenario {
  const { model, capacity } = loadForApi(req);
  checkRun(model, req.run);
  return {
    name: model.name,
    labels: labelsOf(model),
    axis: timeAxisOf(buildCalendar(model.calendar)),
    ...(capacity ? { capacity } : {}),
    modelBytes: packModel(model),
  };
}
