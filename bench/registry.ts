/** Output sink of a benchmark (stdout lines). */
export type BenchOut = (line: string) => void;

/** A named benchmark that `npm run bench -- <name> [flags]` runs. */
export interface Benchmark {
  /** Name on the command line, e.g. "engine". */
  readonly name: string;
  /** One line for the list printed by `npm run bench -- --help`. */
  readonly description: string;
  /** Runs the benchmark with the remaining command-line flags; resolves to an exit code. */
  run(flags: readonly string[], out: BenchOut): Promise<number>;
}
