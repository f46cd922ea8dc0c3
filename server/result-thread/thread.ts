/**
 * Entry of the result thread (compiled to dist/server/result-thread/thread.js and started by
 * ResultThread). The thread runs below the event loop, as the simulation and scenario threads:
 * building and saving a result must not take the core that answers requests. The priority is
 * set before the thread's code (the SQLite driver, the reducers) loads, so that a thread
 * starting up does not take that core either; messages sent meanwhile wait on the port.
 */
import { lowerThreadPriority, SERVER_THREAD_NICE } from "../thread-priority.js";

lowerThreadPriority(SERVER_THREAD_NICE);
await import("./work.js");
