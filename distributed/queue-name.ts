/** What the submitting side and the workers agree on: the queue's name and a block's answer. */

/** Name of the BullMQ queue of replication blocks. */
export const QUEUE_NAME = "mhst-blocks";

/** A finished block's return value (JSON). */
export interface BlockReturn {
  /** Code version of the worker that ran it (always the block's own). */
  readonly version: string;
  /** `host:pid` of the worker process. */
  readonly worker: string;
  /** The block's pool results, in replication order, packed by {@link encode}. */
  readonly results: string;
}
