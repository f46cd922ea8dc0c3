/**
 * Body of an experiment worker thread (compiled to dist/sim/experiment/worker.js and started
 * by {@link ExperimentPool}). It loads the simulator module named in workerData, keeps the
 * model it was last sent, and answers one task message at a time.
 */
import { parentPort, workerData } from "node:worker_threads";
import { serviceWaitlist, summariseReplication } from "./summarise-replication.js";
import type { WorkerReply, WorkerTask } from "./pool-protocol.js";
import type { ScopedModel, Simulator } from "./types.js";

const { simulator: simulatorUrl } = workerData as { simulator: string };
const sim = (await import(simulatorUrl)) as Simulator;
let current: { key: number; model: ScopedModel } | null = null;

parentPort!.on("message", (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    if (task.model !== undefined) current = { key: task.modelKey, model: task.model as ScopedModel };
    if (!current || current.key !== task.modelKey) throw new Error(`worker: model ${task.modelKey} was not sent`);
    const records = sim.simulate(current.model, { seed: task.seed, replication: task.replication });
    if (task.kind === "pilot") {
      reply = { type: "result", id: task.id, waitlist: serviceWaitlist(records) };
    } else {
      const summary = summariseReplication(sim, current.model, records, task.replication, task.warmupWeeks, task.scopes);
      reply = { type: "result", id: task.id, summary, records: task.keepRecords ? records : undefined };
    }
  } catch (err) {
    reply = { type: "error", id: task.id, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
  }
  // The packed weekly series moves to the main thread without a copy.
  const transfer = reply.type === "result" && reply.summary ? [reply.summary.weekly.data.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(reply, transfer);
});
