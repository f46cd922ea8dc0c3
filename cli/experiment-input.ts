/**
 * Shared input of the experiment commands (run, compare, sweep, solve): common flags, loading
 * a scenario with overrides, checking parameter paths and KPI names, and the worker pool.
 * Every problem becomes a one-line {@link UsageError} naming the flag (exit code 2).
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { InvalidArgumentError, type Command } from "commander";
import { applyOverrides, formatIssue, parseScenario, resolveScenario, loadScenarioFile, ScenarioError } from "../scenarios/index.js";
import { checkWarmupFits, checkWork, dayRangeIssues, DEFAULT_MAX_RUN_WORK, estimateWork, ExperimentPool, roughly, type ReplicationRunner, type WarmupOption } from "../sim/experiment/index.js";
import { BlockFailedError, RedisLostError, RedisRunner, RedisUrlError } from "../distributed/index.js";
import type { ServiceModel } from "../sim/model/config.js";
import { ACTIVITIES, KPI_DOCS, KPI_NAMES } from "../sim/model/index.js";
import { MAX_REPS, MAX_WORKERS, rangeIntArg, seedArg, UsageError, type CliIO } from "./program.js";

/** Every KPI name a command accepts: those documented in KPI_DOCS, KPI_NAMES and `utilisation.<activity>`. */
export const KNOWN_KPIS: readonly string[] = [...new Set([...KPI_NAMES, ...ACTIVITIES.map((a) => `utilisation.${a}`), ...Object.keys(KPI_DOCS)])];

/** Flags every experiment command takes. */
export interface ExperimentFlags {
  reps: number;
  seed: number;
  set: string[];
  /** Worker threads asked for (default: one per core); see {@link workerCount}. */
  workers?: number;
  warmup: WarmupOption;
  json?: boolean;
  /** Run even when the work estimate is beyond MAX_RUN_WORK. */
  force?: boolean;
  /** Redis URL of a block queue: replications then run on `mhst worker` processes. */
  redis?: string;
  blockSize: number;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function warmupArg(raw: string): WarmupOption {
  if (raw === "none" || raw === "auto") return raw;
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(v) || v < 0) {
    throw new InvalidArgumentError(`${JSON.stringify(raw)} must be none, auto or a whole number of weeks >= 0`);
  }
  return v;
}

/**
 * Adds --reps, --seed, --set, --workers, --warmup and --json to a command.
 * @example addExperimentFlags(program.command("run"), 20)
 */
export function addExperimentFlags(cmd: Command, defaultReps: number): Command {
  return cmd
    .option("--reps <n>", `replications (1 to ${MAX_REPS})`, rangeIntArg(1, MAX_REPS), defaultReps)
    .option("--seed <s>", "master seed, a whole number >= 0; replication r uses streams (seed, r)", seedArg, 1)
    .option("--set <path=value>", "override a scenario field, e.g. casework.slotsPerDay=3 (repeatable)", collect, [])
    .option("--workers <w>", `worker threads, 1 to ${MAX_WORKERS} (default: one per core; never more than --reps or the cores)`, rangeIntArg(1, MAX_WORKERS))
    .option("--warmup <weeks>", "warm-up dropped from the KPIs: none, auto (MSER-5) or weeks", warmupArg, "none" as WarmupOption)
    .option("--json", "print JSON on stdout instead of a table")
    .option("--force", "run even when the work estimate is beyond the limit (MAX_RUN_WORK, default 5e9 work units)")
    .option("--redis <url>", "run the replications on `mhst worker` processes through the Redis queue at this URL (redis://host:port)")
    .option("--block-size <n>", `most replications per queued block with --redis (1 to ${MAX_REPS}; the last blocks are smaller)`, rangeIntArg(1, MAX_REPS), 4);
}

/**
 * The work limit: MAX_RUN_WORK from the environment, else {@link DEFAULT_MAX_RUN_WORK}.
 * @throws UsageError when MAX_RUN_WORK is not a number > 0.
 */
export function maxRunWork(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MAX_RUN_WORK;
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAX_RUN_WORK;
  const v = Number(raw);
  if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`MAX_RUN_WORK: ${JSON.stringify(raw)} must be a number > 0`);
  return v;
}

