/**
 * The pieces of scenario work a scenario thread does, by kind, and what each gives: loading
 * and checking, a run's (or one scenario of a comparison's or solve's) preparation, the
 * editor's field edits, reading an uncertainty block, and a calibration's or back-test's
 * reading of its activity data.
 */
import type { UncertainFactor } from "../../sim/experiment/sensitivity/factors.js";
import { editForApi, loadForApi, uncertaintyForApi, type EditRequest, type Loaded, type LoadRequest, type UncertaintyRequest } from "./load.js";
import { backtestForApi, calibrateForApi, type BacktestRequest, type Calibrated, type CalibrateRequest, type PreparedBacktest } from "../calibrate-work.js";
import { prepareRunForApi, prepareSideForApi, type PreparedScenario, type PreparedSide, type PrepareRunRequest, type PrepareSideRequest } from "./prepare-run.js";

/** A piece of scenario work for a thread, by kind. */
export type ThreadRequest =
  | ({ readonly op: "load" } & LoadRequest)
  | ({ readonly op: "run" } & PrepareRunRequest)
  | ({ readonly op: "side" } & PrepareSideRequest)
  | ({ readonly op: "edit" } & EditRequest)
  | ({ readonly op: "uncertainty" } & UncertaintyRequest)
  | ({ readonly op: "calibrate" } & CalibrateRequest)
  | ({ readonly op: "backtest" } & BacktestRequest);

/** What each kind of work gives. */
export interface ThreadResults {
  readonly load: Loaded;
  readonly run: PreparedScenario;
  readonly side: PreparedSide;
  readonly edit: string;
  readonly uncertainty: UncertainFactor[];
  readonly calibrate: Calibrated;
  readonly backtest: PreparedBacktest;
}

/** Does one piece of scenario work (on whichever thread calls it). */
export function doScenarioWork(req: ThreadRequest): ThreadResults[ThreadRequest["op"]] {
  switch (req.op) {
    case "load":
      return loadForApi(req);
    case "run":
      return prepareRunForApi(req);
    case "side":
      return prepareSideForApi(req);
    case "edit":
      return editForApi(req);
    case "uncertainty":
      return uncertaintyForApi(req);
    case "calibrate":
      return calibrateForApi(req);
    case "backtest":
      return backtestForApi(req);
  }
}
