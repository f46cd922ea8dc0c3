/**
 * Benchmark: the national 2025 service (607 teams), 3 school years × 10 replications, with 1
 * and 2 worker threads. Target on 2 cores: under 30 s in under 1 GiB.
 * Run: `npm run build && node dist/bench/model-national-2025.js [reps]`.
 */
import { fileURLToPath } from "node:url";
import { benchScenario, type ModelBenchRow } from "./model-common.js";

/** Runs the benchmark and prints one line per worker count. */
export function benchNational2025(reps = 10): ModelBenchRow[] {
  return benchScenario("national-2025", 3, reps);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) benchNational2025(process.argv[2] ? Number(process.argv[2]) : undefined);
