/**
 * `--precision P --kpi K` on run and compare: replications are added in batches until the 95 %
 * half-width of K (the service's; for compare, of B − A) is below P, or `--max-reps` is reached.
 */
import type { Command } from "commander";
import { parsePrecision, type PrecisionRun, type PrecisionTarget, type WarmupOption } from "../sim/experiment/index.js";
import { formatNumber } from "./output.js";
import { MAX_REPS, rangeIntArg, UsageError, type CliIO } from "./program.js";

/** Flags of the precision mode. */
export interface PrecisionFlags {
  precision?: string;
  maxReps?: number;
}

/** Default cap on the replications of the precision mode. */
export const DEFAULT_MAX_REPS = 500;

/** Adds --precision and --max-reps to a command. */
export function addPrecisionFlags(cmd: Command): Command {
  return cmd
    .option("--precision <P>", "add replications until the 95 % half-width of the --kpi (one KPI) is below P: absolute, or relative with P% (e.g. 5%)")
    .option("--max-reps <n>", `most replications with --precision (default ${DEFAULT_MAX_REPS})`, rangeIntArg(2, MAX_REPS));
}

/**
 * The precision target of the flags, or null without --precision.
 * @throws UsageError naming the flag: a bad P, --kpi missing or not one KPI, --warmup auto, a
 *   cap below --reps, or --max-reps without --precision.
 */
export function precisionTarget(flags: PrecisionFlags & { reps: number; warmup: WarmupOption }, kpis: readonly string[] | null): PrecisionTarget | null {
  if (flags.precision === undefined) {
    if (flags.maxReps !== undefined) throw new UsageError("--max-reps: only with --precision");
    return null;
  }
  let p: { value: number; relative: boolean };
  try {
    p = parsePrecision(flags.precision);
  } catch {
    throw new UsageError(`--precision: ${JSON.stringify(flags.precision)} must be a number > 0, or a percentage such as 5%`);
  }
  if (kpis === null || kpis.length !== 1) throw new UsageError(`--kpi: give one KPI with --precision (the KPI whose half-width is wanted), e.g. --kpi waitWeeksMeanCensored`);
  if (flags.warmup === "auto") throw new UsageError("--warmup: auto needs every replication before it can choose; give a number of weeks with --precision");
  const max = flags.maxReps ?? DEFAULT_MAX_REPS;
  if (flags.reps < 2) throw new UsageError(`--reps: ${flags.reps} must be at least 2 with --precision (the first batch estimates the half-width)`);
  if (max < flags.reps) throw new UsageError(`--max-reps: ${max} must be at least --reps (${flags.reps}), the first batch`);
  return { kpi: kpis[0], value: p.value, relative: p.relative };
}

/** The stderr line that reports the replications run and whether the target was met. */
export function reportPrecision(io: CliIO, target: PrecisionTarget, run: PrecisionRun, max: number, what: string): void {
  const s = run.state;
  const f = (v: number | null) => (v === null ? "–" : String(Number(v.toPrecision(3))));
  const wanted = target.relative ? `${formatNumber(target.value * 100)} % of the mean, ${f(s.wanted)}` : f(target.value);
  io.stderr(
    s.met
      ? `mhst: --precision: half-width of ${what} ${f(s.halfWidth)} < ${wanted} after n = ${run.replications} replications\n`
      : `mhst: --precision: not reached at --max-reps ${max}: half-width of ${what} ${f(s.halfWidth)}, wanted < ${wanted}, n = ${run.replications} replications\n`,
  );
}
