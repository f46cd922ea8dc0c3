/**
 * Benchmark: the 59-team trailblazer wave, 3 school years × 100 replications, with 1 and 2
 * worker threads (KPIs for every scope), and 2 with service KPIs only. Target on 2 cores: at
 * most 5 s on 2 workers, and at least 1.7 times as fast as 1 worker.
 * Run: `npm run build && node dist/bench/model-trailblazer-wave.js [reps] [--workers 1,2]`.
 */
import { fileURLToPath } from "node:url";
import { ALL_CONFIGS, benchScenario, configsFrom, type ModelBenchRow } from "./model-common.js";

/** Runs the benchmark and prints one line per configuration. */
export function benchTrailblazerWave(reps = 100, flags: readonly string[] = []): ModelBenchRow[] {
  return benchScenario("trailblazer-wave", 3, reps, configsFrom(flags, ALL_CONFIGS));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  benchTrailblazerWave(args[0] && !args[0].startsWith("-") ? Number(args[0]) : undefined, args);
}
