import type { FairnessGroup } from "./fairness.js";
import { availableParallelism } from "node:os";
import { DefaultSerializer } from "node:v8";
import { Worker } from "node:worker_threads";
import type { RecordsReducer, WorkerReply, WorkerTask } from "./pool-protocol.js";
import type { ReplicationRunner } from "./replication-runner.js";
import { SummaryKeys } from "./summary-keys.js";
import { SCOPE_KINDS, type PackedReplicationSummary, type ReplicationSummary, type ScopeKind } from "./types.js";

/**
 * The compiled worker script. From compiled code it sits next to this module; from the
 * TypeScript sources (vitest) it is the dist/ twin, which the test suite builds first.
 */
export function workerScriptUrl(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("../../dist/sim/experiment/worker.js", import.meta.url)
    : new URL("./worker.js", import.meta.url);
}

/** The production simulator module (sim/model, compiled) as the worker imports it. */
export function defaultSimulatorUrl(): URL {
  return new URL("../model/index.js", workerScriptUrl());
}

/** Options of an {@link ExperimentPool}. */
export interface PoolOptions {
  /** Worker threads, >= 1; default os.availableParallelism(). */
  readonly workers?: number;
  /**
   * URL of an ES module exporting `simulate` and `computeKpis` (a {@link Simulator}); default
   * the compiled sim/model. Tests point it at a toy.
   */
  readonly simulator?: string | URL;
  /**
   * Old-generation heap limit of each worker (MiB); default V8's. A lower limit makes workers
   * collect garbage sooner, trading a little time for a smaller peak memory; too low and a
   * replication fails with an out-of-memory error.
   */
  readonly maxWorkerHeapMb?: number;
  /**
   * Module each worker thread imports when it starts, before the simulator: the server's sets
   * the threads' priority below its event loop (server/simulation-thread-setup.ts).
   */
  readonly threadSetup?: string | URL;
}

/**
 * One replication for the pool. The model is serialised once per pool and model object, into
 * shared memory that every thread reads (see {@link ExperimentPool}); a thread is sent it only
 * when it does not hold that model already.
 */
export interface PoolJob {
  /** The model; one whose serialisation its maker kept (see {@link withModelBytes}) is not serialised again. */
  readonly model: object;
  readonly seed: number;
  readonly replication: number;
  readonly kind: "summary" | "pilot";
  readonly warmupWeeks: number;
  /** Scope kinds to compute; default all. */
  readonly scopes?: readonly ScopeKind[];
  readonly keepRecords: boolean;
  /** School groups whose fairness measures the worker computes and sends instead of records. */
  readonly groups?: readonly FairnessGroup[];
  /** Applied to the records on the worker thread, its value sent back instead of them (see RecordsReducer). */
  readonly reduce?: RecordsReducer;
}

/** A successful job's answer, its summary whole (key lists put back, see {@link SummaryKeys}). */
export type PoolResult = Omit<Extract<WorkerReply, { type: "result" }>, "summary"> & { readonly summary?: ReplicationSummary | PackedReplicationSummary };

/** A worker thread, the model and school groups it holds, and the key lists of its last summary. */
type Slot = { worker: Worker; modelKey: number; groups: readonly FairnessGroup[] | undefined; keys: SummaryKeys };

/**
 * A pool of worker threads that run replications. Results come back to the caller in job
 * order whatever thread finished first, so anything reduced from them is the same for any
 * number of workers. Workers start on the first run; call {@link close} when done.
 *
 * Each thread is kept one job ahead: it holds its next replication in its message queue while
 * it runs the current one, and a finished thread is handed more work before its result is
 * merged, so a thread never waits for the main thread between replications. Near the end of a
 * run (no more jobs left than threads) jobs go out one at a time, to whichever thread is free.
 *
 * @example
 * ```ts
 * const pool = new ExperimentPool({ workers: 2 });
 * try { await runExperimentParallel(pool, model, { replications: 100 }); } finally { await pool.close(); }
 * ```
 */
export class ExperimentPool implements ReplicationRunner {
  /** Number of worker threads. */
  readonly size: number;
  private readonly simulator: string;
  private readonly maxWorkerHeapMb: number | undefined;
  private readonly threadSetup: string | undefined;
  private workers: Slot[] = [];
  private readonly modelKeys = new WeakMap<object, { key: number; bytes: Uint8Array | null }>();
  private nextModelKey = 1;
  private busy = false;

