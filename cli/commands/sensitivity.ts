import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import { DEFAULT_TARGET_KPI, morrisOptions, planSensitivity, runExperimentsParallel, runSensitivity, SENSITIVITY_METHODS, type LhsRow, type MorrisRow, type OatRow, type SensitivityMethod, type SensitivityOptions, type SensitivityResult, type UncertainFactor } from "../../sim/experiment/index.js";
import { formatIssue, ScenarioError, uncertaintyOf } from "../../scenarios/index.js";
import { addExperimentFlags, checkKpis, checkRunWork, checkWarmup, loadModel, scenarioPath, withRunner, type ExperimentFlags } from "../experiment-input.js";
import { UsageError } from "../errors.js";
import { checkOutDir } from "../out-dir.js";
import { formatInput, formatInterval, formatNumber, textTable, toCsv } from "../output.js";
import { progressBar } from "../progress.js";
import { Option, rangeIntArg, type CliIO } from "../program.js";

interface SensitivityFlags extends ExperimentFlags {
  method: SensitivityMethod;
  kpi: string;
  trajectories?: number;
  levels?: number;
  samples?: number;
  out?: string;
}

const METHOD_NAMES: Record<SensitivityMethod, string> = { oat: "one at a time", morris: "Morris screening", lhs: "Latin hypercube with PRCC" };

/** The design options the flags give, refusing a flag that does not belong to the method. @throws UsageError naming the flag. */
export function designOptions(flags: Pick<SensitivityFlags, "method" | "trajectories" | "levels" | "samples" | "seed">): SensitivityOptions {
  const misplaced = (flag: string, method: SensitivityMethod) => new UsageError(`--${flag}: only for --method ${method} (this is --method ${flags.method})`);
  if (flags.method !== "morris" && flags.trajectories !== undefined) throw misplaced("trajectories", "morris");
  if (flags.method !== "morris" && flags.levels !== undefined) throw misplaced("levels", "morris");
  if (flags.method !== "lhs" && flags.samples !== undefined) throw misplaced("samples", "lhs");
  if (flags.method === "morris") {
    try {
      morrisOptions({ trajectories: flags.trajectories, levels: flags.levels });
    } catch (err) {
      throw new UsageError(`--${(err as Error).message}`);
    }
  }
  return { method: flags.method, trajectories: flags.trajectories, levels: flags.levels, samples: flags.samples, seed: flags.seed };
}

/** The scenario's uncertain inputs. @throws UsageError when it has none, naming the scenario. */
function factorsOf(scenario: string, overrides: readonly string[]): UncertainFactor[] {
  let factors: UncertainFactor[];
  try {
    factors = uncertaintyOf(scenarioPath(scenario), overrides);
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(err.issues[0] ? formatIssue(err.issues[0]) : err.message.split("\n")[0]);
    throw err;
  }
  if (factors.length === 0) {
    throw new UsageError(`<scenario>: ${scenario} has no uncertainty block; list its uncertain inputs there, e.g. "uncertainty: [{ path: casework.dnaShare, range: [0.05, 0.2] }]"`);
  }
  return factors;
}

/** The analysis as a text table, most influential input first. */
export function sensitivityText(r: SensitivityResult): string {
  const head = `${r.scenario}: ${METHOD_NAMES[r.method]}, ${r.factors.length} inputs, ${r.points} design points × ${r.replications} replication${r.replications === 1 ? "" : "s"} (seed ${r.seed}), service ${r.kpi}\n`;
  const range = (x: { low: number; high: number }) => `${formatInput(x.low)}–${formatInput(x.high)}`;
  if (r.method === "oat") {
    const rows = (r.rows as OatRow[]).map((x) => [x.parameter, range(x), formatInput(x.base), formatNumber(x.lowMean), formatNumber(x.highMean), formatNumber(x.swing), formatInterval(x.swingLo, x.swingHi)]);
    const base = (r.rows[0] as OatRow | undefined)?.baseMean ?? null;
    // A swing of exactly 0 in every pair is a finding, not a fault: say so, lest it read as a field that does nothing
    // (the dashboard's Sensitivity view, server/web/sensitivity-panel.ts, applies the same rule).
    const still = (r.rows as OatRow[]).filter((x) => x.swing === 0 && x.swingLo === 0 && x.swingHi === 0).map((x) => x.parameter);
    const note = still.length === 0 ? "" : `\nnote: ${still.join(", ")} gave the same ${r.kpi} at low and at high in every replication: within ${still.length === 1 ? "its range it does" : "their ranges they do"} not move this KPI, though ${still.length === 1 ? "it" : "they"} may move others (try another --kpi)\n`;
    return `${head}base ${r.kpi} ${formatNumber(base)}; swing = KPI at high − KPI at low, paired 95 % interval under common random numbers\n` +
      textTable(["parameter", "range", "base", "at low", "at high", "swing", "95% CI"], rows) + note;
  }
  if (r.method === "morris") {
    const rows = (r.rows as MorrisRow[]).map((x) => [x.parameter, range(x), formatNumber(x.muStar), formatNumber(x.mu), formatNumber(x.sigma), String(x.n)]);
    return `${head}${r.trajectories} trajectories on ${r.levels} levels; effects in KPI units per full range of the input\n` + textTable(["parameter", "range", "mu*", "mu", "sigma", "n"], rows);
  }
  const rows = (r.rows as LhsRow[]).map((x) => [x.parameter, range(x), formatNumber(x.prcc), x.p === null ? "–" : x.p < 0.001 ? "<0.001" : x.p.toFixed(3)]);
  return `${head}${r.samples} samples; PRCC = partial rank correlation with the KPI, the other inputs held fixed\n` + textTable(["parameter", "range", "prcc", "p"], rows);
}

