/**
 * The server's scenario threads: a few worker threads that parse, validate and check scenario
 * text for the API, so that no request, however large its scenario, holds up the event loop
 * (`/api/health`, progress events and other requests go on answering meanwhile). A thread that
 * runs out of memory on a scenario answers that request with a 422 and is replaced.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { HttpError } from "../http/errors.js";
import type { EditRequest, Loaded, LoadRequest, UncertaintyRequest } from "./load.js";
import type { PreparedScenario, PreparedSide, PrepareRunRequest, PrepareSideRequest } from "./prepare-run.js";
import type { ThreadAnswer } from "./protocol.js";
import type { BacktestRequest, Calibrated, CalibrateRequest, PreparedBacktest } from "../calibrate-work.js";
import type { ThreadRequest, ThreadResults } from "./work.js";

export type { ApiWarning, EditRequest, Loaded, LoadRequest, UncertaintyRequest } from "./load.js";
export type { PreparedScenario, PreparedSide, PrepareRunRequest, PrepareSideRequest, SideChecks } from "./prepare-run.js";

/** Options of {@link ScenarioThreads}. */
export interface ScenarioThreadOptions {
  /** Threads at most (default min(2, cores)); 0 loads on the calling thread (tests, tools). */
  readonly threads?: number;
  /** Loads waiting for a thread before further ones get a 503 (default 64). */
  readonly queueLimit?: number;
  /** Heap limit of a thread in MB (default 1024): a scenario needing more is refused. */
  readonly heapMb?: number;
}

function threadScriptUrl(): URL {
  // Under the test runner this module is TypeScript source: the thread runs the compiled one.
  return import.meta.url.endsWith(".ts") ? new URL("../../dist/server/scenario-threads/thread.js", import.meta.url) : new URL("./thread.js", import.meta.url);
}

interface Pending {
  readonly id: number;
  readonly request: ThreadRequest;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  job?: Pending;
}

/**
 * Loads scenarios on worker threads, one at a time per thread, the rest waiting in order.
 * @example const threads = new ScenarioThreads(); const { model } = await threads.load({ text, file: "request", overrides: [] });
 */
export class ScenarioThreads {
  private readonly max: number;
  private readonly queueLimit: number;
  private readonly heapMb: number;
  private readonly threads: Thread[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ScenarioThreadOptions = {}) {
    this.max = options.threads ?? Math.min(2, availableParallelism());
    this.queueLimit = options.queueLimit ?? 64;
    this.heapMb = options.heapMb ?? 1024;
  }

  /**
   * Loads and checks a scenario off the event loop.
   * @throws (rejects) HttpError: the scenario's 400s; 422 when loading it needs more memory than
   *   a thread has; 503 when too many loads wait or the server is shutting down.
   */
  load(request: LoadRequest): Promise<Loaded> {
    return this.work({ op: "load", ...request });
  }

  /**
   * Loads, checks and packs a run's scenario off the event loop (see prepareRunForApi): the
   * event loop gets the model as bytes in shared memory (not copied) and its shape.
   * @throws (rejects) HttpError as {@link load}, and 400 or 422 from the run's checks.
   */
  prepareRun(request: PrepareRunRequest): Promise<PreparedScenario> {
    return this.work({ op: "run", ...request });
  }

  /**
   * Loads, checks and packs one scenario of a comparison or solve off the event loop (see
   * prepareSideForApi), with what the run's checks need of it.
   * @throws (rejects) HttpError as {@link load}.
   */
  prepareSide(request: PrepareSideRequest): Promise<PreparedSide> {
    return this.work({ op: "side", ...request });
  }

  /** Sets fields in scenario text off the event loop (the editor's form). @throws (rejects) HttpError as {@link load}. */
  edit(request: EditRequest): Promise<string> {
    return this.work({ op: "edit", ...request });
  }

  /** Reads scenario text's uncertainty block off the event loop. @throws (rejects) HttpError as {@link load}. */
  uncertainty(request: UncertaintyRequest): Promise<ThreadResults["uncertainty"]> {
    return this.work({ op: "uncertainty", ...request });
  }

  /** Fits a catalog scenario to activity data off the event loop (see calibrateForApi). @throws (rejects) HttpError 400 as the CSV or scenario gives it. */
  calibrate(request: CalibrateRequest): Promise<Calibrated> {
    return this.work({ op: "calibrate", ...request });
  }

  /** Sets a back-test up off the event loop, its model packed (see backtestForApi). @throws (rejects) HttpError 400 as the CSV or scenario gives it. */
  backtest(request: BacktestRequest): Promise<PreparedBacktest> {
    return this.work({ op: "backtest", ...request });
  }

  private work<K extends ThreadRequest["op"]>(request: ThreadRequest & { op: K }): Promise<ThreadResults[K]> {
    if (this.max === 0) return import("./work.js").then((m) => m.doScenarioWork(request) as ThreadResults[K]);
    if (this.closed) return Promise.reject(new HttpError(503, "the server is shutting down"));
    if (this.waiting.length >= this.queueLimit) {
      return Promise.reject(new HttpError(503, `the server is busy checking scenarios (${this.waiting.length} waiting, limit ${this.queueLimit}): try again shortly`));
    }
    return new Promise<ThreadResults[K]>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, request, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /**
   * Starts every thread ahead of the first request, so that each has loaded the scenario code
   * and none is started (on the event loop) during a burst of requests.
   */
  warm(): void {
    while (!this.closed && this.threads.length < this.max) this.spawn();
  }

  /** Threads running now. */
  get running(): number {
    return this.threads.length;
  }

  /** Stops the threads; loads not yet answered get a 503. */
  async close(): Promise<void> {
    this.closed = true;
    const gone = new HttpError(503, "the server is shutting down");
    for (const p of this.waiting.splice(0)) p.reject(gone);
    const threads = this.threads.splice(0);
    for (const t of threads) t.job?.reject(gone);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      let idle = this.threads.find((t) => !t.job);
      if (!idle && this.threads.length < this.max) idle = this.spawn();
      if (!idle) return;
      const job = this.waiting.shift()!;
      idle.job = job;
      idle.worker.postMessage({ id: job.id, request: job.request });
    }
  }

  private spawn(): Thread {
    const worker = new Worker(threadScriptUrl(), { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    worker.unref();
    const thread: Thread = { worker };
    this.threads.push(thread);
    worker.on("message", (answer: ThreadAnswer) => {
      const job = thread.job;
      if (!job || job.id !== answer.id) return;
      thread.job = undefined;
      if (answer.ok) job.resolve(answer.value);
      else job.reject(new HttpError(answer.error.status, answer.error.message, answer.error.issues));
      this.dispatch();
    });
    const lost = (err: Error | undefined) => {
      const at = this.threads.indexOf(thread);
      if (at < 0) return;
      this.threads.splice(at, 1);
      const job = thread.job;
      thread.job = undefined;
      if (job) {
        const oom = (err as { code?: string } | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY";
        const message = oom
          ? `scenario: checking it needed more than the ${this.heapMb} MB a scenario may take: make it smaller (fewer schools, teams or overrides)`
          : `the scenario thread stopped while loading the scenario${err ? ` (${err.message})` : ""}`;
        job.reject(new HttpError(oom ? 422 : 500, message));
      }
      if (!this.closed) this.dispatch();
    };
    worker.on("error", (err) => lost(err));
    worker.on("exit", () => lost(undefined));
    return thread;
  }
}
