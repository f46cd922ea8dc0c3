import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import { runExperimentParallel, runUntilPrecision, type ExperimentResult, type ScopeKind } from "../../sim/experiment/index.js";
import { addPrecisionFlags, DEFAULT_MAX_REPS, precisionTarget, reportPrecision, type PrecisionFlags } from "../precision-input.js";
import { addExperimentFlags, checkRunWork, checkWarmup, checkKpis, loadModel, splitList, withRunner, workerCount, type ExperimentFlags } from "../experiment-input.js";
import { formatInterval, formatNumber, textTable, toCsv } from "../output.js";
import { progressBar } from "../progress.js";
import type { CliIO } from "../program.js";
import { KPI_DOCS, type ServiceModel } from "../../sim/model/index.js";
import { RecordWriter } from "../record-writer.js";
import { UsageError } from "../errors.js";
import { checkOutDir } from "../out-dir.js";

interface RunFlags extends ExperimentFlags, PrecisionFlags {
  out?: string;
  scope: string;
  kpi?: string;
}

const SCOPES: readonly ScopeKind[] = ["service", "team", "cluster"];

/** Scope list of --scope. @throws UsageError naming the flag. */
export function scopeList(raw: string): ScopeKind[] {
  const list = raw === "all" ? [...SCOPES] : splitList(raw);
  for (const s of list) {
    if (!SCOPES.includes(s as ScopeKind)) throw new UsageError(`--scope: ${JSON.stringify(s)} must be service, team, cluster or all`);
  }
  return list as ScopeKind[];
}

/** A warm-up as words, e.g. `auto: 10 weeks (MSER-5)`. */
export const warmupText = (w: ExperimentResult["warmup"]): string =>
  w.mode === "none" ? "none" : w.mode === "fixed" ? `${w.weeks} weeks` : `auto: ${w.weeks} weeks (MSER-5 over ${w.batches} batches)`;

/** The KPI table of a result as text, with each team's and cluster's name beside its id. */
function kpiText(result: ExperimentResult, model: ServiceModel, scopes: readonly ScopeKind[], kpis: readonly string[] | null): string {
  const names = new Map<string, string>([["service", model.name], ...model.teams.map((t) => [`team ${t.id}`, t.name] as const), ...model.clusters.map((c) => [`cluster ${c.id}`, c.name] as const)]);
  const rows = result.kpis
    .filter((k) => scopes.includes(k.scope) && (kpis === null || kpis.includes(k.kpi)))
    .map((k) => [k.scope, k.id, names.get(k.scope === "service" ? "service" : `${k.scope} ${k.id}`) ?? "", k.kpi, formatNumber(k.mean), formatInterval(k.lo, k.hi), formatNumber(k.sd)]);
  const head =
    `${result.scenario}: ${result.replications} replications (seed ${result.seed}), ${result.horizonWeeks} weeks, ` +
    `warm-up ${warmupText(result.warmup)}, ${Math.round(result.level * 100)} % intervals\n`;
  const startedOnly = [...new Set(result.kpis.map((k) => k.kpi))].filter((k) => (kpis === null || kpis.includes(k)) && KPI_DOCS[k]?.label.endsWith("(started only)"));
  const note = startedOnly.length ? `\n${startedOnly.join(", ")}: started children only (children still waiting are not counted; see shareSeenWithinStandard and waitWeeksMeanCensored)\n` : "";
  return head + textTable(["scope", "id", "name", "kpi", "mean", `${Math.round(result.level * 100)}% CI`, "sd"], rows) + note;
}

/**
 * Installs `mhst run <scenario>`: R replications on a worker pool, KPIs per service, team and
 * cluster with mean and Student-t interval; --out also writes every record.
 * @example mhst run trailblazer-team --reps 50 --set casework.slotsPerDay=4 --out results/
 */
export function installRun(program: Command, io: CliIO): void {
  const cmd = addExperimentFlags(
    program
      .command("run")
      .description(describeCommand("run"))
      .argument("<scenario>", "built-in scenario id or path of a YAML file"),
    20,
  );
  addPrecisionFlags(cmd)
    .option("--scope <list>", "scopes computed and printed: service, team, cluster (comma-separated) or all", "all")
    .option("--kpi <list>", "KPIs printed (comma-separated; default all)")
    .option("--out <dir>", "write records (cases, weeks, practitioner weeks; CSV and JSON) and the KPI table to a directory")
    .addHelpText("after", "\nWith --json, stdout holds only the ExperimentResult JSON; progress goes to stderr.\n")
    .action(async (scenario: string, flags: RunFlags) => {
      if (flags.out !== undefined) checkOutDir("--out", flags.out);
      const scopes = scopeList(flags.scope);
      const kpis = flags.kpi === undefined ? null : splitList(flags.kpi);
      if (kpis) checkKpis("--kpi", kpis);
      const target = precisionTarget(flags, kpis);
      if (flags.out !== undefined && flags.redis !== undefined) {
        throw new UsageError(`--out: records are not sent through the queue; drop --out or --redis`);
      }
      const model = loadModel(scenario, flags.set);
      checkWarmup([model], flags.warmup);
      checkRunWork([model], flags);
      let writer: RecordWriter | null = null;
      try {
        writer = flags.out ? new RecordWriter(flags.out) : null;
      } catch (err) {
        throw new UsageError(`--out: cannot write to ${flags.out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      const progress = progressBar(io, "replications");
      let result: ExperimentResult;
      const max = flags.maxReps ?? DEFAULT_MAX_REPS;
      try {
        if (target) {
          const run = await withRunner({ ...flags, workers: workerCount({ ...flags, reps: max }, io) }, (pool) =>
            runUntilPrecision(pool, [model], {
              target,
              seed: flags.seed,
              initial: flags.reps,
              maxReps: max,
              warmup: flags.warmup as "none" | number,
              scopes,
              onProgress: (done, total) => progress.update(done, total),
              onRecords: writer ? (records, r) => writer!.write(records, r) : undefined,
            }),
          );
          result = run.results[0];
          progress.stop();
          reportPrecision(io, target, run, max, `the service's ${target.kpi}`);
        } else result = await withRunner({ ...flags, workers: workerCount(flags, io) }, (pool) =>
          runExperimentParallel(pool, model, {
            replications: flags.reps,
            seed: flags.seed,
            warmup: flags.warmup,
            scopes,
            onProgress: (done, total) => progress.update(done, total),
            onRecords: writer ? (records, r) => writer!.write(records, r) : undefined,
          }),
        );
      } finally {
        progress.stop();
        writer?.close();
      }
      if (flags.out) {
        writeFileSync(join(flags.out, "kpis.csv"), toCsv(result.kpis.map(({ values: _values, ...k }) => k)));
        writeFileSync(join(flags.out, "result.json"), JSON.stringify(result) + "\n");
        io.stderr(`mhst: wrote records, kpis.csv and result.json to ${flags.out}\n`);
      }
      io.stdout(flags.json ? JSON.stringify(result) + "\n" : kpiText(result, model, scopes, kpis));
    });
}
