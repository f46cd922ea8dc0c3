/**
 * Replication blocks: the unit of work on the Redis queue. A block is one model (a scenario
 * with its overrides applied), one seed and a range of replication indices, for one kind of
 * run (KPI summaries, or the pilot runs of the automatic warm-up). A block names its model by
 * hash; the model itself is written to Redis once per run ({@link modelKey}), not into every
 * block, and each worker reads it once.
 */
import { createHash } from "node:crypto";
import { serialize } from "node:v8";
import type { PoolJob, ScopeKind } from "../sim/experiment/index.js";
import { SCOPE_KINDS } from "../sim/experiment/types.js";
import { encode } from "./codec.js";

/** A block as a queue job's data (plain JSON). */
export interface BlockData {
  /** Code version of the submitter ({@link codeVersion}); a worker of another version refuses the block. */
  readonly version: string;
  /** The scenario's name, for log lines. */
  readonly scenario: string;
  /** SHA-256 of the serialised model: the scenario with its overrides applied (the model is at {@link modelKey}). */
  readonly modelHash: string;
  readonly seed: number;
  /** First replication index of the block. */
  readonly first: number;
  /** Replications in the block: indices first .. first + count − 1. */
  readonly count: number;
  readonly kind: PoolJob["kind"];
  readonly warmupWeeks: number;
  readonly scopes: readonly ScopeKind[];
}

/** A planned block: its deterministic job id, its data, its packed model, and the pool jobs (by index) it stands for. */
export interface PlannedBlock {
  readonly jobId: string;
  readonly data: BlockData;
  /** The model, packed by {@link encode} (one string shared by the blocks of one model), to be stored at {@link modelKey}. */
  readonly model: string;
  /** Index of the block's first job in the submitted job list; its jobs are start .. start + count − 1. */
  readonly start: number;
}

/**
 * The Redis key a block's model is stored under, outside the queue's own keys.
 * @example modelKey("9c1d…") // "mhst-blocks:model:9c1d…"
 */
export function modelKey(modelHash: string): string {
  return `mhst-blocks:model:${modelHash}`;
}

/**
 * The job id of a block: a hash of everything its results depend on (code version, model,
 * seed, kind, warm-up, scopes, replication range), so that submitting the same block twice
 * names the same job and the queue keeps one.
 * @example blockId(data) // "blk-9c1d…" (32 hex digits)
 */
export function blockId(data: BlockData): string {
  const key = JSON.stringify([data.version, data.modelHash, data.seed, data.kind, data.warmupWeeks, data.scopes, data.first, data.count]);
  return `blk-${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
}

/**
 * Near the end of a submission a block holds at most this share of the replications still to
 * hand out (1 / TAPER_SHARE), so the last blocks shrink to one replication: a worker that finds
 * the queue empty then waits for its colleagues' last single replications, not for a whole block
 * that one of them holds (each worker takes a block more than it has threads).
 */
export const TAPER_SHARE = 8;

/**
 * The most replications a block that starts with `left` jobs still to hand out may hold:
 * `blockSize` while plenty are left, then an eighth of what is left, down to one.
 * @example blockCap(100, 4) // 4
 * @example blockCap(12, 4) // 2
 */
export function blockCap(left: number, blockSize: number): number {
  return Math.max(1, Math.min(blockSize, Math.ceil(left / TAPER_SHARE)));
}

/**
 * Cuts pool jobs into blocks of consecutive replications of the same model, seed, kind,
 * warm-up and scopes, in job order: at most `blockSize` each, fewer towards the end (see
 * {@link blockCap}). The cut depends only on the jobs and `blockSize`, so a resubmission names
 * the same blocks. Each distinct model object is packed and hashed once.
 *
 * @throws RangeError when `blockSize` is not a whole number >= 1, or a job asks for its
 *   records (they are not sent through the queue).
 * @example planBlocks(jobs, 4, codeVersion()).map((b) => b.data.count) // 100 jobs of one model: nineteen 4s, then 3 3 3 2 2 2 2 and seven 1s
 */
export function planBlocks(jobs: readonly PoolJob[], blockSize: number, version: string): PlannedBlock[] {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`planBlocks: block size ${blockSize} must be a whole number >= 1`);
  const packed = new Map<object, { model: string; modelHash: string }>();
  const pack = (model: object) => {
    let p = packed.get(model);
    if (!p) {
      p = { model: encode(model), modelHash: createHash("sha256").update(serialize(model)).digest("hex") };
      packed.set(model, p);
    }
    return p;
  };
  const blocks: PlannedBlock[] = [];
  let open: { start: number; job: PoolJob; count: number; cap: number } | null = null;
  const close = () => {
    if (!open) return;
    const { job, start, count } = open;
    const { model, modelHash } = pack(job.model);
    const data: BlockData = {
      version,
      scenario: String((job.model as { name?: unknown }).name ?? ""),
      modelHash,
      seed: job.seed,
      first: job.replication,
      count,
      kind: job.kind,
      warmupWeeks: job.warmupWeeks,
      scopes: [...(job.scopes ?? SCOPE_KINDS)],
    };
    blocks.push({ jobId: blockId(data), data, model, start });
    open = null;
  };
  jobs.forEach((job, i) => {
    if (job.keepRecords) throw new RangeError("planBlocks: records are not sent through the queue (keepRecords must be false)");
    const o = open;
    const joins =
      o !== null &&
      o.count < o.cap &&
      job.model === o.job.model &&
      job.seed === o.job.seed &&
      job.kind === o.job.kind &&
      job.warmupWeeks === o.job.warmupWeeks &&
      String(job.scopes ?? SCOPE_KINDS) === String(o.job.scopes ?? SCOPE_KINDS) &&
      job.replication === o.job.replication + o.count;
    if (joins) o.count++;
    else {
      close();
      open = { start: i, job, count: 1, cap: blockCap(jobs.length - i, blockSize) };
    }
  });
  close();
  return blocks;
}

/**
 * The pool jobs of a block, as a worker runs them on its own threads.
 * @example blockJobs(block.data, model).length === block.data.count
 */
export function blockJobs(data: BlockData, model: object): PoolJob[] {
  return Array.from({ length: data.count }, (_, k) => ({
    model,
    seed: data.seed,
    replication: data.first + k,
    kind: data.kind,
    warmupWeeks: data.warmupWeeks,
    scopes: data.scopes,
    keepRecords: false,
  }));
}
