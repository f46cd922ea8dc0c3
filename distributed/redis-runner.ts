/**
 * The submitting side of distributed experiments: a {@link ReplicationRunner} that cuts the
 * replications into blocks, puts them on a BullMQ queue in Redis for `mhst worker` processes
 * (on this or other machines), and hands the results back in replication order, so a result
 * equals a local run's bit for bit.
 */
import { Job, Queue, QueueEvents } from "bullmq";
import { abortReason, type PoolJob, type PoolResult } from "../sim/experiment/pool.js";
import type { ReplicationRunner } from "../sim/experiment/replication-runner.js";
import { modelKey, planBlocks, type BlockData, type PlannedBlock } from "./block.js";
import { codeVersion } from "./code-version.js";
import { decode } from "./codec.js";
import { QUEUE_NAME, type BlockReturn } from "./queue-name.js";
import { checkRedis, redisOptions, shownUrl } from "./redis-connection.js";

/** Options of {@link RedisRunner.connect}. */
export interface RedisRunnerOptions {
  /** `redis://host:port[/db]` of the queue. */
  readonly url: string;
  /** Replications per block (default 4): fewer means finer load balancing, more means less queue traffic. */
  readonly blockSize?: number;
  /** Seconds Redis keeps a finished block (default 3600), so that resubmitting it within that time costs nothing. */
  readonly keepSeconds?: number;
}

/** Redis went away during a run: nothing of the run is returned. */
export class RedisLostError extends Error {
  override readonly name = "RedisLostError";
}

/** A block failed on a worker (a replication threw, or a worker of another code version refused it). */
export class BlockFailedError extends Error {
  override readonly name = "BlockFailedError";
}

/** Reconnection attempts (about 3 s in all) before a run gives Redis up. */
const GIVE_UP_AFTER = 5;
/** How often outstanding blocks are checked directly, besides the queue's events. */
const POLL_MS = 1000;
/** How often a run's models have their time in Redis renewed while its blocks are outstanding. */
const RENEW_MS = 60_000;

const range = (d: BlockData) => `replications ${d.first}–${d.first + d.count - 1}`;

/**
 * Runs replication jobs through Redis. Connect with {@link RedisRunner.connect}; call
 * {@link close} when done. One run at a time per runner.
 *
 * @example
 * ```ts
 * const runner = await RedisRunner.connect({ url: "redis://127.0.0.1:6379" });
 * try { await runExperimentParallel(runner, model, { replications: 40 }); } finally { await runner.close(); }
 * ```
 */