  /** @throws RangeError when `workers` is not a whole number >= 1. */
  constructor(options: PoolOptions = {}) {
    const size = options.workers ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`ExperimentPool: workers ${size} must be a whole number >= 1`);
    this.size = size;
    this.simulator = String(options.simulator ?? defaultSimulatorUrl());
    this.maxWorkerHeapMb = options.maxWorkerHeapMb;
    this.threadSetup = options.threadSetup === undefined ? undefined : String(options.threadSetup);
  }

  /**
   * The model's key and its serialised form. A model is serialised once, however many threads
   * it goes to: posting the object itself would clone it on the calling thread once per thread
   * (for national-2025, 2.2 MB serialised, 40-80 ms each). The bytes sit in a SharedArrayBuffer,
   * so that posting them copies nothing; each thread deserialises them itself. A model holding
   * shared memory is posted as it is (serialising would copy that memory, not share it).
   */
  private modelOf(model: object): { key: number; bytes: Uint8Array | null } {
    let entry = this.modelKeys.get(model);
    if (entry === undefined) {
      const plain = knownBytes.get(model) ?? serialiseUnshared(model);
      let bytes: Uint8Array | null = null;
      if (plain !== null && plain.buffer instanceof SharedArrayBuffer) bytes = plain;
      else if (plain !== null) bytes = sharedCopy(plain);
      entry = { key: this.nextModelKey++, bytes };
      this.modelKeys.set(model, entry);
    }
    return entry;
  }

  private start(n: number): void {
    while (this.workers.length < n) {
      const worker = new Worker(workerScriptUrl(), {
        workerData: { simulator: this.simulator, setup: this.threadSetup },
        resourceLimits: this.maxWorkerHeapMb ? { maxOldGenerationSizeMb: this.maxWorkerHeapMb } : undefined,
      });
      const slot: Slot = { worker, modelKey: 0, groups: undefined, keys: new SummaryKeys() };
      // A run listens for its own errors; this one only keeps a late error (a worker dying
      // while the pool is idle or being torn down) from crashing the process.
      worker.on("error", () => {});
      worker.once("exit", () => {
        this.workers = this.workers.filter((s) => s !== slot);
      });
      this.workers.push(slot);
    }
  }

  /**
   * Runs the jobs, calling `onResult` in job order and `onProgress` after each completion.
   * When `signal` aborts, no further job is dispatched, no further result or progress is
   * reported, the threads (mid-replication) are stopped at once, and the run rejects with the
   * signal's reason; the next run starts fresh threads. An unaborted run is unaffected.
   * @throws Error (rejects) with the worker's message when a replication fails or a worker dies;
   *   the pool's threads are then stopped and restarted on the next run.
   * @throws the signal's reason (an `AbortError` DOMException by default) when it aborts.
   */
  run(
    jobs: readonly PoolJob[],
    onResult: (result: PoolResult, index: number) => void,
    onProgress?: (done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    if (this.busy) return Promise.reject(new Error("ExperimentPool: a run is already in progress"));
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (jobs.length === 0) return Promise.resolve();
    this.busy = true;
    this.start(Math.min(this.size, jobs.length));
    const pending = new Map<number, PoolResult>();
    let nextJob = 0;
    let nextOut = 0;
    let done = 0;
    let failed = false;
    return new Promise<void>((resolve, reject) => {
      const detach: (() => void)[] = [];
      const feeders: ((depth: number) => void)[] = [];
      const cleanup = () => {
        for (const off of detach) off();
        this.busy = false;
      };
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        cleanup();
        const dying = this.workers;
        this.workers = [];
        void Promise.all(dying.map((w) => w.worker.terminate())).finally(() => reject(err));
      };
      if (signal) {
        // Stopping the threads is the only way to end a replication already under way.
        const onAbort = () => fail(abortReason(signal));
        signal.addEventListener("abort", onAbort, { once: true });
        detach.push(() => signal.removeEventListener("abort", onAbort));
      }
      const slots = this.workers.slice(0, Math.min(this.size, jobs.length));
      // Queued jobs sit behind a busy thread; once the jobs left are no more than the threads,
      // holding one there could leave another thread idle at the end of the run.
      const mayPrefetch = () => jobs.length - nextJob > slots.length;
      const dispatch = (slot: Slot) => {
        if (nextJob >= jobs.length) return;
        const index = nextJob++;
        const job = jobs[index];
        const { key: modelKey, bytes } = this.modelOf(job.model);
        const send = slot.modelKey !== modelKey;
        const task: WorkerTask = {
          id: index,
          modelKey,
          ...(send ? (bytes !== null ? { modelBytes: bytes } : { model: job.model }) : {}),
          seed: job.seed,
          replication: job.replication,
          kind: job.kind,
          warmupWeeks: job.warmupWeeks,
          scopes: job.scopes ?? SCOPE_KINDS,
          keepRecords: job.keepRecords,
          // The groups go to a thread once while they repeat (they list every school of the model).
          ...(job.groups ? (slot.groups === job.groups ? { sameGroups: true } : { groups: job.groups }) : {}),
          ...(job.reduce ? { reduce: job.reduce } : {}),
        };
        slot.groups = job.groups;
        slot.modelKey = modelKey;
        slot.worker.postMessage(task);
      };
      for (const slot of slots) {
        let inFlight = 0;
        const feed = (depth: number) => {
          // One job running and, while there is plenty left, one waiting behind it.
          while (nextJob < jobs.length && inFlight < depth && (inFlight === 0 || mayPrefetch())) {
            dispatch(slot);
            inFlight++;
          }
        };
        feeders.push(feed);
        const onMessage = (reply: WorkerReply) => {
          if (failed) return;
          if (reply.type === "error") return fail(new Error(`replication ${jobs[reply.id]?.replication}: ${reply.message}`));
          // Replies of one thread come in the order it sent them, as its key lists need.
          let result: PoolResult = reply;
          try {
            if (reply.summary) result = { ...reply, summary: slot.keys.receive(reply.summary) };
          } catch (err) {
            return fail(err instanceof Error ? err : new Error(String(err)));
          }
          pending.set(reply.id, result);
          done++;
          inFlight--;
          // Work first, bookkeeping second: the thread starts its queued job (or this one) while
          // the result below is merged on the main thread.
          feed(2);
          try {
            // Hand results over in job order: hold early finishers until their turn.
            while (pending.has(nextOut)) {
              const r = pending.get(nextOut)!;
              pending.delete(nextOut);
              onResult(r, nextOut++);
            }
            onProgress?.(done, jobs.length);
          } catch (err) {
            return fail(err instanceof Error ? err : new Error(String(err)));
          }
          if (done === jobs.length) {
            cleanup();
            resolve();
          }
        };
        const onError = (err: Error) => fail(err);
        const onExit = (code: number) => fail(new Error(`ExperimentPool: a worker stopped (exit code ${code})`));
        slot.worker.on("message", onMessage);
        slot.worker.on("error", onError);
        slot.worker.on("exit", onExit);
        detach.push(() => {
          slot.worker.off("message", onMessage);
          slot.worker.off("error", onError);
          slot.worker.off("exit", onExit);
        });
      }
      // Every thread gets its first job before any gets a second.
      for (const feed of feeders) feed(1);
      for (const feed of feeders) feed(2);
    });
  }

  /** Stops the worker threads. The pool can still run again afterwards (it restarts them). */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

