/**
 * Benchmark: the 59-team trailblazer wave, 3 school years × 100 replications, with 1 and 2
 * worker threads (KPIs for every scope), and 2 with service KPIs only. Target on 2 cores: at
 * most 5 s on 2 workers, and at least 1.7 times as fast as 1 worker.
 * Run: `npm run build && node dist/bench/model-trailblazer-wave.js [reps] [--workers 1,2]`.
 */
import { fileURLToPath } from "node:url";
import { ALL_CONFIGS, benchScenario, configsFrom, everyScope, type BenchTarget, type ModelBenchRow } from "./model-common.js";

/** The targets on 2 cores (see the README's Benchmarks). */
export const TRAILBLAZER_WAVE_TARGETS: readonly BenchTarget[] = [
  {
    label: "2 workers, every scope, at most 5 s",
    measure: (rows) => everyScope(rows, 2)?.wallSeconds,
    holds: (s) => s <= 5,
    format: (s) => `${s.toFixed(2)} s`,
  },
  {
    label: "2 workers at least 1.7× as fast as 1 (every scope)",
    measure: (rows) => {
      const one = everyScope(rows, 1);
      const two = everyScope(rows, 2);
      return one && two ? one.wallSeconds / two.wallSeconds : undefined;
    },
    holds: (x) => x >= 1.7,
    format: (x) => `${x.toFixed(2)}×`,
  },
];

/** Runs the benchmark and prints one line per configuration, then the targets. */
export function benchTrailblazerWave(reps = 100, flags: readonly string[] = []): ModelBenchRow[] {
  return benchScenario("trailblazer-wave", 3, reps, configsFrom(flags, ALL_CONFIGS), TRAILBLAZER_WAVE_TARGETS);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  benchTrailblazerWave(args[0] && !args[0].startsWith("-") ? Number(args[0]) : undefined, args);
}
