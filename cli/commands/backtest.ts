import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import { readData } from "../activity-input.js";
import { backtestSpec } from "../../server/charts/backtest.js";
import { loadModel, withPool, workerCount } from "../experiment-input.js";
import { formatNumber, textTable } from "../output.js";
import { progressBar } from "../progress.js";
import { MAX_REPS, MAX_WORKERS, rangeIntArg, seedArg, type CliIO } from "../program.js";
import { BACKTEST_MEASURES } from "../../sim/calibrate/index.js";
import { runExperimentParallel } from "../../sim/experiment/index.js";
import { backtestResult, backtestSetup, simulatedMeasures, type MonthlyMeasures } from "../../scenarios/calibrate/index.js";

interface BacktestFlags {
  data: string;
  reps: number;
  seed: number;
  workers?: number;
  replication: number;
  until?: string;
  set: string[];
  json?: boolean;
  chart?: string;
  svg?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Installs `mhst backtest <scenario> --data <file.csv>`: simulates the data's period from the
 * waiting list on its first day and compares month by month.
 * @example mhst backtest calibrated.yaml --data activity.csv --reps 40 --chart backtest.vl.json
 */
export function installBacktest(program: Command, io: CliIO): void {
  program
    .command("backtest")
    .description(describeCommand("backtest"))
    .argument("<scenario>", "built-in scenario id or path of a YAML file")
    .requiredOption("--data <file.csv>", "activity data (scenarios/README.md), or the cases.csv of mhst run --out")
    .option("--reps <n>", `replications (2 to ${MAX_REPS})`, rangeIntArg(2, MAX_REPS), 20)
    .option("--seed <s>", "master seed of the simulation", seedArg, 1)
    .option("--workers <w>", `worker threads, 1 to ${MAX_WORKERS}`, rangeIntArg(1, MAX_WORKERS))
    .option("--replication <n>", "replication taken from a cases.csv", rangeIntArg(0, 100_000), 0)
    .option("--until <date>", "end of the observation (ISO date, inclusive, or simulation day); default: the day after the data's last date")
    .option("--set <path=value>", "override a scenario field (repeatable)", collect, [])
    .option("--json", "print months[] and summary as JSON")
    .option("--chart <file.vl.json>", "write the chart (observed points over the simulated 10–90 % band) as a Vega-Lite spec")
    .option("--svg <file.svg>", "write the chart as SVG")
    .action(async (scenario: string, flags: BacktestFlags) => {
      const base = loadModel(scenario, flags.set);
      const data = readData(flags.data, base, io, flags);
      const { fromDay, toDay } = data.period;
      const setup = backtestSetup(base, data.records, data.period);
      // The simulation covers the data's period only, from its waiting list on the first day.
      const model = loadModel(scenario, [...flags.set, ...setup.overrides]);
      const simulated: MonthlyMeasures[] = [];
      const progress = progressBar(io, "replications");
      try {
        await withPool(workerCount(flags, io), (pool) =>
          runExperimentParallel(pool, model, {
            replications: flags.reps,
            seed: flags.seed,
            scopes: ["service"],
            onProgress: (done, total) => progress.update(done, total),
            onRecords: (records) => void simulated.push(simulatedMeasures(setup, base, model, records.cases)),
          }),
        );
      } finally {
        progress.stop();
      }
      const { months: rows, summary } = backtestResult(setup, simulated);
      const title = `Back-test of ${model.name} against ${flags.data}`;
      const subtitle = `${flags.reps} replications (seed ${flags.seed}) from a waiting list of ${setup.initialPerCluster} per cluster (${setup.initialWaiting} waiting on ${setup.from}); band = simulated 10th–90th percentile, line = median`;
      const spec = backtestSpec(rows, title, subtitle);
      if (flags.chart) writeFileSync(flags.chart, `${JSON.stringify(spec, null, 2)}\n`);
      if (flags.svg) {
        const { chartSvg } = await import("../../server/charts/render.js");
        writeFileSync(flags.svg, await chartSvg({ name: "backtest", title, spec, rows: [], columns: [] }));
      }
      if (flags.json) {
        io.stdout(JSON.stringify({ format: "mhst-backtest/1", scenario: model.name, data: flags.data, replications: flags.reps, seed: flags.seed, period: data.period, initialWaiting: setup.initialWaiting, initialPerCluster: setup.initialPerCluster, months: rows, summary }) + "\n");
        return;
      }
      const pct = (v: number | null) => (v === null ? "–" : `${Math.round(v * 100)} %`);
      const table = textTable(
        ["measure", "month", "observed", "p10", "median", "p90", "in band"],
        rows.map((r) => [r.measure, r.month, formatNumber(r.observed), formatNumber(r.p10), formatNumber(r.median), formatNumber(r.p90), r.inside === null ? "–" : r.inside ? "yes" : "no"]),
      );
      const per = BACKTEST_MEASURES.map((m) => `${m} ${pct(summary.byMeasure[m].shareInsideBand)}`).join(", ");
      io.stdout(`${title}: days ${fromDay} to ${toDay - 1}, ${subtitle}\n${table}\nObserved months inside the band: ${pct(summary.shareInsideBand)} of ${summary.months} (${per})\n`);
    });
}