/**
 * Installs `mhst sensitivity <scenario> --method oat|morris|lhs`: which of the scenario's
 * uncertain inputs (its `uncertainty` block) drive a service KPI. Every design point runs the
 * same seed and replications (common random numbers); `--json` prints the SensitivityResult
 * (`rows[]` with `parameter` and the method's statistics); `--out` also writes the rows as CSV and
 * the method's chart as Vega-Lite and SVG.
 * @example mhst sensitivity trailblazer-team --method morris --trajectories 8 --reps 5
 */
export function installSensitivity(program: Command, io: CliIO): void {
  addExperimentFlags(
    program
      .command("sensitivity")
      .description(describeCommand("sensitivity"))
      .argument("<scenario>", "built-in scenario id or path of a YAML file with an uncertainty block"),
    10,
  )
    .addOption(new Option("--method <m>", "oat (one at a time), morris (elementary effects) or lhs (Latin hypercube with PRCC)").choices([...SENSITIVITY_METHODS]).makeOptionMandatory())
    .option("--kpi <name>", "service KPI to analyse", DEFAULT_TARGET_KPI)
    .option("--trajectories <n>", "Morris trajectories, 2 to 1000 (default 10); each costs inputs + 1 design points", rangeIntArg(2, 1000))
    .option("--levels <p>", "Morris grid levels, an even number from 2 to 20 (default 4)", rangeIntArg(2, 20))
    .option("--samples <n>", "Latin hypercube samples, inputs + 2 to 10000 (default 50)", rangeIntArg(3, 10_000))
    .option("--out <dir>", "also write sensitivity.json, sensitivity.csv and the chart (.vl.json, .svg) into this folder")
    .action(async (scenario: string, flags: SensitivityFlags) => {
      checkKpis("--kpi", [flags.kpi]);
      if (flags.out !== undefined) checkOutDir("--out", flags.out);
      const options = designOptions(flags);
      const factors = factorsOf(scenario, flags.set);
      const base = loadModel(scenario, flags.set);
      let points: number;
      try {
        points = planSensitivity(factors, options).points.length;
      } catch (err) {
        throw new UsageError(`--${(err as Error).message}`);
      }
      const designFlag = flags.method === "morris" ? "--trajectories" : flags.method === "lhs" ? "--samples" : "uncertainty";
      const sizeOf = (check: () => void) => {
        try {
          check();
        } catch (err) {
          // A design beyond the work limit names the flag that sets its size; other problems stand as they are.
          if (err instanceof UsageError && err.message.includes("work units")) throw new UsageError(`${designFlag}: ${points} design points × ${flags.reps} replications; ${err.message}`);
          throw err;
        }
      };
      // The whole design, estimated on the base scenario before any point is loaded.
      sizeOf(() => checkRunWork([base], flags, points));
      const progress = progressBar(io, `${points} points`);
      const result = await runSensitivity({
        factors,
        options,
        kpi: flags.kpi,
        replications: flags.reps,
        seed: flags.seed,
        load: (overrides) => loadModel(scenario, [...flags.set, ...overrides], "uncertainty", overrides.join(" ")),
        check: (models) => {
          checkWarmup(models, flags.warmup);
          sizeOf(() => checkRunWork(models, flags));
        },
        run: (models) =>
          withRunner({ ...flags, workers: poolSize(flags.workers, models.length, flags.reps, io) }, (runner) =>
            runExperimentsParallel(runner, models, { replications: flags.reps, seed: flags.seed, warmup: flags.warmup, scopes: ["service"], onProgress: (d, t) => progress.update(d, t) }),
          ).finally(() => progress.stop()),
      });
      if (flags.out !== undefined) await writeOut(flags.out, result);
      io.stdout(flags.json ? `${JSON.stringify(result)}\n` : sensitivityText(result));
    });
}

/**
 * Worker threads for a design: --workers (default one per core), capped at the cores and at the
 * replications of the whole design (every point's replications share the pool), with a stderr
 * line when it caps a number given.
 */
function poolSize(workers: number | undefined, points: number, reps: number, io: CliIO): number {
  const cores = availableParallelism();
  const cap = Math.max(1, Math.min(points * reps, cores));
  if (workers === undefined) return cap;
  if (workers > cap) io.stderr(`mhst: --workers ${workers} capped at ${cap} (no more than the ${points} design points × ${reps} replications and the ${cores} cores)\n`);
  return Math.min(workers, cap);
}

/** Writes the result, its rows as CSV and its chart (Vega-Lite spec and SVG) into `dir`. */
async function writeOut(dir: string, result: SensitivityResult): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "sensitivity.json"), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, "sensitivity.csv"), toCsv(result.rows));
  const { sensitivityChart } = await import("../../server/charts/sensitivity.js");
  const { chartSvg, chartVegaLite } = await import("../../server/charts/render.js");
  const chart = sensitivityChart(result, { scenario: result.scenario, replications: result.replications, seed: result.seed, date: new Date().toISOString(), runId: "mhst sensitivity" });
  writeFileSync(join(dir, `${chart.name}.vl.json`), chartVegaLite(chart));
  writeFileSync(join(dir, `${chart.name}.svg`), await chartSvg(chart));
}
