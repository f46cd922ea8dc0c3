/**
 * Sensitivity analysis of a scenario's uncertain inputs: which assumptions drive a KPI. Pure
 * designs and statistics — one at a time with paired intervals under common random numbers,
 * Morris elementary effects (μ, μ*, σ), and a Latin hypercube with partial rank correlation
 * coefficients — plus {@link runSensitivity}, which drives them through a caller's loader and runner.
 */
export { checkFactors, factorOverrides, quantileOf, unitOf, factorValue, type FactorLaw, type UncertainFactor } from "./factors.js";
export { morrisDesign, morrisEffects, morrisOptions, type MorrisDesign, type MorrisOptions, type MorrisStats } from "./morris.js";
export { latinHypercube } from "./lhs.js";
export { prcc, ranks, residuals, type PrccStats } from "./prcc.js";
export { byMagnitude, oatRows, type OatRow } from "./oat.js";
export {
  analyseSensitivity,
  DEFAULT_LHS_SAMPLES,
  planSensitivity,
  runSensitivity,
  SENSITIVITY_METHODS,
  serviceMean,
  type DesignPoint,
  type LhsRow,
  type MorrisRow,
  type SensitivityMethod,
  type SensitivityOptions,
  type SensitivityPlan,
  type SensitivityResult,
  type SensitivityRow,
} from "./plan.js";
