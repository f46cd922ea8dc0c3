/**
 * Shared harness of the model benchmarks (bench/model-*.ts): runs a built-in scenario's
 * replications on the experiment pool in a fresh child process per configuration, so each
 * configuration's peak memory (max RSS, worker threads included) is its own.
 *
 * Child mode: `node dist/bench/model-common.js --child <scenario> <years> <reps> <workers>`
 * prints one JSON line of {@link ModelBenchRow}.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { loadScenario } from "../scenarios/index.js";
import { ExperimentPool, runExperimentParallel, SCOPE_KINDS, type ScopeKind } from "../sim/experiment/index.js";

/** One measured configuration. */
export interface ModelBenchRow {
  readonly scenario: string;
  readonly years: number;
  readonly replications: number;
  readonly workers: number;
  /** Scope kinds whose KPIs were computed (the CLI's `run` default is all three). */
  readonly scopes: readonly ScopeKind[];
  /** Seconds to load and freeze the scenario. */
  readonly loadSeconds: number;
  /** Wall-clock seconds of the replications (simulation, KPIs, reduction). */
  readonly wallSeconds: number;
  /** Engine events, summed over replications. */
  readonly events: number;
  readonly eventsPerSecond: number;
  /** Peak resident memory of the whole process, worker threads included (MiB). */
  readonly peakMiB: number;
  /**
   * Main thread's live JS heap with the result built (MiB, after a full collection): the part
   * of the peak that grows with replications (worker threads hold one replication each).
   */
  readonly resultHeapMiB: number;
  /**
   * CPU seconds of the replications, every thread of the process (worker threads, V8's
   * compiler and garbage-collector threads, the main thread): unlike the wall-clock time,
   * other work on a shared machine changes it little. The wall-clock time is at least this
   * divided by the number of cores; what 2 workers add to 1 worker's is the work they
   * duplicate (each thread compiles and warms up the model code) or contend for.
   */
  readonly cpuSeconds: number;
  /** CPU seconds of the main thread alone (merging summaries, building the result). */
  readonly mainCpuSeconds: number;
  /** Seconds to the first replication's result: the threads starting, loading the model code and running their first replication. */
  readonly firstResultSeconds: number;
  /** The run's pace once warm, and what it took beyond that pace (see {@link paceOf}). */
  readonly steadyMsPerReplication: number;
  readonly warmupSeconds: number;
  /** One-minute load average of the machine when the configuration started and ended (other work on a shared machine shows here). */
  readonly loadAverage: readonly [number, number];
}

/** Runs one configuration in this process. */
export async function measureHere(scenario: string, years: number, reps: number, workers: number, scopes: readonly ScopeKind[] = SCOPE_KINDS): Promise<ModelBenchRow> {
  const loadBefore = loadavg()[0];
  let t = performance.now();
  const model = loadScenario(scenario, { overrides: [`calendar.years=${years}`] });
  const loadSeconds = (performance.now() - t) / 1000;
  const pool = new ExperimentPool({ workers });
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuSeconds();
  try {
    // When each result came, in seconds from the start.
    const doneAt: number[] = [];
    const onProgress = () => doneAt.push((performance.now() - t) / 1000);
    const result = await runExperimentParallel(pool, model, { replications: reps, seed: 1, scopes, onProgress });
    const wallSeconds = (performance.now() - t) / 1000;
    const pace = paceOf(doneAt, wallSeconds);
    const cpu = process.cpuUsage(cpu0);
    const peakMiB = process.resourceUsage().maxRSS / 1024;
    const resultHeapMiB = liveHeapMiB();
    return {
      scenario,
      years,
      replications: reps,
      workers,
      scopes: result.scopes,
      loadSeconds,
      wallSeconds,
      events: result.events,
      eventsPerSecond: result.events / wallSeconds,
      peakMiB,
      resultHeapMiB,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      mainCpuSeconds: mainThreadCpuSeconds() - main0,
      firstResultSeconds: doneAt[0] ?? NaN,
      steadyMsPerReplication: pace.steadyMs,
      warmupSeconds: pace.warmupSeconds,
      loadAverage: [loadBefore, loadavg()[0]],
    };
  } finally {
    await pool.close();
  }
}

