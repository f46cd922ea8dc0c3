/**
 * `npm run bench -- [name] [flags]`: runs the named benchmark, or every benchmark without a
 * name. Add a benchmark by writing a file that exports a {@link Benchmark} and listing it in
 * `benchmarks` below.
 */
import { distributedBenchmark } from "./distributed.js";
import { engineBenchmark } from "./engine.js";
import { healthBurstBenchmark } from "./health-burst.js";
import { replicationBenchmark } from "./replication-cost.js";
import { runEndBenchmark } from "./run-end.js";
import { startupBenchmark } from "./startup.js";
import type { Benchmark } from "./registry.js";

/** A model benchmark file (bench/model-*.ts), loaded only when it runs: flags `[reps] [--workers 1,2]`. */
function modelBenchmark(name: string, description: string, load: () => Promise<(reps?: number, flags?: readonly string[]) => unknown>): Benchmark {
  return {
    name,
    description,
    async run(flags) {
      const reps = flags[0] !== undefined && !flags[0].startsWith("-") ? Number(flags[0]) : undefined;
      (await load())(reps, flags);
      return 0;
    },
  };
}

/** Every benchmark, in the order a bare `npm run bench` runs them. */
const benchmarks: Benchmark[] = [
  engineBenchmark,
  startupBenchmark,
  healthBurstBenchmark,
  runEndBenchmark,
  modelBenchmark("trailblazer-wave", "59 teams, 3 school years × 100 replications, 1 and 2 workers [reps] [--workers 1,2]", async () => (await import("./model-trailblazer-wave.js")).benchTrailblazerWave),
  distributedBenchmark,
  replicationBenchmark,
  modelBenchmark("national-2025", "607 teams, 3 school years × 100 replications, 2 workers [reps] [--workers 1,2]", async () => (await import("./model-national-2025.js")).benchNational2025),
];

async function main(argv: string[]): Promise<number> {
  const out = (line: string) => void process.stdout.write(`${line}\n`);
  if (argv.includes("--help") || argv.includes("-h")) {
    out("usage: npm run bench -- [name] [flags]");
    for (const b of benchmarks) out(`  ${b.name.padEnd(18)} ${b.description}`);
    return 0;
  }
  const name = argv[0] !== undefined && !argv[0].startsWith("-") ? argv[0] : undefined;
  const flags = name ? argv.slice(1) : argv;
  const chosen = name ? benchmarks.filter((b) => b.name === name) : benchmarks;
  if (chosen.length === 0) {
    process.stderr.write(`bench: unknown benchmark "${name}"; known: ${benchmarks.map((b) => b.name).join(", ")}\n`);
    return 2;
  }
  let code = 0;
  for (const b of chosen) code = Math.max(code, await b.run(flags, out));
  return code;
}

process.exitCode = await main(process.argv.slice(2));
