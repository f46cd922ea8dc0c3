import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import {
  checkTargetRange,
  formatTarget,
  parseTarget,
  runExperimentParallel,
  solveCapacity,
  valueGrid,
  verifySeedOf,
  type CurvePoint,
  type SolveResult,
  type Target,
} from "../../sim/experiment/index.js";
import { KPI_DOCS, type ServiceModel } from "../../sim/model/index.js";
import { addExperimentFlags, checkRunWork, checkWarmup, checkParamPath, KNOWN_KPIS, loadModel, withRunner, workerCount, type ExperimentFlags } from "../experiment-input.js";
import { UsageError } from "../errors.js";
import { formatInterval, formatNumber, textTable } from "../output.js";
import { numberArg, positiveArg, type CliIO } from "../program.js";
import { progressBar } from "../progress.js";

/** Exit code when the target is not met at --max (or not confirmed by fresh replications). */
export const EXIT_TARGET_NOT_MET = 3;

/** Most grid points `--min`..`--max` by `--step` may have. */
export const MAX_GRID_POINTS = 200;

interface SolveFlags extends ExperimentFlags {
  target: string;
  vary: string;
  min?: number;
  max?: number;
  step?: number;
}

/** Seed of the verification replications (re-exported from sim/experiment, where it lives). */
export { verifySeedOf };

/** The number at a path like `casework.slotsPerDay` or `practitioners[0].fte` in a loaded model. */
function numberAt(model: unknown, path: string): number | undefined {
  let cur: unknown = model;
  for (const m of path.matchAll(/([A-Za-z_$][\w$]*)|\[([^\]]+)\]/g)) {
    if (cur === null || typeof cur !== "object") return undefined;
    if (m[1] !== undefined) cur = (cur as Record<string, unknown>)[m[1]];
    else if (Array.isArray(cur)) cur = /^\d+$/.test(m[2]) ? cur[Number(m[2])] : cur.find((x) => x?.id === m[2]);
    else return undefined;
  }
  return typeof cur === "number" ? cur : undefined;
}

/**
 * The search grid from the flags; without --min/--max it spans half to twice the scenario's
 * value, in 16 steps (whole steps when the value is whole).
 * @throws UsageError naming the flag.
 */
function grid(flags: SolveFlags, current: number | undefined): number[] {
  if ((flags.min === undefined || flags.max === undefined) && (current === undefined || current <= 0)) {
    throw new UsageError(`--min/--max: give both; ${flags.vary} has no positive number in the scenario to start from`);
  }
  const min = flags.min ?? current! / 2;
  const max = flags.max ?? current! * 2;
  if (min > max) throw new UsageError(`--min: ${min} must be <= --max ${max}`);
  const whole = Number.isInteger(min) && Number.isInteger(max) && (current === undefined || Number.isInteger(current));
  const step = flags.step ?? (max === min ? 1 : whole ? Math.max(1, Math.round((max - min) / 16)) : (max - min) / 16);
  checkGridSize(min, max, step);
  return valueGrid(min, max, step);
}

/**
 * Counts the grid before it is built: a step of 1e-9 would ask for billions of points.
 * @throws UsageError `--step: 1e-9 gives 3000000001 grid points from 3 to 6; at most 200`.
 */
function checkGridSize(min: number, max: number, step: number): void {
  const count = Math.floor((max - min) / step + 1e-9) + 1;
  if (!(count <= MAX_GRID_POINTS)) throw new UsageError(`--step: ${step} gives ${count} grid points from ${min} to ${max}; at most ${MAX_GRID_POINTS}`);
}

function curveText(curve: readonly CurvePoint[], vary: string, target: Target): string {
  return textTable(
    ["phase", vary, target.kpi, "95% CI", "n", "meets"],
    curve.map((p) => [p.phase, formatNumber(p.value), formatNumber(p.mean), formatInterval(p.lo, p.hi), String(p.n), p.met ? "yes" : "no"]),
  );
}

/**
 * Installs `mhst solve <scenario> --target "<kpi> <op> <x>" --vary <path>`: the least value of
 * the parameter whose service KPI meets the target with 95 % confidence, by bisection under
 * common random numbers, verified with fresh replications. Exit code 3 when the target is not
 * met at --max (or never confirmed), after printing the curve and the best value reached.
 * @example mhst solve trailblazer-team --target ">= 0.8" --vary casework.slotsPerDay --min 2 --max 6 --step 0.5
 */