/**
 * Checks, before any run, that the models fit the simulator's day numbers and that the work
 * (summed over the models, × replications × evaluations) is within {@link maxRunWork} unless
 * --force is given.
 * @throws UsageError naming the field that drives the size, e.g.
 *   `referrals.ratePer1000PerWeek: 1e12 gives about 3.2e14 referrals per replication; ...; add --force to run it anyway`.
 */
export function checkRunWork(models: readonly ServiceModel[], flags: { reps: number; force?: boolean; warmup?: WarmupOption }, evaluations = 1): void {
  for (const m of models) {
    const issue = dayRangeIssues(m)[0];
    if (issue) throw new UsageError(`${issue.path}: ${roughly(issue.value)} ${issue.message}`);
  }
  if (flags.force) return;
  const limit = maxRunWork();
  // An automatic warm-up runs every replication twice (a pilot run, then the KPIs).
  const runs = evaluations * (flags.warmup === "auto" ? 2 : 1);
  const estimates = models.map((m) => estimateWork(m, flags.reps, runs));
  const total = estimates.reduce((s, e) => s + e.total, 0);
  if (total <= limit) return;
  const largest = estimates.reduce((a, b) => (b.total > a.total ? b : a));
  try {
    checkWork({ ...largest, total }, limit);
  } catch (err) {
    const message = (err as Error).message.replace(/^replications: /, "--reps: ");
    throw new UsageError(`${message}; add --force to run it anyway`);
  }
}

/**
 * Checks that a fixed --warmup is shorter than every model's run.
 * @throws UsageError `--warmup: 60 weeks must be less than the run's 52 weeks`.
 */
export function checkWarmup(models: readonly ServiceModel[], warmup: WarmupOption): void {
  try {
    for (const m of models) checkWarmupFits(m, warmup);
  } catch (err) {
    throw new UsageError(`--${(err as Error).message}`);
  }
}

/** A scenario problem as one line: the first issue, and how many more there are. */
function oneLine(err: ScenarioError): string {
  const first = err.issues[0] ? formatIssue(err.issues[0]) : err.message.split("\n")[0];
  const more = err.issues.length - 1;
  return more > 0 ? `${first} (and ${more} more problem${more === 1 ? "" : "s"})` : first;
}

/** The scenario file of a built-in id or a path. @throws UsageError when it is neither. */
export function scenarioPath(idOrPath: string): string {
  try {
    return resolveScenario(idOrPath).path;
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(`<scenario>: ${oneLine(err)}`);
    throw err;
  }
}

/**
 * Loads a scenario (built-in id or file) with overrides.
 * @param flag names the flag in errors caused by the overrides (default --set); `point` is the
 *   setting that flag made (e.g. `casework.slotsPerDay=2`), quoted when the scenario rejects it.
 * @throws UsageError with one line naming the flag or file, the field, the value and the rule.
 */
export function loadModel(idOrPath: string, overrides: readonly string[], flag = "--set", point?: string): ServiceModel {
  const path = scenarioPath(idOrPath);
  try {
    return loadScenarioFile(path, { overrides });
  } catch (err) {
    if (err instanceof ScenarioError) {
      const line = oneLine(err);
      if (flag === "--set") throw new UsageError(line);
      // A rule elsewhere in the file can fail because of the flag's value: say which setting.
      throw new UsageError(line.startsWith("--set") ? `${flag}${line.slice(5)}` : `${flag} ${point ?? ""}: ${line}`);
    }
    throw err;
  }
}

/**
 * Checks that `path` names a field of the scenario format present in this scenario (as an
 * override would), without loading the model.
 * @throws UsageError `--param: casework.slotsPerDayy is not a field of the scenario format (did you mean slotsPerDay?)`.
 */
