import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import { readData } from "../activity-input.js";
import { backtestSpec } from "../backtest-chart.js";
import { loadModel, withPool, workerCount } from "../experiment-input.js";
import { formatNumber, textTable } from "../output.js";
import { progressBar } from "../progress.js";
import { MAX_REPS, MAX_WORKERS, rangeIntArg, seedArg, UsageError, type CliIO } from "../program.js";
import { BACKTEST_MEASURES, compareMonths, monthlyMeasures, monthSpans, observedFromCase, waitingAtStart, type BacktestMeasure } from "../../sim/calibrate/index.js";
import { runExperimentParallel } from "../../sim/experiment/index.js";
import { buildCalendar, type ServiceModel } from "../../sim/model/index.js";

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
      const start = waitingAtStart(data.records, fromDay);
      const perCluster = Math.round(start.length / Math.max(1, base.clusters.length));
      // The simulation starts on the data's first day, from its waiting list: day 0 moves there
      // (the calendar cuts the terms before it), the horizon still runs calendar.years from it.
      const listed = loadModel(scenario, [...flags.set, `waitlist.initialPerCluster=${perCluster}`]);
      const model: ServiceModel = fromDay > 0 ? { ...listed, calendar: { ...listed.calendar, startDate: buildCalendar(base.calendar).date(fromDay) } } : listed;
      if (fromDay + buildCalendar(model.calendar).horizonDays < toDay) {
        throw new UsageError(`--data: the data run to day ${toDay - 1}, beyond the scenario's horizon from day ${fromDay}; raise calendar.years`);
      }
      const months = monthSpans(base.calendar.startDate, data.period);
      const std = new Map(base.teams.map((t) => [t.id, Math.round((t.firstContactWeeks ?? base.standards.firstContactWeeks) * 7)]));
      const clusterTeam = new Map(base.clusters.map((c) => [c.id, c.team]));
      const schoolTeam = new Map(base.schools.map((s) => [s.id, clusterTeam.get(s.cluster)!]));
      const standardDays = (school: string) => std.get(schoolTeam.get(school)!)!;
      const observed = monthlyMeasures(data.records, months, standardDays);
      const simulated: Record<BacktestMeasure, (number | null)[]>[] = [];
      const progress = progressBar(io, "replications");
      try {
        await withPool(workerCount(flags, io), (pool) =>
          runExperimentParallel(pool, model, {
            replications: flags.reps,
            seed: flags.seed,
            scopes: ["service"],
            onProgress: (done, total) => progress.update(done, total),
            // Only the data's period is compared: simulated cases are cut to it by the month spans.
            onRecords: (records) => void simulated.push(monthlyMeasures(records.cases.map((c) => observedFromCase(c, fromDay)), months, standardDays)),
          }),
        );
      } finally {
        progress.stop();
      }
      const { months: rows, summary } = compareMonths(months, observed, simulated);
      const title = `Back-test of ${model.name} against ${flags.data}`;
      const subtitle = `${flags.reps} replications (seed ${flags.seed}) from a waiting list of ${perCluster} per cluster (${start.length} waiting on day ${fromDay}); band = simulated 10th–90th percentile, line = median`;
      const spec = backtestSpec(rows, title, subtitle);
      if (flags.chart) writeFileSync(flags.chart, `${JSON.stringify(spec, null, 2)}\n`);
      if (flags.svg) {
        const { chartSvg } = await import("../../server/charts/render.js");
        writeFileSync(flags.svg, await chartSvg({ name: "backtest", title, spec, rows: [], columns: [] }));
      }
      if (flags.json) {
        io.stdout(JSON.stringify({ format: "mhst-backtest/1", scenario: model.name, data: flags.data, replications: flags.reps, seed: flags.seed, period: data.period, initialWaiting: start.length, initialPerCluster: perCluster, months: rows, summary }) + "\n");
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
