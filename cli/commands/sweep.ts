import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import { runExperimentsParallel, pointOverrides, sweepGrid, sweepTable, type SweepParam } from "../../sim/experiment/index.js";
import { addExperimentFlags, checkRunWork, checkWarmup, checkKpis, checkParamPath, loadModel, numberList, splitList, withRunner, workerCount, type ExperimentFlags } from "../experiment-input.js";
import { UsageError } from "../errors.js";
import { formatInterval, formatNumber, textTable } from "../output.js";
import { progressBar } from "../progress.js";
import type { CliIO } from "../program.js";

interface SweepFlags extends ExperimentFlags {
  param: string[];
  values: string[];
  kpi?: string;
  csv?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Reads --param/--values pairs (the i-th --values belongs to the i-th --param).
 * @throws UsageError naming the flag.
 */
export function sweepParams(scenario: string, params: readonly string[], values: readonly string[]): SweepParam[] {
  if (params.length === 0) throw new UsageError("--param: give one or two parameters to sweep, e.g. --param casework.slotsPerDay --values 3,4");
  if (params.length > 2) throw new UsageError(`--param: ${params.length} parameters given; a sweep takes one or two`);
  if (values.length !== params.length) {
    throw new UsageError(`--values: give one list per --param (${params.length} --param, ${values.length} --values)`);
  }
  return params.map((path, i) => {
    checkParamPath(scenario, "--param", path);
    return { path, values: numberList("--values", values[i]) };
  });
}

/**
 * Installs `mhst sweep <scenario> --param <path> --values <list> [--param … --values …]`: the
 * KPIs at every point of a one- or two-parameter grid, as a tidy table (point, parameters,
 * kpi, mean, lo, hi, sd, n). Every point uses the same seed, so points differ only by the
 * parameters (common random numbers).
 * @example mhst sweep trailblazer-team --param casework.slotsPerDay --values 3,3.5,4 --csv
 */
export function installSweep(program: Command, io: CliIO): void {
  addExperimentFlags(
    program
      .command("sweep")
      .description(describeCommand("sweep"))
      .argument("<scenario>", "built-in scenario id or path of a YAML file"),
    20,
  )
    .option("--param <path>", "scenario field to sweep, as in --set (repeatable, at most 2)", collect, [])
    .option("--values <list>", "comma-separated values of the matching --param, e.g. 1,1.5,2", collect, [])
    .option("--kpi <list>", "KPIs in the table (comma-separated; default all)")
    .option("--csv", "print the table as CSV")
    .action(async (scenario: string, flags: SweepFlags) => {
      const params = sweepParams(scenario, flags.param, flags.values);
      const kpis = flags.kpi === undefined ? undefined : splitList(flags.kpi);
      if (kpis) checkKpis("--kpi", kpis);
      if (flags.json && flags.csv) throw new UsageError("--csv: choose one of --json and --csv");
      const points = sweepGrid(params);
      const models = points.map((p) => loadModel(scenario, [...flags.set, ...pointOverrides(p)], "--values", pointOverrides(p).join(" ")));
      checkWarmup(models, flags.warmup);
      checkRunWork(models, flags);
      const progress = progressBar(io, `${points.length} points`);
      const results = await withRunner({ ...flags, workers: workerCount(flags, io) }, (pool) =>
        runExperimentsParallel(pool, models, {
          replications: flags.reps,
          seed: flags.seed,
          warmup: flags.warmup,
          scopes: ["service"],
          onProgress: (done, total) => progress.update(done, total),
        }),
      ).finally(() => progress.stop());
      const table = sweepTable(points, results, { kpis });
      if (flags.json) io.stdout(JSON.stringify(table.objects()) + "\n");
      else if (flags.csv) io.stdout(table.toCSV().replace(/\n?$/, "\n"));
      else {
        const paths = params.map((p) => p.path);
        const rows = (table.objects() as Record<string, unknown>[]).map((r) => [
          ...paths.map((p) => formatNumber(r[p] as number)),
          String(r.kpi),
          formatNumber(r.mean as number | null),
          formatInterval(r.lo as number | null, r.hi as number | null),
        ]);
        io.stdout(
          `${results[0].scenario}: ${points.length} points × ${flags.reps} replications (seed ${flags.seed}), service KPIs\n` +
            textTable([...paths, "kpi", "mean", "95% CI"], rows),
        );
      }
    });
}
