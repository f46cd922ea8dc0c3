/**
 * Generic queues on the engine (c servers, Poisson arrivals, exponential or constant
 * service, non-preemptive priority classes) and their closed forms, used to validate the
 * engine against queueing theory and to benchmark it.
 */
export type { QueueMetrics } from "./metrics.js";
export { mm1 } from "./mm1.js";
export { erlangC, mmc } from "./erlang-c.js";
export { md1, mg1Wait } from "./md1.js";
export { cobham } from "./priority.js";
export { queueModel, type QueueModel, type QueueOptions, type ServiceLaw } from "./model.js";
export { exactQueue, type ExactQueue } from "./exact.js";
export { runReplication, type ReplicationRecord } from "./replication.js";
export { simulateQueue, type Estimate, type QueueResult, type SimulateOptions } from "./simulate.js";
export { VALIDATION_CASES, validate, type ValidationCase, type ValidationRow } from "./validation.js";
