import { EventEmitter } from "node:events";

/** What a job reports while it runs. */
export interface JobContext {
  /** Aborted when the queue closes or the job is cancelled. */
  readonly signal: AbortSignal;
  /** Reports progress (e.g. replications finished of total). */
  progress(done: number, total: number): void;
}

/** A unit of work; the heavy part must run off the main thread (the experiment layer's worker pool). */
export type JobWork = (ctx: JobContext) => Promise<void>;

/** Events a job emits, keyed by job id, for server-sent events. */
export type JobEvent =
  | { readonly type: "queued"; readonly position: number }
  | { readonly type: "started" }
  | { readonly type: "progress"; readonly done: number; readonly total: number }
  | { readonly type: "finished"; readonly status: "done" | "failed" | "cancelled"; readonly error?: string };

/** Thrown by {@link JobQueue.submit} when the queue is full. */
export class QueueFullError extends Error {
  override readonly name = "QueueFullError";
}

interface Pending {
  readonly id: string;
  readonly work: JobWork;
  readonly controller: AbortController;
}

/**
 * A bounded FIFO job queue: at most `concurrency` jobs run at once and at most `limit` wait.
 * Jobs start on a later tick, never inside the submitting request. Each job's events go to
 * listeners of `events` under the job id.
 * @example queue.submit("r1", async ({ progress }) => { ... });
 */
export class JobQueue {
  /** Emits `(event: JobEvent)` under each job's id. */
  readonly events = new EventEmitter();
  private readonly waiting: Pending[] = [];
  private readonly running = new Map<string, Pending>();
  private closed = false;

  constructor(
    readonly concurrency: number,
    readonly limit: number,
  ) {
    if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError(`JobQueue: concurrency ${concurrency} must be a whole number >= 1`);
    if (!(Number.isInteger(limit) && limit >= 0)) throw new RangeError(`JobQueue: limit ${limit} must be a whole number >= 0`);
    this.events.setMaxListeners(0);
  }

  /** Jobs running now. */
  get active(): number {
    return this.running.size;
  }

  /** Jobs waiting to start. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Whether a submit would be refused now. */
  get full(): boolean {
    return this.closed || this.waiting.length >= this.limit + Math.max(0, this.concurrency - this.running.size);
  }

  /**
   * Queues a job.
   * @throws QueueFullError when `limit` jobs already wait (or the queue is closed).
   */
  submit(id: string, work: JobWork): void {
    this.assertRoom();
    this.waiting.push({ id, work, controller: new AbortController() });
    this.emit(id, { type: "queued", position: this.waiting.length });
    setImmediate(() => this.pump());
  }

  /** @throws QueueFullError when a submit would be refused now. */
  assertRoom(): void {
    if (this.closed) throw new QueueFullError("the server is shutting down: no new runs");
    if (this.full) throw new QueueFullError(`the run queue is full (${this.running.size} running, ${this.waiting.length} waiting, limit ${this.limit}): try again when a run finishes`);
  }

  /** Cancels a waiting or running job. @returns false when the queue does not hold it. */
  cancel(id: string): boolean {
    const i = this.waiting.findIndex((p) => p.id === id);
    if (i >= 0) {
      const [p] = this.waiting.splice(i, 1);
      p.controller.abort();
      this.emit(id, { type: "finished", status: "cancelled", error: "cancelled before it started" });
      return true;
    }
    const r = this.running.get(id);
    if (!r) return false;
    r.controller.abort();
    return true;
  }

  /** Stops taking jobs and aborts the running ones; waiting jobs are dropped. */
  close(): void {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.controller.abort();
    for (const r of this.running.values()) r.controller.abort();
  }

  private emit(id: string, event: JobEvent): void {
    this.events.emit(id, event);
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running.set(job.id, job);
      this.emit(job.id, { type: "started" });
      const ctx: JobContext = {
        signal: job.controller.signal,
        progress: (done, total) => this.emit(job.id, { type: "progress", done, total }),
      };
      job
        .work(ctx)
        .then(
          () => this.emit(job.id, { type: "finished", status: job.controller.signal.aborted ? "cancelled" : "done" }),
          (err: unknown) =>
            this.emit(job.id, {
              type: "finished",
              status: job.controller.signal.aborted ? "cancelled" : "failed",
              error: err instanceof Error ? err.message : String(err),
            }),
        )
        .finally(() => {
          this.running.delete(job.id);
          setImmediate(() => this.pump());
        });
    }
  }
}