export function installSolve(program: Command, io: CliIO): void {
  addExperimentFlags(
    program
      .command("solve")
      .description(describeCommand("solve"))
      .argument("<scenario>", "built-in scenario id or path of a YAML file"),
    20,
  )
    .requiredOption("--target <expr>", 'service KPI target, e.g. ">= 0.8" (shareSeenWithinStandard, the default KPI, a share) or "waitWeeksMeanCensored <= 4"; ops >=, >, <=, <')
    .requiredOption("--vary <path>", "scenario field to vary, as in --set, e.g. casework.slotsPerDay")
    .option("--min <a>", "smallest value tried (default half the scenario's value)", numberArg(Number.isFinite, "a number"))
    .option("--max <b>", "largest value tried (default twice the scenario's value)", numberArg(Number.isFinite, "a number"))
    .option("--step <s>", "grid step (default a 16th of the range)", positiveArg)
    .addHelpText(
      "after",
      "\nMeeting the target means the 95 % CI bound on the far side clears it (lower bound for >=).\n" +
        "Assumes more of the varied parameter never hurts. Exit codes: 0 solved; 3 target not met at --max\n" +
        "(or not confirmed by fresh replications): the best value reached is printed; 2 bad input.\n",
    )
    .action(async (scenario: string, flags: SolveFlags) => {
      let target: Target;
      try {
        target = checkTargetRange(parseTarget(flags.target, KNOWN_KPIS));
      } catch (err) {
        throw new UsageError(`--target: ${(err as Error).message}`);
      }
      if (flags.min !== undefined && flags.max !== undefined && flags.step !== undefined && flags.min <= flags.max) checkGridSize(flags.min, flags.max, flags.step);
      checkParamPath(scenario, "--vary", flags.vary);
      const base = loadModel(scenario, flags.set);
      const values = grid(flags, numberAt(base, flags.vary));
      // Models are loaded as the search reaches them; both ends are loaded first so that a
      // range the scenario rejects fails before any run.
      const models = new Map<number, ServiceModel>();
      const modelAt = (v: number) => {
        if (!models.has(v)) models.set(v, loadModel(scenario, [...flags.set, `${flags.vary}=${v}`], "--vary", `${flags.vary}=${v}`));
        return models.get(v)!;
      };
      modelAt(values[0]);
      modelAt(values[values.length - 1]);
      checkWarmup([base], flags.warmup);
      // As the server counts a solve: the search (about log2 of the grid) plus three more evaluations.
      checkRunWork([modelAt(values[values.length - 1])], flags, 3 + Math.ceil(Math.log2(values.length)));
      const progress = progressBar(io, "solve");
      let result: SolveResult;
      try {
        result = await withRunner({ ...flags, workers: workerCount(flags, io) }, (pool) =>
          solveCapacity({
            grid: values,
            target,
            seed: flags.seed,
            verifySeed: verifySeedOf(flags.seed),
            evaluate: async (value, seed) => {
              const r = await runExperimentParallel(pool, modelAt(value), {
                replications: flags.reps,
                seed,
                warmup: flags.warmup,
                scopes: ["service"],
                onProgress: (done, total) => progress.update(done, total),
              });
              const row = r.kpis.find((k) => k.scope === "service" && k.kpi === target.kpi);
              return (row?.values ?? []).filter((v): v is number => v !== null);
            },
            onPoint: flags.json || !io.isTTY
              ? undefined
              : (p) => io.stderr(`mhst: ${flags.vary}=${formatNumber(p.value)} (${p.phase}): ${target.kpi} ${formatNumber(p.mean)} ${formatInterval(p.lo, p.hi)}\n`),
          }),
        );
      } finally {
        progress.stop();
      }
      const best = `${target.kpi} ${formatNumber(result.best.mean)} ${formatInterval(result.best.lo, result.best.hi)} at ${flags.vary}=${formatNumber(result.best.value)}`;
      if (flags.json) {
        io.stdout(
          JSON.stringify({
            format: "mhst-solve/1",
            scenario: base.name,
            target: formatTarget(target),
            vary: flags.vary,
            grid: { min: values[0], max: values[values.length - 1], step: values.length > 1 ? values[1] - values[0] : null },
            replications: flags.reps,
            seed: flags.seed,
            verifySeed: verifySeedOf(flags.seed),
            ...result,
          }) + "\n",
        );
      } else {
        io.stdout(`${base.name}: ${formatTarget(target)} varying ${flags.vary}, ${flags.reps} replications a point (seed ${flags.seed}; verify seed ${verifySeedOf(flags.seed)})\n`);
        io.stdout(curveText(result.curve, flags.vary, target));
        if (result.status === "solved") io.stdout(`least ${flags.vary} meeting ${formatTarget(target)}: ${formatNumber(result.value)} (${best})\n`);
      }
      if (result.status === "impossible") {
        throw new UsageError(`--target: ${formatTarget(target)} is not met even at --max ${formatNumber(values[values.length - 1])}; best reached: ${best}`, EXIT_TARGET_NOT_MET);
      }
      if (result.status === "unverified") {
        throw new UsageError(`--target: ${formatTarget(target)} was met in the search but no value up to --max was confirmed by fresh replications; best: ${best}`, EXIT_TARGET_NOT_MET);
      }
    });
}
