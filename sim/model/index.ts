/**
 * The MHST service model: the frozen scenario contract, the flat output records, the school
 * calendar, one-replication simulation and KPIs.
 */
export * from "./config.js";
export * from "./records.js";
export { buildCalendar, dayOf, horizonDaysOf, YEAR_DAYS, type SchoolCalendar, type TermInstance } from "./calendar.js";
export { simulate, type SimulateOptions } from "./simulate.js";
export { computeKpis, type KpiScope } from "./kpis.js";
export { KPI_DOCS, type KpiDoc } from "./kpi-docs.js";
export { computeKpisByScope, type ScopeList, type ScopedKpiOptions, type ScopedKpis, type WeeklyCount } from "./kpis-by-scope.js";
export { WAIT_HISTOGRAM_WEEKS, waitBin } from "./wait-bins.js";
export { releaseRecords } from "./run-records.js";
export { dropSpareBuffers } from "./cases.js";
