/**
 * Benchmark: the national 2025 service (607 teams), 3 school years × 100 replications on 2
 * worker threads, KPIs for every scope. Target on 2 cores: under 90 s in under 1 GiB (peak
 * resident memory of the whole process, worker threads included). `--workers 1,2` also
 * measures 1 worker (about twice as long).
 * Run: `npm run build && node dist/bench/model-national-2025.js [reps] [--workers 1,2]`.
 */
import { fileURLToPath } from "node:url";
import { SCOPE_KINDS } from "../sim/experiment/index.js";
import { benchScenario, configsFrom, type ModelBenchRow } from "./model-common.js";

/** Runs the benchmark and prints one line per configuration. */
export function benchNational2025(reps = 100, flags: readonly string[] = []): ModelBenchRow[] {
  return benchScenario("national-2025", 3, reps, configsFrom(flags, [[2, SCOPE_KINDS]]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  benchNational2025(args[0] && !args[0].startsWith("-") ? Number(args[0]) : undefined, args);
}
