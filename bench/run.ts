/**
 * `npm run bench -- [name] [flags]`: runs the named benchmark, or every benchmark without a
 * name. Add a benchmark by writing a file that exports a {@link Benchmark} and listing it in
 * `benchmarks` below.
 */
import { engineBenchmark } from "./engine.js";
import type { Benchmark } from "./registry.js";

/** Every benchmark, in the order a bare `npm run bench` runs them. */
const benchmarks: Benchmark[] = [engineBenchmark];

async function main(argv: string[]): Promise<number> {
  const out = (line: string) => void process.stdout.write(`${line}\n`);
  if (argv.includes("--help") || argv.includes("-h")) {
    out("usage: npm run bench -- [name] [flags]");
    for (const b of benchmarks) out(`  ${b.name.padEnd(10)} ${b.description}`);
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
