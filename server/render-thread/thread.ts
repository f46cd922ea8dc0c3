/**
 * Entry of the render thread (compiled to dist/server/render-thread/thread.js and started by
 * RenderThread). The thread runs below the event loop, as the simulation, scenario and result
 * threads: drawing a report must not take the core that answers requests. The priority is set
 * before the thread's code (the SQLite driver, the chart builders) loads, so that a thread
 * starting up does not take that core either; requests sent meanwhile wait on the port.
 */
import { lowerThreadPriority, SERVER_THREAD_NICE } from "../thread-priority.js";

lowerThreadPriority(SERVER_THREAD_NICE);
await import("./thread-body.js");
