/**
 * The server's result thread: where the end of a run happens, off the event loop. Each run's
 * replication summaries go to it as they arrive; once the run is done it reduces them to the
 * experiment results, builds the stored result (per-school results and comparison included),
 * turns it into JSON text and saves it with its KPI rows in one transaction on its own SQLite
 * connection. For a national run that is seconds of work and tens of megabytes, none of which
 * touches the event loop: `/api/health` and the other requests go on being answered.
 */
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import type { GroupMeasures } from "../../sim/experiment/fairness.js";
import type { ReduceMeta } from "../../sim/experiment/reduce.js";
import type { SummarySink } from "../../sim/experiment/run-parallel.js";
import type { RunShape } from "../run-shape.js";
import { schoolNote } from "../school-results.js";
import type { PackedRecipe } from "../stored-result.js";
import type { FaultHook } from "../storage/run-store.js";
import type { WarmupOption } from "../../sim/experiment/types.js";
import type { FromThread, ThreadData, ToThread } from "./protocol.js";

function threadScriptUrl(): URL {
  // Under the test runner this module is TypeScript source: the thread runs the compiled one.
  return import.meta.url.endsWith(".ts") ? new URL("../../dist/server/result-thread/thread.js", import.meta.url) : new URL("./thread.js", import.meta.url);
}

interface Live {
  readonly worker: Worker;
  /** Saves and reads not yet answered, by job. */
  readonly saves: Map<number, { resolve: (bytes?: Uint8Array | null) => void; reject: (err: Error) => void }>;
  /** Set once the thread has stopped, or is stopping: why. */
  lost?: Error;
  /** The job whose transaction the thread is in (it holds the write lock until it answers, or exits). */
  writing?: number;
}

/**
 * Starts (with the first run) and keeps one result thread writing to the database `file`.
 * `fault` is the run store's test hook: the thread's save stops at each stage for it.
 * @example const results = new ResultThread("./data/mhst.sqlite"); const job = results.open([runShapeOf(model)], undefined);
 */
export class ResultThread {
  private live: Live | undefined;
  private nextJob = 1;
  private closed = false;
  /** Threads in a save's transaction (a stopping thread holds its lock until it has exited). */
  private readonly writers = new Set<Live>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly file: string,
    private readonly fault?: FaultHook,
  ) {}

  /**
   * A job for one run of the models of these shapes (A and B for a comparison): its summaries,
   * per-school measures and save go to the thread. Only the shapes are posted (their scopes as
   * one string each, their schools when per-school results are kept): no model is unpacked or
   * cloned on the calling thread.
   */
  open(shapes: readonly RunShape[], warmup: WarmupOption | undefined): ResultJob {
    const live = this.thread();
    const job = this.nextJob++;
    const note = schoolNote(shapes.map((s) => ({ schoolCount: s.schoolCount, schools: [] })), warmup);
    const send = (msg: ToThread, transfer?: readonly ArrayBuffer[]) => {
      if (!live.lost) live.worker.postMessage(msg, transfer);
    };
    send({ type: "open", job, models: shapes.map((s) => (note ? { ...s, schools: null } : s)), note });
    return new ResultJob(job, live, send);
  }

  /**
   * Starts the thread ahead of the first run, so that it has loaded its code and opened its
   * connection before runs end (and is not started on the event loop during a burst of them).
   */
  warm(): void {
    if (!this.closed) this.thread();
  }

  /** Whether the thread is running now (it starts with the first run, or {@link warm}). */
  get started(): boolean {
    return this.live !== undefined && !this.live.lost;
  }

  /** Whether the thread is in a save's transaction now (it holds the database's write lock). */
  get writing(): boolean {
    return this.writers.size > 0;
  }

  /**
   * Resolves once the thread is in no save's transaction. A write on the event loop's own
   * connection made synchronously then (in the same turn) never waits for the lock: a
   * transaction begins only once the event loop has answered the thread's `begin`, which it
   * does in a later turn, and from then on {@link writing} is true.
   */
  whenIdle(): Promise<void> {
    if (!this.writing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private doneWriting(live: Live): void {
    live.writing = undefined;
    if (!this.writers.delete(live) || this.writing) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * The saved result JSON text of run `runId` as UTF-8 bytes, read on the thread's connection
   * and handed over without a copy: the event loop neither reads nor converts tens of
   * megabytes. Null when the run has no saved result.
   * @throws (rejects) Error when the thread stops or the read fails.
   * @example const bytes = await results.resultBytes(run.id);
   */
  resultBytes(runId: string): Promise<Uint8Array | null> {
    let live: Live;
    try {
      live = this.thread();
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const job = this.nextJob++;
    return new Promise((resolve, reject) => {
      live.saves.set(job, { resolve: (bytes) => resolve(bytes ?? null), reject });
      live.worker.postMessage({ type: "read", job, runId } satisfies ToThread);
    });
  }

  /** Stops the thread; saves not yet answered reject (a transaction under way is rolled back). */
  async close(): Promise<void> {
    this.closed = true;
    const live = this.live;
    this.live = undefined;
    if (!live) return;
    lose(live, new Error("the server is shutting down"));
    await live.worker.terminate();
  }

  private thread(): Live {
    if (this.closed) throw new Error("the server is shutting down");
    if (this.live && !this.live.lost) return this.live;
    let faults: ThreadData["faults"];
    let replies: MessagePort | undefined;
    const flag = new SharedArrayBuffer(4);
    if (this.fault) {
      const channel = new MessageChannel();
      replies = channel.port1;
      faults = { flag, replies: channel.port2 };
    }
    const data: ThreadData = { file: this.file, faults };
    const worker = new Worker(threadScriptUrl(), { workerData: data, transferList: faults ? [faults.replies] : [] });
    worker.unref();
    const live: Live = { worker, saves: new Map() };
    this.live = live;
    worker.on("message", (msg: FromThread) => {
      if (msg.type === "fault") {
        const reply = (err?: unknown) => {
          replies!.postMessage({ error: err === undefined ? undefined : err instanceof Error ? err.message : String(err) });
          const f = new Int32Array(flag);
          Atomics.store(f, 0, 1);
          Atomics.notify(f, 0);
        };
        let answer: void | Promise<void>;
        try {
          answer = this.fault?.(msg.stage);
        } catch (err) {
          return reply(err);
        }
        // A hook's promise: the thread waits inside its transaction until it settles.
        if (answer instanceof Promise) answer.then(() => reply(), (err: unknown) => reply(err ?? new Error("fault")));
        else reply();
        return;
      }
      if (msg.type === "begin") {
        if (live.lost) return;
        live.writing = msg.job;
        this.writers.add(live);
        live.worker.postMessage({ type: "go", job: msg.job } satisfies ToThread);
        return;
      }
      if (live.writing === msg.job) this.doneWriting(live);
      const save = live.saves.get(msg.job);
      if (!save) return;
      live.saves.delete(msg.job);
      if (msg.type === "saved") save.resolve();
      else if (msg.type === "text") save.resolve(msg.bytes);
      else save.reject(new Error(msg.message));
    });
    // An error comes before the exit: the saves fail then, but the thread (its connection, and
    // the lock of a transaction it was in) is gone only at the exit.
    worker.on("error", (err) => lose(live, new Error(`the result thread stopped (${err.message.split("\n")[0]})`)));
    worker.on("exit", (code) => {
      lose(live, new Error(`the result thread stopped (exit code ${code})`));
      this.doneWriting(live);
    });
    return live;
  }
}

/**
 * The buffers of the typed arrays in `value` and its objects two levels down (a summary's
 * packed KPIs, weekly series and histograms), each once, that a typed array covers whole: those
 * can be moved to another thread.
 */
function ownBuffers(value: object): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) found.add(v.buffer);
    } else if (v && typeof v === "object" && depth > 0) for (const x of Object.values(v)) visit(x, depth - 1);
  };
  visit(value, 3);
  return [...found];
}

