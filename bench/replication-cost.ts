/**
 * `npm run bench -- replication [scenario] [reps] [years]`: the CPU time of one replication,
 * split into its stages (simulate, the KPIs by scope, the merge into the accumulator), measured
 * in this one thread with `process.cpuUsage`, so that other work on a shared machine changes it
 * far less than wall-clock time. Each run's records are released once summarised, as the
 * runners release them, so the next replication reuses their memory (the release counts in the
 * merge). The first replications warm the JIT and are left out of the means. It also prints a hash of the whole experiment result, so two builds can be checked to
 * give the same numbers bit for bit.
 *
 * Defaults: trailblazer-wave, 3 school years, 30 replications (10 of them warm-up).
 */
import { createHash } from "node:crypto";
import { loadavg } from "node:os";
import type { Benchmark, BenchOut } from "./registry.js";

/** Replications run before the measured ones (JIT warm-up). */
const WARM = 10;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One measurement: mean CPU milliseconds per measured replication of each stage, and the result hash. */
export interface ReplicationCost {
  readonly scenario: string;
  readonly measured: number;
  readonly simulateMs: number;
  readonly kpisMs: number;
  readonly mergeMs: number;
  readonly resultMs: number;
  readonly hash: string;
}

/** Runs `reps` replications of `scenario` in this thread and returns their mean stage costs. */
export async function replicationCost(scenario: string, reps: number, years: number): Promise<ReplicationCost> {
  // Loaded here, so that other benchmarks do not pay for the scenario loader and the model.
  const { loadScenario } = await import("../scenarios/index.js");
  const { ExperimentAccumulator, modelSimulator, SCOPE_KINDS, summariseReplication } = await import("../sim/experiment/index.js");
  const model = loadScenario(scenario, { overrides: [`calendar.years=${years}`] });
  const acc = new ExperimentAccumulator(model, reps, { seed: 1, level: 0.95, warmup: { mode: "none", weeks: 0, batches: null } });
  let sim = 0;
  let kpis = 0;
  let merge = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = cpuMs();
    const records = modelSimulator.simulate(model, { seed: 1, replication: r });
    const t1 = cpuMs();
    const summary = summariseReplication(modelSimulator, model, records, r, 0, SCOPE_KINDS);
    const t2 = cpuMs();
    acc.add(summary);
    // As the runners do: the run's memory goes to the next replication once its summary is taken.
    modelSimulator.releaseRecords?.(records);
    const t3 = cpuMs();
    if (r >= Math.min(WARM, reps - 1)) {
      sim += t1 - t0;
      kpis += t2 - t1;
      merge += t3 - t2;
    }
  }
  const t4 = cpuMs();
  const result = acc.result();
  const resultMs = cpuMs() - t4;
  const measured = reps - Math.min(WARM, reps - 1);
  const hash = createHash("sha256").update(JSON.stringify(result)).digest("hex").slice(0, 16);
  return { scenario, measured, simulateMs: sim / measured, kpisMs: kpis / measured, mergeMs: merge / measured, resultMs, hash };
}

/** The cost as one line of text. */
export function formatCost(c: ReplicationCost): string {
  const total = c.simulateMs + c.kpisMs + c.mergeMs;
  return (
    `${c.scenario}: CPU per replication (mean of ${c.measured}) ${total.toFixed(1)} ms = simulate ${c.simulateMs.toFixed(1)} + ` +
    `KPIs ${c.kpisMs.toFixed(1)} + merge ${c.mergeMs.toFixed(2)}; result ${c.resultMs.toFixed(0)} ms; result hash ${c.hash}`
  );
}

/** `npm run bench -- replication [scenario] [reps] [years]`: see the header of this file. */
export const replicationBenchmark: Benchmark = {
  name: "replication",
  description: "CPU ms per replication by stage, in one thread, and a hash of the result [scenario] [reps] [years]",
  async run(flags: readonly string[], out: BenchOut) {
    const [scenario = "trailblazer-wave", reps = "30", years = "3"] = flags;
    const n = Number(reps);
    if (!Number.isInteger(n) || n < 1) {
      process.stderr.write(`bench replication: reps ${reps} must be a whole number >= 1\n`);
      return 2;
    }
    const before = loadavg()[0];
    const c = await replicationCost(scenario, n, Number(years));
    out(`${formatCost(c)}; load average ${before.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
    return 0;
  },
};
