/**
 * Benchmark: the national 2025 service (607 teams), 3 school years × 100 replications on 2
 * worker threads, KPIs for every scope. Target on 2 cores: under 90 s in under 1 GiB (peak
 * resident memory of the whole process, worker threads included). `--workers 1,2` also
 * measures 1 worker (about twice as long).
 * Run: `npm run build && node dist/bench/model-national-2025.js [reps] [--workers 1,2]`.
 */
import { fileURLToPath } from "node:url";
import { SCOPE_KINDS } from "../sim/experiment/index.js";
import { benchScenario, configsFrom, everyScope, type BenchTarget, type ModelBenchRow } from "./model-common.js";

/** The targets on 2 cores: 2 workers, every scope. */
export const NATIONAL_2025_TARGETS: readonly BenchTarget[] = [
  { label: "2 workers, under 90 s", measure: (rows) => everyScope(rows, 2)?.wallSeconds, holds: (s) => s < 90, format: (s) => `${s.toFixed(1)} s` },
  { label: "2 workers, peak memory under 1 GiB", measure: (rows) => everyScope(rows, 2)?.peakMiB, holds: (m) => m < 1024, format: (m) => `${m.toFixed(0)} MiB` },
];

/** Runs the benchmark and prints one line per configuration, then the targets. */
export function benchNational2025(reps = 100, flags: readonly string[] = []): ModelBenchRow[] {
  return benchScenario("national-2025", 3, reps, configsFrom(flags, [[2, SCOPE_KINDS]]), NATIONAL_2025_TARGETS);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  benchNational2025(args[0] && !args[0].startsWith("-") ? Number(args[0]) : undefined, args);
}
