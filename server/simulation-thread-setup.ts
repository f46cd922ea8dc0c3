/**
 * Imported by each of the server's simulation threads when it starts (the experiment pool's
 * `threadSetup`): the thread runs below the event loop, which answers requests.
 */
import { lowerThreadPriority, SERVER_THREAD_NICE } from "./thread-priority.js";

lowerThreadPriority(SERVER_THREAD_NICE);
