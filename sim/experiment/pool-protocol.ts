/**
 * Messages between {@link ExperimentPool} and its worker threads. Everything is structured-
 * cloneable plain data.
 */
import type { RunRecords } from "../model/records.js";
import type { FairnessGroup, GroupMeasures } from "./fairness.js";
import type { PostedSummary } from "./summary-keys.js";
import type { ScopeKind } from "./types.js";

/**
 * A function a worker thread applies to each replication's records, where they are, so that
 * only what it gives crosses to the calling thread: exported as `name` by the ES module at
 * URL `module`, called as `fn(records, arg)`; `arg` and the value it gives are plain data.
 */
export interface RecordsReducer {
  readonly module: string;
  readonly name: string;
  readonly arg: unknown;
}

/** One replication to run. */
export interface WorkerTask {
  readonly id: number;
  /** Identifies the model; `modelBytes` or `model` is sent only when the worker does not hold it already. */
  readonly modelKey: number;
  /** The model, serialised with `v8.serialize` (in shared memory: posting it copies nothing). */
  readonly modelBytes?: Uint8Array;
  /** The model itself, when it holds shared memory (which serialising would copy). */
  readonly model?: unknown;
  readonly seed: number;
  readonly replication: number;
  /** `pilot`: only the weekly service waiting list (automatic warm-up); `summary`: KPIs and series. */
  readonly kind: "summary" | "pilot";
  readonly warmupWeeks: number;
  /** Scope kinds whose KPIs the summary holds. */
  readonly scopes: readonly ScopeKind[];
  /** Also post the full records back (only for writing them out). */
  readonly keepRecords: boolean;
  /** School groups whose fairness measures the worker computes from the records and posts back. */
  readonly groups?: readonly FairnessGroup[];
  /** The groups of the worker's previous task again (not sent a second time). */
  readonly sameGroups?: true;
  /** Applied to the records; its value is posted back as `reduced` (see {@link RecordsReducer}). */
  readonly reduce?: RecordsReducer;
}

/** A task's answer. */
export type WorkerReply =
  | {
      readonly type: "result";
      readonly id: number;
      /**
       * The replication's summary; worker threads pack its KPIs (see `packSummary`) and send
       * its key lists only when they change (see `SummaryKeys`).
       */
      readonly summary?: PostedSummary;
      readonly waitlist?: number[];
      readonly records?: RunRecords;
      /** The measures of each of the task's `groups`, in their order. */
      readonly groupMeasures?: GroupMeasures[];
      /** What the task's `reduce` gave for the records. */
      readonly reduced?: unknown;
    }
  | { readonly type: "error"; readonly id: number; readonly message: string; readonly stack?: string };
