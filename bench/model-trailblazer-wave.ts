/**
 * Benchmark: the 59-team trailblazer wave, 3 school years × 100 replications, with 1 and 2
 * worker threads. Target on 2 cores: under 10 s.
 * Run: `npm run build && node dist/bench/model-trailblazer-wave.js [reps]`.
 */
import { fileURLToPath } from "node:url";
import { benchScenario, type ModelBenchRow } from "./model-common.js";

/** Runs the benchmark and prints one line per worker count. */
export function benchTrailblazerWave(reps = 100): ModelBenchRow[] {
  return benchScenario("trailblazer-wave", 3, reps);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) benchTrailblazerWave(process.argv[2] ? Number(process.argv[2]) : undefined);
