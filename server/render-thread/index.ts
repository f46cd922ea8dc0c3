/**
 * The server's render thread: where finished runs' charts and reports are drawn, off the event
 * loop. The event loop finds the run, posts the request and sends back the bytes; the thread
 * reads the run's stored result on its own SQLite connection, parses it (tens of megabytes for a
 * national run: a second or more), keeps it and the SVGs, and draws the chart list, the exports
 * (SVG with Vega, PNG with resvg, CSV with arquero) and the report (HTML, JSON, Word,
 * PowerPoint). `/api/health` and the other requests go on being answered meanwhile. A thread
 * that stops (a crash, memory) fails its requests with a 503 and the next request starts another.
 */
import { Worker } from "node:worker_threads";
import { HttpError } from "../http/errors.js";
import type { ResultCache } from "../result-cache.js";
import type { FromThread, RenderRequest, Rendered, ThreadData, ToThread, WireError } from "./protocol.js";
import { fromWire } from "./send.js";

export type { ExtraFigures, RenderRequest, Rendered, ReportFormat } from "./protocol.js";
export { sendRendered } from "./send.js";

/** Draws a run's chart and report requests (see {@link RenderThread} and {@link renderHere}). */
export interface Renderer {
  /**
   * The answer to one request.
   * @throws (rejects) HttpError as the drawing gives it (404, 409), 503 when the thread stopped
   *   meanwhile; another error (a 500) as thrown where it was drawn.
   */
  render(request: RenderRequest): Promise<Rendered>;
}

/**
 * Test hook: called on the event loop as the thread begins each request (with its kind); the
 * thread waits until the returned promise settles before it draws.
 */
export type RenderHook = (op: RenderRequest["op"]) => void | Promise<void>;

/**
 * Draws on the calling thread, from `cache`: the server's way where there is no render thread
 * (an in-memory database has no second connection). Same code, same bytes as the thread.
 * @example const renderer = renderHere(cache);
 */
export function renderHere(cache: ResultCache): Renderer {
  // The drawing code loads with the first request: the server starts without it.
  return { render: async (request) => (await import("./work.js")).renderWork(request, cache) };
}

function threadScriptUrl(): URL {
  // Under the test runner this module is TypeScript source: the thread runs the compiled one.
  return import.meta.url.endsWith(".ts") ? new URL("../../dist/server/render-thread/thread.js", import.meta.url) : new URL("./thread.js", import.meta.url);
}

/** Options of {@link RenderThread}. */
export interface RenderThreadOptions {
  /** Test hook: the thread waits for it before each request (see RenderHook). */
  readonly hook?: RenderHook;
  /** Requests drawn or waiting at once; beyond it a request gets 503 with Retry-After (default 16). */
  readonly queueLimit?: number;
  /** Heap limit of the thread in MB (default 2048): a request needing more gets 503 and the thread is replaced. */
  readonly heapMb?: number;
}

/** Requests the render thread holds at once by default (RENDER_QUEUE_LIMIT). */
export const DEFAULT_RENDER_QUEUE_LIMIT = 16;

/** The render thread's heap limit in MB by default (RENDER_HEAP_MB). */
export const DEFAULT_RENDER_HEAP_MB = 2048;

/** A 503 because the render thread holds as many requests as it may: the answer says when to ask again. */
export class RenderBusyError extends HttpError {
  override readonly retryAfter = 5;
  constructor(message: string) {
    super(503, message);
  }
}

interface Live {
  readonly worker: Worker;
  /** Requests not yet answered, by job. */
  readonly pending: Map<number, { resolve: (r: Rendered) => void; reject: (err: Error) => void }>;
  lost?: boolean;
}

/**
 * Starts (with the first request, or {@link warm}) and keeps one render thread reading the
 * database `file`; replaces it when it stops.
 * @example const renders = new RenderThread("./data/mhst.sqlite"); const { body } = await renders.render({ op: "list", run });
 */
export class RenderThread implements Renderer {
  private live: Live | undefined;
  private nextJob = 1;
  private closed = false;
  private readonly hook: RenderHook | undefined;
  private readonly queueLimit: number;
  private readonly heapMb: number;

