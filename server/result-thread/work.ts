/**
 * Body of the result thread (loaded by its entry, thread.ts, which ResultThread starts):
 * reduces each run's replication summaries, builds its stored result, turns it into JSON text
 * and saves it with the KPI rows, all on its own SQLite connection, so that none of it holds up
 * the server's event loop.
 */
import Database from "better-sqlite3";
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { ExperimentAccumulator, reduceReplications } from "../../sim/experiment/reduce.js";
import type { ExperimentResult, PackedReplicationSummary, ReplicationSummary, ScopedModel } from "../../sim/experiment/types.js";
import { noSchoolResults, schoolCollector, type SchoolCollector } from "../school-results.js";
import { scopesOf } from "../run-shape.js";
import { recipeOf, storedRun } from "../stored-result.js";
import { RunStore, type FaultHook } from "../storage/run-store.js";
import type { FromThread, ThreadData, ToThread } from "./protocol.js";

const { file, faults } = workerData as ThreadData;

const db = new Database(file);
// The event loop's connection made the file (WAL, tables); this one writes results and reads
// them back for the result GET. The default page cache: a larger one made a national save no
// faster, and the connection would keep the result's pages (tens of megabytes) after it.
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");

const post = (m: FromThread) => parentPort!.postMessage(m);

/** Runs the event loop's fault hook for a stage and waits for its answer (tests only). */
const fault: FaultHook = faults
  ? (stage) => {
      const flag = new Int32Array(faults.flag);
      post({ type: "fault", stage });
      Atomics.wait(flag, 0, 0);
      Atomics.store(flag, 0, 0);
      let reply = receiveMessageOnPort(faults.replies);
      while (!reply) {
        Atomics.wait(flag, 0, 0, 5);
        reply = receiveMessageOnPort(faults.replies);
      }
      const answer = reply.message as { error?: string };
      if (answer.error !== undefined) throw new Error(answer.error);
    }
  : () => {};

const store = new RunStore(db, undefined, fault);
const readText = db.prepare("SELECT CAST(result_json AS BLOB) AS bytes FROM run_results WHERE run_id = ?");

/** Reduces one model's summaries as they come (a known number of them) or at the end. */
type Reducer = Pick<ExperimentAccumulator, "add" | "result">;

interface Job {
  readonly models: readonly ScopedModel[];
  readonly accumulators: Reducer[];
  readonly schools: SchoolCollector;
}

const jobs = new Map<number, Job>();
/** Why a job failed before its save was asked for (its save is answered with that). */
const failed = new Map<number, string>();

async function handle(msg: ToThread): Promise<void> {
  if (msg.type === "open") {
    // The note is the event loop's (it knows the warm-up); the rows are each model's schools.
    const schools = msg.note === null ? await schoolCollector(msg.models.map((m) => ({ schools: m.schools ?? [] })), undefined) : noSchoolResults(msg.note);
    jobs.set(msg.job, { models: msg.models.map(scopesOf), accumulators: [], schools });
    return;
  }
  const job = jobs.get(msg.job);
  if (msg.type === "drop") {
    jobs.delete(msg.job);
    failed.delete(msg.job);
    return;
  }
  if (!job) {
    if (msg.type === "save") {
      post({ type: "failed", job: msg.job, message: failed.get(msg.job) ?? "the result thread holds no such run" });
      failed.delete(msg.job);
    }
    return;
  }
  if (msg.type === "sink") job.accumulators[msg.m] = reducer(job.models[msg.m], msg.replications, msg.meta);
  else if (msg.type === "add") job.accumulators[msg.m].add(msg.summary);
  else if (msg.type === "measures") job.schools.onGroupMeasures?.(msg.measures, 0, msg.m);
  else if (msg.type === "save") {
    jobs.delete(msg.job);
    // A run cancelled while its last replications ran: no result to build.
    const status = store.get(msg.runId)?.status ?? "deleted";
    if (status !== "running") throw new Error(`run ${msg.runId} is ${status}: its result is not saved`);
    const experiments = job.accumulators.map((acc) => acc.result());
    const { result, kpis } = storedRun(recipeOf(msg.recipe), experiments, job.schools);
    const text = JSON.stringify(result);
    // The event loop holds back its own writes from its answer on, so that none of them waits
    // (synchronously, on the event loop) for this transaction's lock.
    const go = new Promise<void>((resolve) => grants.set(msg.job, resolve));
    post({ type: "begin", job: msg.job });
    await go;
    store.saveResultText(msg.runId, text, kpis);
    post({ type: "saved", job: msg.job });
  }
}

/** An accumulator for a known number of replications; else the summaries kept and reduced at the end, as runUntilPrecision does. */
function reducer(model: ScopedModel, replications: number | null, meta: Extract<ToThread, { type: "sink" }>["meta"]): Reducer {
  if (replications !== null) return new ExperimentAccumulator(model, replications, meta);
  const summaries: (ReplicationSummary | PackedReplicationSummary)[] = [];
  return { add: (s) => void summaries.push(s), result: (): ExperimentResult => reduceReplications(model, summaries, meta) };
}

/** Jobs waiting for the event loop's `go`. */
const grants = new Map<number, () => void>();

// One message at a time, in order: a job's summaries, then its save. A `go` comes while its
// save waits for it, so it is taken at once.
let chain = Promise.resolve();
parentPort!.on("message", (msg: ToThread) => {
  if (msg.type === "go") {
    grants.get(msg.job)?.();
    grants.delete(msg.job);
    return;
  }
  if (msg.type === "read") {
    try {
      const row = readText.get(msg.runId) as { bytes: Uint8Array } | undefined;
      const bytes = row ? row.bytes : null;
      // A buffer of its own is handed over as it is; a view into a shared one is copied first.
      const own = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes && new Uint8Array(bytes);
      parentPort!.postMessage({ type: "text", job: msg.job, bytes: own } satisfies FromThread, own ? [own.buffer as ArrayBuffer] : []);
    } catch (err) {
      post({ type: "failed", job: msg.job, message: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  chain = chain.then(
    () =>
      handle(msg).catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        // A failed job is forgotten: its save, when it comes, is answered with the failure.
        if (msg.type === "save") post({ type: "failed", job: msg.job, message });
        else failed.set(msg.job, message);
        jobs.delete(msg.job);
      }),
  );
});
