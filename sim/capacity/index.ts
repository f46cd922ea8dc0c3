/**
 * Analytic capacity: the demand, capacity and waiting-list formulas of NHS analysts applied to
 * a scenario, to sanity-check a simulated result at a glance.
 */
export { analyseCapacity, CAPACITY_ASSUMPTIONS, type CapacityAnalysis, type CapacityRow } from "./analytic-capacity.js";
