/**
 * The dashboard server: an Express app factory (JSON API, server-rendered report charts,
 * saved scenarios and runs in SQLite, a bounded run queue over the experiment worker pools)
 * and the static dashboard page. `main.ts` starts it for `npm start`.
 */
export { createApp, type AppOptions, type MhstApp } from "./app.js";
export { createExperimentEngine, createRedisEngine, type Engine, type EngineHooks, type EngineOptions, type RedisEngineOptions } from "./engine.js";
export { JobQueue, QueueFullError, type JobEvent } from "./jobs/job-queue.js";
export { databaseFile, openDatabase } from "./storage/database.js";
export { DatabaseDamagedError, isDatabaseDamage } from "./storage/database-error.js";
export { RunStore, type RunInfo, type RunKind, type RunStatus } from "./storage/run-store.js";
export { ScenarioStore, type SavedScenario } from "./storage/scenario-store.js";
export * from "./charts/index.js";
export { kpiCells, kpiHeadings, kpiTable, reportHtml, reportJson, type KpiTableRow } from "./report.js";
export { formatDifference, formatInterval, formatValue, isShare } from "./report-format.js";
export { runLabel } from "./run-label.js";
