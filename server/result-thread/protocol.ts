/**
 * Messages between the event loop and the result thread (see ResultThread). Everything is
 * structured-cloneable plain data; each job's messages arrive in the order they were posted.
 */
import type { GroupMeasures } from "../../sim/experiment/fairness.js";
import type { ReduceMeta } from "../../sim/experiment/reduce.js";
import type { PackedReplicationSummary, ReplicationSummary } from "../../sim/experiment/types.js";
import type { RunShape } from "../run-shape.js";
import type { PackedRecipe } from "../stored-result.js";
import type { FaultHook } from "../storage/run-store.js";
import type { MessagePort } from "node:worker_threads";

/** What the event loop asks of the result thread. */
export type ToThread =
  /** A run's models' shapes; their `schools` when per-school results are kept, else `note` says why not. */
  | { readonly type: "open"; readonly job: number; readonly models: readonly RunShape[]; readonly note: string | null }
  /**
   * Model m's replications start: `replications` of them, summarised under `meta`; null when
   * their number is known only at the save (replications until a precision is reached).
   */
  | { readonly type: "sink"; readonly job: number; readonly m: number; readonly replications: number | null; readonly meta: ReduceMeta }
  | { readonly type: "add"; readonly job: number; readonly m: number; readonly summary: ReplicationSummary | PackedReplicationSummary }
  | { readonly type: "measures"; readonly job: number; readonly m: number; readonly measures: GroupMeasures[] }
  /** Build the result and save it as run `runId`'s (the job then ends); the recipe's parts are unpacked on the thread. */
  | { readonly type: "save"; readonly job: number; readonly runId: string; readonly recipe: PackedRecipe }
  /** Forget the job (its run failed or was cancelled). */
  | { readonly type: "drop"; readonly job: number }
  /** Read run `runId`'s saved result text (answered with `text`, out of turn: not after the saves waiting). */
  | { readonly type: "read"; readonly job: number; readonly runId: string }
  /** The answer to `begin`: the job's transaction may begin (the event loop now holds back its own writes). */
  | { readonly type: "go"; readonly job: number };

/** What the result thread answers. `fault`: a test's fault hook is to run at this stage of the save. */
export type FromThread =
  /**
   * The job's result is built and its transaction is to begin: the thread waits for `go`, then
   * holds the database's write lock until it answers `saved` or `failed`.
   */
  | { readonly type: "begin"; readonly job: number }
  | { readonly type: "saved"; readonly job: number }
  /** A `read`'s answer: the result JSON text as UTF-8 bytes (their buffer transferred), or null when there is none. */
  | { readonly type: "text"; readonly job: number; readonly bytes: Uint8Array | null }
  | { readonly type: "failed"; readonly job: number; readonly message: string }
  | { readonly type: "fault"; readonly stage: Parameters<FaultHook>[0] };

/** The thread's start-up data. */
export interface ThreadData {
  /** The database file (the thread opens its own connection). */
  readonly file: string;
  /**
   * Present when a fault hook is set: the thread waits on `flag[0]` after each `fault` message
   * until the event loop has run the hook and put its answer (`{ error?: string }`) on `replies`.
   */
  readonly faults?: { readonly flag: SharedArrayBuffer; readonly replies: MessagePort };
}
