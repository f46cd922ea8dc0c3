/**
 * Body of the render thread (loaded by its entry, thread.ts, which RenderThread starts): reads
 * finished runs' results on its own SQLite connection (WAL lets it read beside the event loop's
 * and the result thread's writes), keeps them parsed with their SVGs, and draws the chart and
 * report requests the event loop posts, so that neither parsing tens of megabytes of JSON nor
 * drawing holds up the server's event loop. Answers move their bytes, without a copy.
 */
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { HttpError } from "../http/errors.js";
import { ResultCache } from "../result-cache.js";
import { RunStore } from "../storage/run-store.js";
import type { FromThread, ThreadData, ToThread, WireError } from "./protocol.js";
import { toWire } from "./send.js";
import { renderWork } from "./work.js";

const { file, hold } = workerData as ThreadData;
const port = parentPort!;

const db = new Database(file, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
// This connection only reads: results are written by the event loop's and the result thread's.
db.pragma("query_only = ON");
const cache = new ResultCache(new RunStore(db));

/** Jobs waiting for the event loop's `go` (a test hook is set). */
const grants = new Map<number, () => void>();

const post = (m: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

function wireError(err: unknown): WireError {
  if (err instanceof HttpError) return { kind: "http", status: err.status, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as { code?: unknown }).code;
  return { kind: "error", message: e.message, stack: e.stack, ...(typeof code === "string" ? { code } : {}) };
}

async function render(msg: Extract<ToThread, { type: "render" }>): Promise<void> {
  try {
    if (hold) {
      await new Promise<void>((resolve) => {
        grants.set(msg.job, resolve);
        post({ type: "hold", job: msg.job, op: msg.request.op });
      });
    }
    const { wire, transfer } = toWire(await renderWork(msg.request, cache));
    post({ type: "rendered", job: msg.job, rendered: wire }, transfer);
  } catch (err) {
    post({ type: "failed", job: msg.job, error: wireError(err) });
  }
}

// Requests are drawn side by side, as the event loop drew them (each awaits its SVGs).
port.on("message", (msg: ToThread) => {
  if (msg.type === "render") void render(msg);
  else if (msg.type === "forget") cache.forget(msg.runId);
  else {
    grants.get(msg.job)?.();
    grants.delete(msg.job);
  }
});
