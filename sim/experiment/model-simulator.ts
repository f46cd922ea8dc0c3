import { computeKpis, computeKpisByScope, dropSpareBuffers, releaseRecords, simulate } from "../model/index.js";
import type { ServiceModel } from "../model/config.js";
import type { Simulator } from "./types.js";

/**
 * The MHST model as a {@link Simulator}, for in-thread experiments (`runExperiment`). Worker
 * pools load the same module (sim/model) by URL; see `defaultSimulatorUrl`.
 *
 * @example runExperiment(modelSimulator, loadScenario("trailblazer-team"), { replications: 5 })
 */
export const modelSimulator: Simulator<ServiceModel> = { simulate, computeKpis, computeKpisByScope, releaseRecords, dropSpareBuffers };
