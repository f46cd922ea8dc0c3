import type { RunRecords } from "../model/records.js";
import { ExperimentAccumulator } from "./reduce.js";
import { serviceWaitlist, summariseReplication } from "./summarise-replication.js";
import { SCOPE_KINDS, type ExperimentOptions, type ExperimentResult, type ScopeKind, type ScopedModel, type Simulator } from "./types.js";
import { autoWarmup, checkWarmupOption, fixedWarmup, type Warmup } from "./warmup.js";

/** Options with defaults filled and checked. */
export interface ResolvedOptions {
  readonly replications: number;
  readonly seed: number;
  readonly warmup: "none" | "auto" | number;
  readonly level: number;
  readonly scopes: readonly ScopeKind[];
}

/**
 * Fills defaults (seed 1, no warm-up, level 0.95) and checks the options.
 * @throws RangeError naming the option and value.
 */
export function resolveOptions(options: ExperimentOptions): ResolvedOptions {
  const { replications, seed = 1, level = 0.95 } = options;
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`replications: ${replications} must be a whole number >= 1`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed: ${seed} must be a finite number`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level: ${level} must be between 0 and 1`);
  const scopes = options.scopes ?? SCOPE_KINDS;
  for (const s of scopes) if (!SCOPE_KINDS.includes(s)) throw new RangeError(`scopes: ${JSON.stringify(s)} must be service, team or cluster`);
  return { replications, seed, level, warmup: checkWarmupOption(options.warmup), scopes: SCOPE_KINDS.filter((k) => k === "service" || scopes.includes(k)) };
}

/**
 * Runs R replications of a model in this thread and summarises them. Replication r draws
 * from the streams of (seed, r), so results are reproducible and two scenarios run with the
 * same seed share their random numbers stream by stream (common random numbers). The
 * automatic warm-up runs the replications twice (a pilot for MSER-5, then the KPIs).
 *
 * Cost: R simulations (2R with warmup "auto") plus a linear pass over each one's records.
 * For many replications use {@link runExperimentParallel}, which gives the same result.
 *
 * @throws RangeError on bad options (see {@link resolveOptions}).
 * @example runExperiment(sim, model, { replications: 10, seed: 42 }).kpis[0]
 */
export function runExperiment<M extends ScopedModel>(sim: Simulator<M>, model: M, options: ExperimentOptions): ExperimentResult {
  const o = resolveOptions(options);
  const reps = Array.from({ length: o.replications }, (_, r) => r);
  let warmup: Warmup;
  // Each run's memory goes to the next once its summary is taken, and is let go at the end.
  const once = <T>(r: number, read: (records: RunRecords) => T): T => {
    const records = sim.simulate(model, { seed: o.seed, replication: r });
    const out = read(records);
    sim.releaseRecords?.(records);
    return out;
  };
  try {
    if (o.warmup === "auto") {
      warmup = autoWarmup(reps.map((r) => once(r, (records) => serviceWaitlist(records, sim))));
    } else {
      warmup = fixedWarmup(o.warmup);
    }
    const acc = new ExperimentAccumulator(model, o.replications, { seed: o.seed, level: o.level, warmup, scopes: o.scopes });
    for (const r of reps) acc.add(once(r, (records) => summariseReplication(sim, model, records, r, warmup.weeks, o.scopes)));
    return acc.result();
  } finally {
    sim.dropSpareBuffers?.();
  }
}
