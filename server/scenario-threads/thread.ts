/**
 * Entry of a scenario thread: loads and checks scenarios sent by {@link ScenarioThreads}, so
 * that parsing and validating a large or slow scenario never holds up the server's event loop.
 * Answers `{ id, ok: true, value }` or `{ id, ok: false, error }` with the HttpError's parts.
 * A prepared run's model bytes sit in shared memory: the event loop is given them, not a copy.
 */
import { parentPort } from "node:worker_threads";
import { lowerThreadPriority, SERVER_THREAD_NICE } from "../thread-priority.js";
import { HttpError } from "../http/errors.js";
import type { ThreadRequest } from "./work.js";
import type { ThreadAnswer } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("server/scenario-threads/thread.js runs as a worker thread");
// Below the event loop, as the simulation threads: a long check must not take its core. Set
// before the scenario code loads (requests sent meanwhile wait on the port), so that a thread
// starting up does not take the event loop's core either.
lowerThreadPriority(SERVER_THREAD_NICE);
const { doScenarioWork } = await import("./work.js");

port.on("message", ({ id, request }: { id: number; request: ThreadRequest }) => {
  let answer: ThreadAnswer;
  try {
    answer = { id, ok: true, value: doScenarioWork(request) };
  } catch (err) {
    answer =
      err instanceof HttpError
        ? { id, ok: false, error: { status: err.status, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } }
        : { id, ok: false, error: { status: 500, message: err instanceof Error ? err.message : String(err) } };
  }
  port.postMessage(answer);
});