function lose(live: Live, err: Error): void {
  if (live.lost) return;
  live.lost = err;
  for (const s of live.saves.values()) s.reject(err);
  live.saves.clear();
}

/** One run's share of the result thread: sinks for its experiments, then its save (or drop). */
export class ResultJob {
  private ended = false;

  /** @internal */
  constructor(
    private readonly job: number,
    private readonly live: Live,
    private readonly send: (msg: ToThread, transfer?: readonly ArrayBuffer[]) => void,
  ) {}

  /**
   * The sink of model m's summaries (for runExperimentsInto, or runUntilPrecisionInto with
   * `replications` null): each is posted to the thread.
   */
  sink(m: number, replications: number | null, meta: ReduceMeta): SummarySink<void> {
    this.send({ type: "sink", job: this.job, m, replications, meta });
    return {
      // The summary's buffers are the sink's once given: moved to the thread, not copied.
      add: (summary) => this.send({ type: "add", job: this.job, m, summary }, ownBuffers(summary)),
      result: () => undefined,
    };
  }

  /** One replication's per-school measures of model m (in replication order). */
  measures(measures: GroupMeasures[], m: number): void {
    this.send({ type: "measures", job: this.job, m, measures });
  }

  /**
   * Builds the stored result from `recipe` and the summaries, and saves it as run `runId`'s,
   * whole or not at all (see RunStore.saveResult).
   * @throws (rejects) Error with the store's message when it is not saved (the run no longer
   *   running, a database error) or when the thread stops.
   */
  save(runId: string, recipe: PackedRecipe): Promise<void> {
    if (this.ended) return Promise.reject(new Error("result job: already saved or dropped"));
    this.ended = true;
    if (this.live.lost) return Promise.reject(this.live.lost);
    return new Promise<void>((resolve, reject) => {
      this.live.saves.set(this.job, { resolve: () => resolve(), reject });
      this.send({ type: "save", job: this.job, runId, recipe });
    });
  }

  /** Forgets the run's summaries on the thread (it failed or was cancelled). */
  drop(): void {
    if (this.ended) return;
    this.ended = true;
    this.send({ type: "drop", job: this.job });
  }
}