export function checkParamPath(idOrPath: string, flag: string, path: string): void {
  if (path.trim() === "" || path.includes("=")) throw new UsageError(`${flag}: ${JSON.stringify(path)} must be a scenario field path such as casework.slotsPerDay`);
  const file = scenarioPath(idOrPath);
  try {
    applyOverrides(parseScenario(readFileSync(file, "utf8"), file).doc.toJS(), [`${path}=0`]);
  } catch (err) {
    if (err instanceof ScenarioError) {
      // The loader words the problem for --set (`a.b=0: a.b is not a field …`); drop that prefix.
      const issue = err.issues[0];
      let message = issue?.message ?? err.message.split("\n")[0];
      if (message.startsWith(`${path}=0: `)) message = message.slice(path.length + 4);
      if (issue?.path) message = `${issue.path}: ${message}`;
      throw new UsageError(`${flag}: ${message.includes(path) ? "" : `${path}: `}${message}`);
    }
    throw err;
  }
}

/**
 * Checks KPI names.
 * @throws UsageError `--kpi: unknown KPI "x" (known: referrals, ...)`.
 */
export function checkKpis(flag: string, names: readonly string[]): void {
  for (const n of names) {
    if (!KNOWN_KPIS.includes(n)) throw new UsageError(`${flag}: unknown KPI ${JSON.stringify(n)} (known: ${KNOWN_KPIS.join(", ")})`);
  }
}

/** Splits a comma-separated list flag, dropping blanks. */
export const splitList = (raw: string): string[] => raw.split(",").map((s) => s.trim()).filter((s) => s !== "");

/**
 * Parses a comma-separated list of numbers.
 * @throws UsageError `--values: "1,a" has "a", which is not a number`.
 */
export function numberList(flag: string, raw: string): number[] {
  const parts = raw.split(",").map((s) => s.trim());
  if (parts.length === 0 || parts.every((p) => p === "")) throw new UsageError(`${flag}: ${JSON.stringify(raw)} must be a comma-separated list of numbers`);
  return parts.map((p) => {
    const v = Number(p);
    if (p === "" || !Number.isFinite(v)) throw new UsageError(`${flag}: ${JSON.stringify(raw)} has ${JSON.stringify(p)}, which is not a number`);
    return v;
  });
}

/**
 * Worker threads for a run: --workers (default one per core), capped at the replications and
 * at the cores, since more threads than either only add start-up time. Says so on stderr (one
 * line) when it caps a number the user gave.
 * @example workerCount({ workers: 8, reps: 3 }, io) // 2 on a 2-core machine, after a stderr line
 */
export function workerCount(flags: { workers?: number; reps: number }, io: CliIO): number {
  const cores = availableParallelism();
  const cap = Math.max(1, Math.min(flags.reps, cores));
  if (flags.workers === undefined) return cap;
  if (flags.workers > cap) {
    io.stderr(`mhst: --workers ${flags.workers} capped at ${cap} (no more than --reps ${flags.reps} and the ${cores} cores)\n`);
    return cap;
  }
  return flags.workers;
}

/** Runs `fn` with a worker pool of `workers` threads, closing it afterwards. */
export async function withPool<T>(workers: number, fn: (pool: ExperimentPool) => Promise<T>): Promise<T> {
  const pool = new ExperimentPool({ workers });
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

/**
 * Runs `fn` on the replication runner the flags choose: the Redis block queue with --redis,
 * else a worker pool of `workers` threads (see {@link workerCount}); closes it afterwards.
 * @throws UsageError `--redis: cannot reach redis://127.0.0.1:1 (…)` (exit 2) when the queue
 *   cannot be reached; `--redis: lost the connection …` or `--redis: block … failed: …` (exit 1)
 *   when it breaks down during the run, in which case nothing of the run is returned.
 */
export async function withRunner<T>(flags: Pick<ExperimentFlags, "redis" | "blockSize"> & { workers: number }, fn: (runner: ReplicationRunner) => Promise<T>): Promise<T> {
  if (flags.redis === undefined) return withPool(flags.workers, fn);
  let runner: RedisRunner;
  try {
    runner = await RedisRunner.connect({ url: flags.redis, blockSize: flags.blockSize });
  } catch (err) {
    if (err instanceof RedisUrlError) throw new UsageError(`--redis: ${err.message}`);
    throw err;
  }
  try {
    return await fn(runner);
  } catch (err) {
    if (err instanceof RedisLostError || err instanceof BlockFailedError) throw new UsageError(`--redis: ${err.message}`, 1);
    throw err;
  } finally {
    await runner.close();
  }
}