  constructor(
    private readonly file: string,
    options: RenderThreadOptions = {},
  ) {
    this.hook = options.hook;
    this.queueLimit = options.queueLimit ?? DEFAULT_RENDER_QUEUE_LIMIT;
    this.heapMb = options.heapMb ?? DEFAULT_RENDER_HEAP_MB;
  }

  /** Requests posted and not yet answered. */
  get waiting(): number {
    return this.live && !this.live.lost ? this.live.pending.size : 0;
  }

  render(request: RenderRequest): Promise<Rendered> {
    if (this.closed) return Promise.reject(new HttpError(503, "the server is shutting down"));
    if (this.waiting >= this.queueLimit) {
      return Promise.reject(new RenderBusyError(`the chart thread is busy (${this.waiting} charts or reports being drawn, limit ${this.queueLimit}): try again shortly`));
    }
    const live = this.thread();
    const job = this.nextJob++;
    return new Promise((resolve, reject) => {
      live.pending.set(job, { resolve, reject });
      live.worker.postMessage({ type: "render", job, request } satisfies ToThread);
    });
  }

  /** Makes the thread forget a deleted run (its parsed result and SVGs). */
  forget(runId: string): void {
    if (this.live && !this.live.lost) this.live.worker.postMessage({ type: "forget", runId } satisfies ToThread);
  }

  /** Starts the thread ahead of the first request (the server's preload). */
  warm(): void {
    if (!this.closed) this.thread();
  }

  /** Whether a thread is running now. */
  get started(): boolean {
    return this.live !== undefined && !this.live.lost;
  }

  /** Stops the thread; requests not yet answered get a 503. */
  async close(): Promise<void> {
    this.closed = true;
    const live = this.live;
    this.live = undefined;
    if (!live) return;
    lose(live, new HttpError(503, "the server is shutting down"));
    await live.worker.terminate();
  }

  private thread(): Live {
    if (this.live && !this.live.lost) return this.live;
    const data: ThreadData = { file: this.file, hold: this.hook !== undefined };
    // A request that needs more than the heap limit stops the thread (503 below), not the server.
    const worker = new Worker(threadScriptUrl(), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    worker.unref();
    const live: Live = { worker, pending: new Map() };
    this.live = live;
    worker.on("message", (msg: FromThread) => {
      if (msg.type === "hold") {
        const go = () => void (live.lost || live.worker.postMessage({ type: "go", job: msg.job } satisfies ToThread));
        void Promise.resolve()
          .then(() => this.hook?.(msg.op))
          .then(go, go);
        return;
      }
      const p = live.pending.get(msg.job);
      if (!p) return;
      live.pending.delete(msg.job);
      if (msg.type === "rendered") p.resolve(fromWire(msg.rendered));
      else p.reject(fromWireError(msg.error));
    });
    const stopped = (message: string) => {
      lose(live, new HttpError(503, message));
      if (this.live === live) this.live = undefined;
    };
    worker.on("error", (err) =>
      stopped(
        (err as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `the chart thread ran out of memory while drawing this (more than RENDER_HEAP_MB=${this.heapMb} MB); the server goes on with a new thread`
          : `the chart thread stopped while drawing this (${err.message.split("\n")[0]}): try again`,
      ),
    );
    worker.on("exit", (code) => stopped(`the chart thread stopped while drawing this (exit code ${code}): try again`));
    return live;
  }
}

function lose(live: Live, err: Error): void {
  if (live.lost) return;
  live.lost = true;
  for (const p of live.pending.values()) p.reject(err);
  live.pending.clear();
}

/** The thread's error as the error handler reads it: an HttpError, or an Error with the thread's message, stack and code. */
function fromWireError(e: WireError): Error {
  if (e.kind === "http") return new HttpError(e.status, e.message, e.issues);
  const err = new Error(e.message) as Error & { code?: string };
  if (e.stack) err.stack = e.stack;
  if (e.code) err.code = e.code;
  return err;
}
