// A thread-setup module for the experiment pool: runs the thread at nice 7 (the compiled helper).
import { lowerThreadPriority } from "../../dist/server/thread-priority.js";

lowerThreadPriority(7);
