/**
 * The working side of distributed experiments (`mhst worker`): takes replication blocks from
 * the Redis queue and runs them on this machine's worker threads (the experiment pool), one
 * block per thread at a time, with one more block per thread taken ahead so that no thread
 * waits for Redis between blocks. A block of another code version is refused, so results of
 * different code never mix. If this process dies mid-block, its lock on the block runs out
 * and another worker's stalled-job check puts the block back on the queue.
 */
import { hostname } from "node:os";
import { availableParallelism } from "node:os";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { ExperimentPool, type PoolResult } from "../sim/experiment/pool.js";
import { blockJobs, modelKey, type BlockData } from "./block.js";
import { codeVersion } from "./code-version.js";
import { decode, encode } from "./codec.js";
import { QUEUE_NAME, type BlockReturn } from "./queue-name.js";
import { checkRedis, redisOptions, shownUrl } from "./redis-connection.js";

/** Options of {@link startBlockWorker}. */
export interface BlockWorkerOptions {
  /** `redis://host:port[/db]` of the queue. */
  readonly url: string;
  /** Blocks run at once, each on its own worker thread; default one per core. */
  readonly concurrency?: number;
  /**
   * Milliseconds between stalled-block checks, and the lease a worker holds on a running
   * block (renewed at half of it); default 30,000. A block whose worker died goes back on the
   * queue within about twice this.
   */
  readonly stalledIntervalMs?: number;
  /** Simulator module for the threads (tests point it at a toy); default the compiled sim/model. */
  readonly simulator?: string | URL;
  /** Where log lines go (default stderr). */
  readonly log?: (line: string) => void;
}

/** A running worker. */
export interface BlockWorker {
  /** `host:pid`, as the worker signs its blocks. */
  readonly name: string;
  /** Code version it serves. */
  readonly version: string;
  /** Finishes the blocks under way, then stops taking blocks and stops the threads. */
  close(): Promise<void>;
}

/** Models kept decoded per worker (by hash), so repeated blocks of one experiment reuse them. */
const MODEL_CACHE = 8;

/**
 * Checks that Redis answers, then starts taking blocks.
 * @throws RedisUrlError (one line) when the URL is malformed or Redis cannot be reached.
 * @throws RangeError on a bad concurrency or interval.
 * @example const w = await startBlockWorker({ url: "redis://10.0.0.5:6379", concurrency: 8 });
 */
export async function startBlockWorker(options: BlockWorkerOptions): Promise<BlockWorker> {
  const concurrency = options.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`startBlockWorker: concurrency ${concurrency} must be a whole number >= 1`);
  const stalled = options.stalledIntervalMs ?? 30_000;
  if (!Number.isInteger(stalled) || stalled < 100) throw new RangeError(`startBlockWorker: stalledIntervalMs ${stalled} must be a whole number >= 100`);
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  await checkRedis(options.url);
  const version = codeVersion();
  const name = `${hostname()}:${process.pid}`;
  const free = Array.from({ length: concurrency }, () => new ExperimentPool({ workers: 1, simulator: options.simulator }));
  const pools = [...free];
  // A model is read from Redis once (by the first of its blocks to arrive) and kept decoded.
  const models = new Map<string, Promise<object>>();
  const modelOf = (d: BlockData, what: string): Promise<object> => {
    let m = models.get(d.modelHash);
    if (!m) {
      m = (async () => {
        const text = await (await worker.getBackend().client).get(modelKey(d.modelHash));
        if (text === null) throw new Error(`the model of ${what} is no longer in Redis (it is kept while its run goes on): submit the run again`);
        return decode<object>(text);
      })();
      models.set(d.modelHash, m);
      m.catch(() => models.delete(d.modelHash));
      if (models.size > MODEL_CACHE) models.delete(models.keys().next().value!);
    }
    return m;
  };

  // BullMQ hands this process one block more per thread than it has threads: the spare block
  // waits here for a thread, so that a thread goes straight on to it while the block before is
  // sent back, instead of waiting a round trip to Redis for its next block.
  const waitingForPool: ((pool: ExperimentPool) => void)[] = [];
  const takePool = (): Promise<ExperimentPool> => {
    const pool = free.pop();
    return pool ? Promise.resolve(pool) : new Promise((resolve) => waitingForPool.push(resolve));
  };
  const givePool = (pool: ExperimentPool): void => {
    const next = waitingForPool.shift();
    if (next) next(pool);
    else free.push(pool);
  };

  const process_ = async (job: Job<BlockData>): Promise<BlockReturn> => {
    const d = job.data;
    const what = `block ${job.id} (${d.scenario}, replications ${d.first}–${d.first + d.count - 1})`;
    if (d.version !== version) {
      const message = `worker ${name} runs mhst ${version} and refuses ${what} of mhst ${d.version}: run workers of the submitter's version`;
      log(`mhst worker: ${message}`);
      throw new UnrecoverableError(message);
    }
    const model = await modelOf(d, what);
    const pool = await takePool();
    const started = performance.now();
    log(`mhst worker: started ${what}`);
    const results: PoolResult[] = [];
    try {
      await pool.run(
        blockJobs(d, model),
        (r) => void results.push(r),
        (done) => void job.updateProgress(done).catch(() => {}),
      );
    } finally {
      givePool(pool);
    }
    log(`mhst worker: finished ${what} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    return { version, worker: name, results: encode(results) };
  };

  const worker = new Worker<BlockData, BlockReturn>(QUEUE_NAME, process_, {
    connection: redisOptions(options.url, Infinity),
    concurrency: 2 * concurrency,
    lockDuration: stalled,
    stalledInterval: stalled,
    // A block whose worker died more than this often is given up (and its run fails).
    maxStalledCount: 3,
  });
  let lastError = "";
  worker.on("error", (err) => {
    const line = `mhst worker: Redis at ${shownUrl(options.url)}: ${err.message.split("\n")[0]}`;
    // One line per kind of trouble, not one per reconnection attempt.
    if (line !== lastError) log(line);
    lastError = line;
  });
  worker.on("ready", () => {
    lastError = "";
  });
  worker.on("failed", (job, err) => {
    if (job && !(err instanceof UnrecoverableError) && !err.message.includes("refuses")) log(`mhst worker: block ${job.id} failed: ${err.message.split("\n")[0]}`);
  });
  await worker.waitUntilReady();
  log(`mhst worker ${name} (mhst ${version}): ${concurrency} thread${concurrency === 1 ? "" : "s"} serving ${QUEUE_NAME} at ${shownUrl(options.url)}`);
  return {
    name,
    version,
    async close() {
      await worker.close();
      await Promise.all(pools.map((p) => p.close()));
    },
  };
}
