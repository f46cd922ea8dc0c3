/**
 * Preparing a scenario for a run on a scenario thread: loading and checking it (as
 * {@link loadForApi}), the run's checks, and everything the event loop needs of it to queue the
 * run and, later, to store its result: its name, its labels, time axis and capacity
 * cross-check (packed), its shape ({@link RunShape}) and the model itself as bytes ({@link packModel}).
 * The event loop holds no model object, neither while the run waits nor while it runs.
 *
 * `POST /api/runs` prepares its scenario whole here ({@link prepareRunForApi}). A comparison
 * or a solve prepares each of its scenarios apart ({@link prepareSideForApi}), in parallel on
 * the threads; each gives what its checks need, and the event loop puts them together.
 */
import type { CapacityAnalysis } from "../../sim/capacity/index.js";
import type { WarmupOption } from "../../sim/experiment/types.js";
import { estimateWork, type WorkEstimate } from "../../sim/experiment/work-estimate.js";
import { buildCalendar, type ServiceModel } from "../../sim/model/index.js";
import { timeAxisOf } from "../charts/time-axis.js";
import { packModel } from "../packed-model.js";
import { packParts } from "../scenario-parts.js";
import { checkRun, warmupIssue, type RunChecks } from "../run-checks.js";
import { runShapeOf, type RunShape } from "../run-shape.js";
import { horizonYears, sizePerReplication } from "../run-size.js";
import { labelsOf } from "../scenario-labels.js";
import { loadForApi, type LoadRequest } from "./load.js";

/** A scenario to prepare for a run: what to load, and what the run asks for. */
export interface PrepareRunRequest extends LoadRequest {
  readonly run: RunChecks;
}

/** A checked scenario, ready to be queued as a run. */
export interface PreparedScenario {
  readonly name: string;
  /** Its labels, time axis and capacity check (when asked for), packed: see {@link packParts}. */
  readonly parts: Uint8Array;
  /** What the event loop and the result thread need of the model (see {@link RunShape}). */
  readonly shape: RunShape;
  /** The model as bytes in shared memory: see {@link packModel} and PackedModel. */
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
  return prepared(model, capacity);
}

/** What one scenario of a comparison or solve is checked for: the run's warm-up, and the work of its replications × evaluations. */
export interface SideChecks {
  readonly warmup: WarmupOption | undefined;
  readonly replications: number;
  readonly evaluations: number;
}

/** A request to prepare one scenario of a comparison or solve. */
export interface PrepareSideRequest extends LoadRequest {
  readonly side: SideChecks;
}

/** One scenario of a comparison or solve, prepared, with what its run's checks need of it. */
export interface PreparedSide extends PreparedScenario {
  /** Why the warm-up does not fit this scenario (see warmupIssue), or null. */
  readonly warmupIssue: string | null;
  /** Its work for the replications × evaluations asked (see estimateWork). */
  readonly work: WorkEstimate;
  /** Its run size of one replication: years × schools (see sizePerReplication). */
  readonly sizePerReplication: number;
  /** School years it simulates (see horizonYears): for messages about its size. */
  readonly years: number;
}

/**
 * Loads, checks (its scenario and its day numbers) and packs one scenario of a comparison or
 * solve, with what the run's checks need of it.
 * @throws HttpError 400: the scenario's issues or its day numbers, naming the field.
 * @example const a = prepareSideForApi({ text, file: "request", overrides: [], field: "a.", side: { warmup: 4, replications: 10, evaluations: 1 } });
 */
export function prepareSideForApi(req: PrepareSideRequest): PreparedSide {
  const { model, capacity } = loadForApi(req);
  return sideOf(model, req.side, capacity);
}

/**
 * A loaded model prepared as one scenario of a comparison or solve (see {@link prepareSideForApi}).
 * @example const side = sideOf(model, { warmup: undefined, replications: 20, evaluations: 1 });
 */
export function sideOf(model: ServiceModel, side: SideChecks, capacity?: CapacityAnalysis): PreparedSide {
  return {
    ...prepared(model, capacity),
    warmupIssue: warmupIssue(model, side.warmup),
    work: estimateWork(model, side.replications, side.evaluations),
    sizePerReplication: sizePerReplication(model),
    years: horizonYears(model),
  };
}

function prepared(model: ServiceModel, capacity: CapacityAnalysis | undefined): PreparedScenario {
  return {
    name: model.name,
    parts: packParts({ labels: labelsOf(model), axis: timeAxisOf(buildCalendar(model.calendar)), ...(capacity ? { capacity } : {}) }),
    shape: runShapeOf(model),
    modelBytes: packModel(model),
  };
}
