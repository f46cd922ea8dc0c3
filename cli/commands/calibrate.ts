import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import { readData } from "../activity-input.js";
import { loadModel, scenarioPath } from "../experiment-input.js";
import { formatNumber, textTable } from "../output.js";
import { Option, rangeIntArg, UsageError, type CliIO } from "../program.js";
import { calibrate, type Estimate, type RateLevel } from "../../sim/calibrate/index.js";
import { ESTIMATE_NAMES, fieldEdits, pathText, writeCalibrated, type FieldEdit } from "../../scenarios/calibrate/index.js";
import { formatIssue, parseScenario, ScenarioError } from "../../scenarios/index.js";

interface CalibrateFlags {
  data: string;
  by?: RateLevel;
  replication: number;
  until?: string;
  out?: string;
  json?: boolean;
}


const interval = (e: Estimate) => (e.lo === null || e.hi === null ? "–" : `[${formatNumber(e.lo)}, ${e.hi === Infinity ? "∞" : formatNumber(e.hi)}]`);

function tableText(estimates: readonly Estimate[], edits: readonly FieldEdit[], unmapped: Map<Estimate, string>): string {
  const fields = new Map<Estimate, string[]>();
  for (const e of edits) if (e.estimate) fields.set(e.estimate, [...(fields.get(e.estimate) ?? []), pathText(e.path)]);
  const rows = estimates.map((e) => {
    const f = fields.get(e);
    const field = f ? (f.length > 2 ? `${f[0]} and ${f.length - 1} more` : f.join(", ")) : e.fitted ? "(not written)" : "(left as it was)";
    return [ESTIMATE_NAMES[e.kind], e.unit ?? "", formatNumber(e.value), interval(e), String(e.n), field, e.fitted ? (unmapped.get(e) ?? "") : e.note];
  });
  return textTable(["estimate", "unit", "value", "95% CI", "n", "scenario field", "note"], rows);
}

/**
 * Installs `mhst calibrate <scenario> --data <file.csv>`: fits the scenario's inputs to a
 * service's activity data and writes a calibrated copy of the scenario.
 * @example mhst calibrate trailblazer-team --data activity.csv --out calibrated.yaml
 */
export function installCalibrate(program: Command, io: CliIO): void {
  program
    .command("calibrate")
    .description(describeCommand("calibrate"))
    .argument("<scenario>", "built-in scenario id or path of a YAML file")
    .requiredOption("--data <file.csv>", "activity data: one CSV row per referral (scenarios/README.md), or the cases.csv of mhst run --out")
    .addOption(new Option("--by <level>", "level of the referral rate (default: the finest with at least 30 referrals in every unit)").choices(["service", "phase", "school"]))
    .option("--replication <n>", "replication taken from a cases.csv", rangeIntArg(0, 100_000), 0)
    .option("--until <date>", "end of the observation (ISO date, inclusive, or simulation day, exclusive); default: the day after the data's last date")
    .option("--out <file.yaml>", "write the calibrated scenario here (comments kept; each changed field says where it came from)")
    .option("--json", "print the estimates and field changes as JSON")
    .addHelpText("after", "\nNothing is written when any step fails (exit code 2).\n")
    .action((scenario: string, flags: CalibrateFlags) => {
      const path = scenarioPath(scenario);
      const model = loadModel(scenario, []);
      const data = readData(flags.data, model, io, flags);
      const result = calibrate(data.records, model, data.period, { by: flags.by });
      const text = readFileSync(path, "utf8");
      const { edits, unmapped } = fieldEdits(result, parseScenario(text, path).doc.toJS() as object, flags.data, { serviceRate: model.referrals.ratePer1000PerWeek });
      let written: string | null = null;
      if (flags.out !== undefined) {
        try {
          written = writeCalibrated(text, path, edits).text;
        } catch (err) {
          if (err instanceof ScenarioError) throw new UsageError(`--out: the calibrated scenario does not load: ${err.issues[0] ? formatIssue(err.issues[0]) : err.message}`);
          throw err;
        }
        try {
          writeFileSync(flags.out, written);
        } catch (err) {
          throw new UsageError(`--out: cannot write ${flags.out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
        }
      }
      if (flags.json) {
        io.stdout(JSON.stringify({ format: "mhst-calibration/1", data: flags.data, rowsRead: data.rowsRead, rowsUsed: data.records.length, dropped: data.dropped, ...result, edits: edits.map((e) => ({ path: pathText(e.path), value: e.value ?? null, comment: e.comment })), unmapped: unmapped.map((u) => ({ kind: u.estimate.kind, unit: u.estimate.unit, reason: u.reason })) }) + "\n");
        return;
      }
      const reasons = new Map(unmapped.map((u) => [u.estimate, u.reason]));
      const left = result.estimates.filter((e) => !e.fitted);
      const removed = edits.filter((e) => e.value === undefined).map((e) => pathText(e.path));
      io.stdout(
        `${flags.data}: ${data.records.length} of ${data.rowsRead} rows used${data.replication !== null ? ` (replication ${data.replication})` : ""}${flags.until !== undefined ? " (referrals from --until on left out)" : ""}, ` +
          `days ${data.period.fromDay} to ${data.period.toDay - 1} (${model.calendar.startDate} is day 0); referral rate by ${result.by} (${result.byReason})\n` +
          tableText(result.estimates, edits, reasons) +
          (left.length ? `\n${left.length} estimate${left.length === 1 ? "" : "s"} had too few rows; ${left.length === 1 ? "its field is" : "their fields are"} left as ${left.length === 1 ? "it was" : "they were"}.\n` : "") +
          (removed.length ? `Removed ${removed.join(", ")}: the service rate covers every school.\n` : "") +
          (flags.out !== undefined ? `Wrote ${flags.out}: ${edits.filter((e) => e.value !== undefined).length} fields changed.\n` : "Give --out file.yaml to write the calibrated scenario.\n"),
      );
    });
}
