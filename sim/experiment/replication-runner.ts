import type { PoolJob, PoolResult } from "./pool.js";

/**
 * Anything that runs replication jobs and hands their results back in job order: the
 * worker-thread {@link ExperimentPool}, or a queue of workers on other machines. The
 * experiment functions ({@link runExperimentsParallel}) take any runner, so a result does not
 * depend on where its replications ran.
 */
export interface ReplicationRunner {
  /**
   * Runs the jobs, calling `onResult` once per job in job order and `onProgress` as jobs
   * finish (`done` of `total` replications).
   * @throws (rejects) when a replication fails, the runner breaks down, or `signal` aborts;
   *   no callback runs after that.
   */
  run(
    jobs: readonly PoolJob[],
    onResult: (result: PoolResult, index: number) => void,
    onProgress?: (done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<void>;
}
