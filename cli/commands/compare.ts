import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import { compareResults, runExperimentsParallel, runUntilPrecision, type ComparisonRow, type ExperimentResult } from "../../sim/experiment/index.js";
import { addPrecisionFlags, DEFAULT_MAX_REPS, precisionTarget, reportPrecision, type PrecisionFlags } from "../precision-input.js";
import { addExperimentFlags, checkRunWork, checkWarmup, checkKpis, loadModel, splitList, withRunner, workerCount, type ExperimentFlags } from "../experiment-input.js";
import { formatInterval, formatNumber, textTable } from "../output.js";
import { progressBar } from "../progress.js";
import { UsageError, type CliIO } from "../program.js";
import { scopeList, warmupText } from "./run.js";

interface CompareFlags extends ExperimentFlags, PrecisionFlags {
  scope: string;
  kpi?: string;
  setA: string[];
  setB: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];
const withSets = (sets: readonly string[]) => (sets.length > 0 ? ` with ${sets.join(", ")}` : "");

function comparisonText(rows: readonly ComparisonRow[], showScope: boolean): string {
  const body = rows.map((r) => [
    ...(showScope ? [r.scope, r.id] : []),
    r.kpi,
    formatNumber(r.meanA),
    formatInterval(r.loA, r.hiA),
    formatNumber(r.meanB),
    formatInterval(r.loB, r.hiB),
    formatNumber(r.diff),
    formatInterval(r.lo, r.hi),
    formatInterval(r.welchLo, r.welchHi),
  ]);
  const head = [...(showScope ? ["scope", "id"] : []), "kpi", "A", "A CI", "B", "B CI", "B − A", "paired CI", "unpaired CI"];
  return textTable(head, body);
}

/**
 * Installs `mhst compare <a> <b>`: both scenarios with the same seed and replication indices
 * (common random numbers), each KPI for both, the difference B − A with its paired interval,
 * and Welch's unpaired interval for contrast.
 * @example mhst compare trailblazer-team mine.yaml --reps 30
 */
export function installCompare(program: Command, io: CliIO): void {
  const cmd = addExperimentFlags(
    program
      .command("compare")
      .description(describeCommand("compare"))
      .argument("<a>", "scenario A (built-in id or YAML file)")
      .argument("[b]", "scenario B (built-in id or YAML file; default: A, changed by --set-b)"),
    20,
  );
  addPrecisionFlags(cmd)
    .option("--scope <list>", "scopes compared: service, team, cluster (comma-separated) or all", "service")
    .option("--kpi <list>", "KPIs compared (comma-separated; default all)")
    .option("--set-a <path=value>", "override a field of scenario A only (repeatable)", collect, [])
    .option("--set-b <path=value>", "override a field of scenario B only (repeatable), e.g. a staffing change", collect, [])
    .addHelpText(
      "after",
      "\n--set applies to both scenarios, --set-a and --set-b to one. The paired CI uses replication r of A\n" +
        "against replication r of B. A staffing change to one scenario:\n" +
        "  mhst compare trailblazer-team --set-b practitioners[emhp-1].endDate=2025-10-27\n",
    )
    .action(async (a: string, bArg: string | undefined, flags: CompareFlags) => {
      if (bArg === undefined && flags.setB.length === 0) {
        throw new UsageError("<b>: give scenario B, or change scenario A with --set-b path=value");
      }
      const b = bArg ?? a;
      const scopes = scopeList(flags.scope);
      const kpis = flags.kpi === undefined ? null : splitList(flags.kpi);
      if (kpis) checkKpis("--kpi", kpis);
      const target = precisionTarget(flags, kpis);
      // A rule that fails only on one side is blamed on that side's own overrides.
      const load = (id: string, own: string[], flag: string) =>
        own.length === 0 ? loadModel(id, flags.set) : loadModel(id, [...flags.set, ...own], flag, own.join(" "));
      const models = [load(a, flags.setA, "--set-a"), load(b, flags.setB, "--set-b")];
      checkWarmup(models, flags.warmup);
      checkRunWork(models, flags);
      const progress = progressBar(io, "replications");
      let ra: ExperimentResult;
      let rb: ExperimentResult;
      if (target) {
        const max = flags.maxReps ?? DEFAULT_MAX_REPS;
        const run = await withRunner({ ...flags, workers: workerCount({ ...flags, reps: max }, io) }, (pool) =>
          runUntilPrecision(pool, models, {
            target,
            seed: flags.seed,
            initial: flags.reps,
            maxReps: max,
            warmup: flags.warmup as "none" | number,
            scopes,
            onProgress: (done, total) => progress.update(done, total),
          }),
        ).finally(() => progress.stop());
        [ra, rb] = run.results;
        reportPrecision(io, target, run, max, `B − A in the service's ${target.kpi} (paired)`);
      } else {
        [ra, rb] = await withRunner({ ...flags, workers: workerCount(flags, io) }, (pool) =>
          runExperimentsParallel(pool, models, {
            replications: flags.reps,
            seed: flags.seed,
            warmup: flags.warmup,
            scopes,
            onProgress: (done, total) => progress.update(done, total),
          }),
        ).finally(() => progress.stop());
      }
      const rows = compareResults(ra, rb, { scopes }).filter((r) => kpis === null || kpis.includes(r.kpi));
      if (flags.json) {
        const meta = (r: typeof ra) => ({ scenario: r.scenario, warmup: r.warmup, horizonWeeks: r.horizonWeeks });
        io.stdout(JSON.stringify({ format: "mhst-comparison/1", seed: ra.seed, replications: ra.replications, level: ra.level, a: meta(ra), b: meta(rb), rows }) + "\n");
        return;
      }
      io.stdout(
        `A: ${ra.scenario}${withSets(flags.setA)} (warm-up ${warmupText(ra.warmup)})\n` +
          `B: ${rb.scenario}${withSets(flags.setB)} (warm-up ${warmupText(rb.warmup)})\n` +
          `${ra.replications} paired replications, seed ${ra.seed}, ${Math.round(ra.level * 100)} % intervals\n` +
          comparisonText(rows, scopes.length > 1 || scopes[0] !== "service"),
      );
    });
}
