/**
 * Scheduling priority of a worker thread. A server's simulation threads run below its event
 * loop, so that on a machine with few cores the loop still gets a core when a request comes in
 * (health checks, progress events) while replications run. On Linux a thread has a nice value
 * of its own, set through its thread id (read from /proc/thread-self); elsewhere the threads
 * keep the process's priority.
 */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * Sets the calling thread's nice value (0 normal, up to 19 lowest).
 * @returns whether the priority was set (false off Linux, or when the system refuses).
 * @example lowerThreadPriority(10)
 */
export function lowerThreadPriority(nice: number): boolean {
  if (process.platform !== "linux") return false;
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}

/** Nice value of the server's simulation, scenario and result threads: below its event loop. */
export const SERVER_THREAD_NICE = 10;