/**
 * A run's pace once warm, from when each of its results came (seconds from the start, in
 * order): wall-clock milliseconds per replication from the result at a fifth of the run to
 * the last (the threads are warm by then: a thread's first replications run before its code
 * is optimised), and the seconds the run took beyond that pace over all its replications
 * (starting the threads, compiling, the slower first replications, and a last replication
 * that runs while the other threads have nothing left to do). NaN for fewer than 5 results.
 * @example
 * paceOf([1, 1.5, 2, 2.5, 3], 3) // { steadyMs: 500, warmupSeconds: 0.5 }
 */
export function paceOf(doneAt: readonly number[], wallSeconds: number): { steadyMs: number; warmupSeconds: number } {
  const n = doneAt.length;
  if (n < 5) return { steadyMs: NaN, warmupSeconds: NaN };
  const from = Math.ceil(n / 5) - 1;
  const steady = (doneAt[n - 1] - doneAt[from]) / (n - 1 - from);
  return { steadyMs: 1000 * steady, warmupSeconds: wallSeconds - n * steady };
}

/** CPU seconds the main thread has used (Linux: /proc/self/task/<pid>/stat; NaN elsewhere). */
function mainThreadCpuSeconds(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // Fields after the command name: state is field 3, utime and stime fields 14 and 15, in clock ticks (100 a second on Linux).
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Live JS heap of this thread after a full collection (MiB); NaN unless node runs with --expose-gc. */
function liveHeapMiB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return NaN;
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Runs one configuration in a fresh child process (so peak memory is its own). */
export function measure(scenario: string, years: number, reps: number, workers: number, scopes: readonly ScopeKind[] = SCOPE_KINDS): ModelBenchRow {
  let out: string;
  try {
    out = execFileSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--child", scenario, String(years), String(reps), String(workers), scopes.join(",")], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? "");
    const line = stderr.split("\n").find((l) => /Error/.test(l)) ?? stderr.trim().split("\n").pop();
    throw new Error(`bench ${scenario}, ${workers} workers: ${line}`);
  }
  return JSON.parse(out.trim().split("\n").pop()!) as ModelBenchRow;
}

/** A row as one line of text. */
export function formatRow(r: ModelBenchRow): string {
  return (
    `${r.scenario} ${r.years}y × ${r.replications} reps, ${r.workers} worker${r.workers === 1 ? "" : "s"}, KPIs for ${r.scopes.join("+")}: ` +
    `${r.wallSeconds.toFixed(2)} s, ${(r.eventsPerSecond / 1e6).toFixed(3)} M events/s (${r.events} events), ` +
    `peak ${r.peakMiB.toFixed(0)} MiB (result ${r.resultHeapMiB.toFixed(0)} MiB of main-thread heap), ` +
    `CPU ${r.cpuSeconds.toFixed(2)} s (main thread ${r.mainCpuSeconds.toFixed(2)} s), ` +
    `first result ${r.firstResultSeconds.toFixed(2)} s, warm ${r.steadyMsPerReplication.toFixed(1)} ms a replication + warm-up ${r.warmupSeconds.toFixed(2)} s, load ${r.loadSeconds.toFixed(2)} s, ` +
    `load average ${r.loadAverage[0].toFixed(2)} → ${r.loadAverage[1].toFixed(2)} on ${availableParallelism()} cores`
  );
}

/** One configuration: worker threads and the scope kinds whose KPIs are computed. */
export type BenchConfig = readonly [workers: number, scopes: readonly ScopeKind[]];

/** 1 and 2 workers with KPIs for every scope (as `mhst run`), then 2 workers with service KPIs only (as sweep and solve). */
export const ALL_CONFIGS: readonly BenchConfig[] = [
  [1, SCOPE_KINDS],
  [2, SCOPE_KINDS],
  [2, ["service"]],
];

/**
 * The configurations `--workers 1,2` names (every scope's KPIs), or `fallback` without the flag.
 * @throws RangeError when a worker count is not a whole number >= 1.
 */
export function configsFrom(flags: readonly string[], fallback: readonly BenchConfig[]): readonly BenchConfig[] {
  const at = flags.indexOf("--workers");
  if (at < 0) return fallback;
  const list = (flags[at + 1] ?? "").split(",").map(Number);
  for (const w of list) if (!Number.isInteger(w) || w < 1) throw new RangeError(`bench: --workers ${flags[at + 1]} must list whole numbers >= 1`);
  return list.map((w) => [w, SCOPE_KINDS] as const);
}

/**
 * A benchmark's target on 2 cores, checked against the rows of a run: `measure` reads the
 * figure from the rows (undefined when the run lacks a configuration it needs), `holds` says
 * whether the figure meets the target.
 */
export interface BenchTarget {
  /** What is measured and the bound, e.g. "2 workers, every scope, at most 5 s". */
  readonly label: string;
  readonly measure: (rows: readonly ModelBenchRow[]) => number | undefined;
  readonly holds: (value: number) => boolean;
  /** The figure as printed, e.g. "5.70 s". */
  readonly format: (value: number) => string;
}

/** Replications and school years the targets are set for. */
export const TARGET_REPS = 100;
export const TARGET_YEARS = 3;

/** The row of `workers` workers with KPIs for every scope, if the run has it. */
export const everyScope = (rows: readonly ModelBenchRow[], workers: number): ModelBenchRow | undefined =>
  rows.find((r) => r.workers === workers && SCOPE_KINDS.every((k) => r.scopes.includes(k)));

/**
 * One line per target: the figure and whether it holds. A run of another size than the
 * targets', or on a machine without 2 cores, says so on a first line; a target whose
 * configuration was not run says which it needs.
 * @example
 * targetLines(rows, [{ label: "under 90 s", measure: (r) => r[0]?.wallSeconds, holds: (v) => v < 90, format: (v) => `${v.toFixed(1)} s` }], 2)
 * // ["target: under 90 s: 65.9 s, met"]
 */
export function targetLines(rows: readonly ModelBenchRow[], targets: readonly BenchTarget[], cores: number): string[] {
  const out: string[] = [];
  const r = rows[0];
  if (r !== undefined && (r.replications !== TARGET_REPS || r.years !== TARGET_YEARS)) {
    out.push(`targets are set for ${TARGET_YEARS} school years × ${TARGET_REPS} replications; this run had ${r.years} × ${r.replications}, so they are not checked`);
    return out;
  }
  if (cores !== 2) out.push(`targets are set for 2 cores; this machine has ${cores}`);
  for (const t of targets) {
    const v = t.measure(rows);
    if (v === undefined || !Number.isFinite(v)) out.push(`target: ${t.label}: not measured (its configuration was not run)`);
    else out.push(`target: ${t.label}: ${t.format(v)}, ${t.holds(v) ? "met" : "NOT met"}`);
  }
  return out;
}

/**
 * Measures a scenario in each configuration (default {@link ALL_CONFIGS}), each in a fresh
 * child process, and prints each row, then a line for each of `targets` (see {@link targetLines}).
 * @returns the rows, for a benchmark registry.
 */
export function benchScenario(scenario: string, years: number, reps: number, configs: readonly BenchConfig[] = ALL_CONFIGS, targets: readonly BenchTarget[] = []): ModelBenchRow[] {
  const rows = configs.map(([w, scopes]) => {
    const row = measure(scenario, years, reps, w, scopes);
    process.stdout.write(formatRow(row) + "\n");
    return row;
  });
  for (const line of targetLines(rows, targets, availableParallelism())) process.stdout.write(line + "\n");
  return rows;
}

if (process.argv[2] === "--child") {
  const [scenario, years, reps, workers, scopes] = process.argv.slice(3);
  const row = await measureHere(scenario, Number(years), Number(reps), Number(workers), (scopes ?? SCOPE_KINDS.join(",")).split(",") as ScopeKind[]);
  process.stdout.write(JSON.stringify(row) + "\n");
}