export class RedisRunner implements ReplicationRunner {
  private busy = false;
  /** Blocks of a cancelled run being taken off the queue; {@link close} waits for it. */
  private cleanup: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly url: string,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly blockSize: number,
    private readonly keepSeconds: number,
    readonly version: string,
  ) {}

  /**
   * Checks that Redis answers (within a few seconds), then opens the queue and its event stream.
   * @throws RedisUrlError (one line) when the URL is malformed or Redis cannot be reached.
   * @throws RangeError when `blockSize` is not a whole number >= 1.
   */
  static async connect(options: RedisRunnerOptions): Promise<RedisRunner> {
    const blockSize = options.blockSize ?? 4;
    if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`RedisRunner: blockSize ${blockSize} must be a whole number >= 1`);
    await checkRedis(options.url);
    const connection = redisOptions(options.url, GIVE_UP_AFTER);
    const queue = new Queue(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection });
    // Errors surface through the run that meets them (see run); these keep them from being unhandled.
    queue.on("error", () => {});
    events.on("error", () => {});
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new RedisRunner(options.url, queue, events, blockSize, options.keepSeconds ?? 3600, codeVersion());
  }

  /**
   * Submits the jobs as blocks (deterministic ids: a block already queued, running or kept
   * from an earlier run is not added again; one that failed earlier is retried) and calls
   * `onResult` in job order as blocks finish; `onProgress` counts replications finished
   * (a block's count drops back if its worker dies and the block starts again elsewhere).
   * When `signal` aborts, blocks not yet started leave the queue and the run rejects.
   * @throws (rejects) BlockFailedError when a block fails; RedisLostError when Redis stops
   *   answering; the signal's reason when it aborts.
   */
  run(
    jobs: readonly PoolJob[],
    onResult: (result: PoolResult, index: number) => void,
    onProgress?: (done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    if (this.busy) return Promise.reject(new Error("RedisRunner: a run is already in progress"));
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (jobs.length === 0) return Promise.resolve();
    let blocks: PlannedBlock[];
    try {
      blocks = planBlocks(jobs, this.blockSize, this.version);
    } catch (err) {
      return Promise.reject(err);
    }
    this.busy = true;
    // Two blocks of one run can be the same job (compare of a scenario with itself): one job
    // then answers both.
    const byId = new Map<string, number[]>();
    blocks.forEach((b, i) => byId.set(b.jobId, [...(byId.get(b.jobId) ?? []), i]));
    const unique = [...byId.values()].map((at) => blocks[at[0]]);
    const outstanding = new Set(byId.keys());
    const arrived: (PoolResult[] | undefined)[] = new Array(blocks.length);
    const doneBy = new Map<string, number>();
    let nextBlock = 0;
    let finished = false;

    return new Promise<void>((resolve, reject) => {
      const detach: (() => void)[] = [];
      const finish = (err?: Error) => {
        if (finished) return;
        finished = true;
        this.busy = false;
        for (const off of detach) off();
        if (err) reject(err);
        else resolve();
      };
      const lost = (err: unknown) =>
        finish(new RedisLostError(`lost the connection to Redis at ${shownUrl(this.url)} during the run (${err instanceof Error ? err.message.split("\n")[0] : String(err)}); no result was kept`));
      const progress = () => {
        let done = 0;
        for (const n of doneBy.values()) done += n;
        onProgress?.(done, jobs.length);
      };
      const deliver = (jobId: string, value: BlockReturn | string | undefined) => {
        if (finished || !outstanding.has(jobId)) return;
        const at = byId.get(jobId)!;
        const { data } = blocks[at[0]];
        let results: PoolResult[];
        try {
          const ret = (typeof value === "string" ? JSON.parse(value) : value) as BlockReturn;
          results = decode<PoolResult[]>(ret.results);
          if (results.length !== data.count) throw new Error(`${results.length} results for ${data.count} replications`);
        } catch (err) {
          return finish(new BlockFailedError(`block ${jobId} (${data.scenario}, ${range(data)}) sent back an unreadable result: ${(err as Error).message}`));
        }
        outstanding.delete(jobId);
        for (const i of at) arrived[i] = results;
        doneBy.set(jobId, data.count * at.length);
        try {
          // Blocks are handed over in order: one that finished early waits for those before it.
          while (nextBlock < blocks.length && arrived[nextBlock]) {
            const rs = arrived[nextBlock]!;
            arrived[nextBlock] = undefined;
            const first = blocks[nextBlock].start;
            rs.forEach((r, k) => onResult({ ...r, id: first + k }, first + k));
            nextBlock++;
          }
          progress();
        } catch (err) {
          return finish(err instanceof Error ? err : new Error(String(err)));
        }
        if (nextBlock === blocks.length) finish();
      };
      const failed = (jobId: string, reason: string) => {
        if (finished || !outstanding.has(jobId)) return;
        const { data } = blocks[byId.get(jobId)![0]];
        finish(new BlockFailedError(`block ${jobId} (${data.scenario}, ${range(data)}) failed: ${reason}`));
      };

      const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => deliver(jobId, returnvalue as BlockReturn);
      const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => failed(jobId, failedReason);
      const onBlockProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
        if (finished || !outstanding.has(jobId) || typeof data !== "number") return;
        doneBy.set(jobId, data * byId.get(jobId)!.length);
        progress();
      };
      this.events.on("completed", onCompleted);
      this.events.on("failed", onFailed);
      this.events.on("progress", onBlockProgress);
      detach.push(() => {
        this.events.off("completed", onCompleted);
        this.events.off("failed", onFailed);
        this.events.off("progress", onBlockProgress);
      });

      // Events can be missed (a block that finished before the event stream was read, a
      // dropped stream entry): each outstanding block's state is also read once a second.
      let polling = false;
      const check = async (jobId: string, firstLook: boolean) => {
        const state = await this.queue.getJobState(jobId);
        if (state === "completed" || state === "failed") {
          const job = await Job.fromId(this.queue, jobId);
          if (!job) return;
          if (state === "completed") deliver(jobId, job.returnvalue as BlockReturn);
          else if (firstLook) await job.retry("failed");
          else failed(jobId, job.failedReason);
        }
        return state;
      };
      const poll = async () => {
        if (polling || finished) return;
        polling = true;
        try {
          for (const id of [...outstanding]) {
            if (finished) break;
            await check(id, false);
          }
        } catch (err) {
          lost(err);
        } finally {
          polling = false;
        }
      };
      // The models stay in Redis while the run goes on, however long its queue, and keepSeconds after.
      const models = new Map(unique.map((b) => [modelKey(b.data.modelHash), b.model]));
      let renewed = Date.now();
      const renew = async () => {
        if (Date.now() - renewed < RENEW_MS) return;
        renewed = Date.now();
        const client = await this.queue.getBackend().client;
        // Written again (the queue's client has no EXPIRE): a few megabytes a minute at most.
        await Promise.all([...models].map(([key, text]) => client.set(key, text, { EX: this.keepSeconds })));
      };
      const timer = setInterval(() => void poll().then(() => (finished ? undefined : renew())).catch(lost), POLL_MS);
      detach.push(() => clearInterval(timer));

      if (signal) {
        const onAbort = () => {
          const left = [...outstanding];
          finish(abortReason(signal));
          // Blocks nobody has started leave the queue; a running one finishes and is kept.
          this.cleanup = Promise.all(left.map((id) => this.queue.remove(id).catch(() => 0)));
        };
        signal.addEventListener("abort", onAbort, { once: true });
        detach.push(() => signal.removeEventListener("abort", onAbort));
      }

      void (async () => {
        try {
          // Each model once, before any block that names it is queued or retried.
          const client = await this.queue.getBackend().client;
          await Promise.all([...models].map(([key, text]) => client.set(key, text, { EX: this.keepSeconds })));
          // Blocks kept from an earlier submission count at once; failed ones run again.
          const states = await Promise.all(unique.map((b) => check(b.jobId, true)));
          const fresh = unique.filter((_, i) => states[i] === "unknown");
          if (finished || fresh.length === 0) return;
          await this.queue.addBulk(
            fresh.map((b) => ({
              name: "block",
              data: b.data,
              opts: { jobId: b.jobId, removeOnComplete: { age: this.keepSeconds }, removeOnFail: { age: this.keepSeconds } },
            })),
          );
        } catch (err) {
          lost(err);
        }
      })();
    });
  }

  /** Closes the queue connections (at most about a second when Redis is gone). */
  async close(): Promise<void> {
    await Promise.race([this.cleanup, new Promise((r) => setTimeout(r, 2000).unref())]);
    const closing = Promise.allSettled([this.queue.close(), this.events.close()]);
    await Promise.race([closing, new Promise((r) => setTimeout(r, 1000).unref())]);
    await Promise.allSettled([this.queue.disconnect(), this.events.disconnect()]);
  }
}
