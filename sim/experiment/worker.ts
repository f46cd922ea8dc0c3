/**
 * Body of an experiment worker thread (compiled to dist/sim/experiment/worker.js and started
 * by {@link ExperimentPool}). It loads the simulator module named in workerData, keeps the
 * model it was last sent, and answers one task message at a time.
 */
import { deserialize, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import { packSummary, serviceWaitlist, summariseReplication } from "./summarise-replication.js";
import type { RecordsReducer, WorkerReply, WorkerTask } from "./pool-protocol.js";
import { groupMeasures } from "./fairness.js";
import { SummaryKeys } from "./summary-keys.js";
import type { RunRecords } from "../model/records.js";
import { handBack } from "../model/scratch.js";
import type { ReplicationSummary, ScopedModel, Simulator } from "./types.js";

const { simulator: simulatorUrl, setup } = workerData as { simulator: string; setup?: string };
if (setup) await import(setup);
const sim = (await import(simulatorUrl)) as Simulator;
let current: { key: number; model: ScopedModel } | null = null;
/** The school groups of the last task that had any (a task repeating them says `sameGroups`). */
let lastGroups: WorkerTask["groups"];
/** The key lists this thread last posted (the pool keeps its copy of them). */
const summaryKeys = new SummaryKeys();

// A run's columns live in typed arrays outside the JS heap (about 150 MiB for national-2025),
// which V8 frees only at its next full collection: often after the following run has
// allocated its own. Collecting after a large run keeps one run's arrays per worker instead
// of two or three. It is not done after small runs: a full collection between runs, when none
// of the run's objects is alive any more, also drops the object shapes that the optimised
// code was built for, so the next few runs go slower (three times slower per run when it
// happens after every run of trailblazer-wave); V8's own collections, which come during a run,
// keep small runs' arrays in check.
// A run's scratch columns are kept from run to run (sim/model/scratch.ts), so a national run
// leaves much less for the collector, and in one thread's national runs the growth test below
// did not fire. National-2025 × 100 on 2 workers took 77.9-78.9 s (once 97.8 s) instead
// of 93.4 s, at 991-1,038 MiB instead of 989-1,014 MiB (see the README's benchmarks).
// A run's other large columns are handed back once read for the last time (handBack in
// sim/model/scratch.ts; below, the summary's series as computed), which a minor collection
// frees: national-2025 × 100 then peaked at 900-938 MiB in four runs, against 965-1,040 MiB.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
const LARGE_RUN_BYTES = 64 * 2 ** 20;
/** Typed-array memory beyond which a worker collects whatever the size of its runs. */
const MAX_HELD_BYTES = 512 * 2 ** 20;

/** Collects after a run that allocated a large share of typed-array memory (`before`: bytes held when it started). */
function collectAfterLargeRun(before: number): void {
  const held = process.memoryUsage().arrayBuffers;
  if (held > MAX_HELD_BYTES || (held > LARGE_RUN_BYTES && held - before > LARGE_RUN_BYTES / 2)) collect();
}

/** Runs one task and posts its answer; the run's memory goes to the next run once it returns. */
function answer(task: WorkerTask): void {
  let reply: WorkerReply;
  let records: RunRecords | null = null;
  /** The summary as computed, before its series were narrowed for posting. */
  let computed: ReplicationSummary | null = null;
  try {
    if (!task.sameGroups) lastGroups = task.groups;
    else if (!lastGroups) throw new Error("worker: school groups were not sent");
    if (task.modelBytes !== undefined) current = { key: task.modelKey, model: deserialize(task.modelBytes) as ScopedModel };
    else if (task.model !== undefined) current = { key: task.modelKey, model: task.model as ScopedModel };
    if (!current || current.key !== task.modelKey) throw new Error(`worker: model ${task.modelKey} was not sent`);
    const reducer = task.reduce ? reducerOf(task.reduce) : undefined;
    records = sim.simulate(current.model, { seed: task.seed, replication: task.replication });
    if (task.kind === "pilot") {
      reply = { type: "result", id: task.id, waitlist: serviceWaitlist(records, sim) };
    } else {
      computed = summariseReplication(sim, current.model, records, task.replication, task.warmupWeeks, task.scopes);
      const summary = packSummary(computed);
      const measures = lastGroups ? { groupMeasures: groupMeasures(records, lastGroups, task.warmupWeeks) } : {};
      // Last, once nothing can fail: the key lists are then sure to reach the pool.
      const reduced = reducer ? { reduced: reducer(records, task.reduce!.arg) } : {};
      reply = { type: "result", id: task.id, summary: summaryKeys.post(summary), records: task.keepRecords ? records : undefined, ...measures, ...reduced };
    }
  } catch (err) {
    reply = { type: "error", id: task.id, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
  }
  // The packed KPIs, weekly series and histograms move to the main thread without a copy.
  const summary = reply.type === "result" ? reply.summary : undefined;
  const transfer: ArrayBuffer[] = [];
  if (summary) {
    transfer.push(summary.weekly.data.buffer as ArrayBuffer);
    if (summary.waits) transfer.push(summary.waits.data.buffer as ArrayBuffer);
    if ("packedKpis" in summary) transfer.push(summary.packedKpis.data.buffer as ArrayBuffer);
  }
  parentPort!.postMessage(reply, transfer);
  // Posting copied any records sent back; nothing reads this run's records any more, nor the
  // series as computed (those posted are detached already).
  if (records) sim.releaseRecords?.(records);
  if (computed) handBack(computed.weekly.data, ...(computed.waits ? [computed.waits.data] : []));
}

/** How long a thread waits for its next task before it lets go of the memory kept for it (ms). */
const IDLE_MS = 250;
let idle: ReturnType<typeof setTimeout> | undefined;

/** Records reducers loaded, by module and export (see RecordsReducer), or why one could not be. */
const reducers = new Map<string, ((records: RunRecords, arg: unknown) => unknown) | Error>();
const reducerKey = (r: RecordsReducer) => `${r.module}#${r.name}`;

/** The loaded reducer of a task. @throws Error when its module or export could not be loaded. */
function reducerOf(r: RecordsReducer): (records: RunRecords, arg: unknown) => unknown {
  const fn = reducers.get(reducerKey(r));
  if (typeof fn === "function") return fn;
  throw new Error(`worker: records reducer ${r.name} of ${r.module}: ${fn?.message ?? "not loaded"}`);
}

/** Loads a reducer's module once; a failure is kept and given to every task that names it. */
async function loadReducer(r: RecordsReducer): Promise<void> {
  if (reducers.has(reducerKey(r))) return;
  try {
    const fn = ((await import(r.module)) as Record<string, unknown>)[r.name];
    reducers.set(reducerKey(r), typeof fn === "function" ? (fn as (records: RunRecords, arg: unknown) => unknown) : new Error("the module has no such function"));
  } catch (err) {
    reducers.set(reducerKey(r), new Error((err as Error).message.split("\n")[0]));
  }
}

/** Tasks that arrived while a reducer's module loads, answered in order once it has. */
let loading: Promise<void> | null = null;

parentPort!.on("message", (task: WorkerTask) => {
  if (loading === null && (!task.reduce || reducers.has(reducerKey(task.reduce)))) {
    run(task);
    return;
  }
  const settled = (loading ?? Promise.resolve()).then(() => (task.reduce ? loadReducer(task.reduce) : undefined)).then(() => {
    if (loading === settled) loading = null;
    run(task);
  });
  loading = settled;
});

function run(task: WorkerTask): void {
  clearTimeout(idle);
  const before = process.memoryUsage().arrayBuffers;
  answer(task);
  collectAfterLargeRun(before);
  // The pool keeps the next task queued while there are more, so it usually comes at once.
  idle = setTimeout(() => {
    sim.dropSpareBuffers?.();
    collectAfterLargeRun(0);
  }, IDLE_MS);
  idle.unref();
}