/** Models whose serialisation their maker kept (see {@link withModelBytes}). */
const knownBytes = new WeakMap<object, Uint8Array>();

/**
 * Notes that `bytes` are `v8.serialize(model)` (a model unpacked from bytes it was kept as), so
 * that a pool posts them as they are instead of serialising the model again; returns the model.
 * @example const model = withModelBytes(deserialize(bytes), bytes);
 */
export function withModelBytes<T extends object>(model: T, bytes: Uint8Array): T {
  knownBytes.set(model, bytes);
  return model;
}

/**
 * A copy of `bytes` in a SharedArrayBuffer: posted to another thread, it is shared, not copied.
 * @example worker.postMessage(sharedCopy(serialize(value)))
 */
export function sharedCopy(bytes: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return shared;
}

/**
 * `v8.serialize(value)`, or null when the value holds a SharedArrayBuffer (or a view of one),
 * which the serialiser would copy where a posted message shares it.
 */
export function serialiseUnshared(value: unknown): Buffer | null {
  let shared = false;
  // Node's serialiser hooks, which its type declarations leave out.
  const Base = DefaultSerializer as unknown as new () => DefaultSerializer & { _writeHostObject(object: object): void };
  class Probe extends Base {
    override _writeHostObject(object: object): void {
      if (ArrayBuffer.isView(object) && object.buffer instanceof SharedArrayBuffer) shared = true;
      super._writeHostObject(object);
    }
    _getSharedArrayBufferId(): number {
      shared = true;
      return 0;
    }
  }
  const ser = new Probe();
  ser.writeHeader();
  try {
    ser.writeValue(value);
  } catch (err) {
    if (shared) return null;
    throw err;
  }
  return shared ? null : ser.releaseBuffer();
}

/** The error an aborted run rejects with: the signal's reason when it is an Error, else an AbortError. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException("the experiment was cancelled", "AbortError");
}
