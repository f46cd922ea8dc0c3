/**
 * Experiments across machines: replication blocks on a BullMQ queue in Redis, run by
 * `mhst worker` processes, merged in replication order by the submitter.
 */
export { blockCap, blockId, blockJobs, planBlocks, TAPER_SHARE, type BlockData, type PlannedBlock } from "./block.js";
export { startBlockWorker, type BlockWorker, type BlockWorkerOptions } from "./block-worker.js";
export { codeVersion } from "./code-version.js";
export { decode, encode } from "./codec.js";
export { QUEUE_NAME, type BlockReturn } from "./queue-name.js";
export { checkRedis, CONNECT_TIMEOUT_MS, redisOptions, RedisUrlError, shownUrl } from "./redis-connection.js";
export { BlockFailedError, RedisLostError, RedisRunner, type RedisRunnerOptions } from "./redis-runner.js";
