import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import { loadModel } from "../experiment-input.js";
import { formatNumber, textTable } from "../output.js";
import { positiveArg, type CliIO } from "../program.js";
import { analyseCapacity } from "../../sim/capacity/index.js";

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Installs `mhst capacity <scenario>`: demand against capacity per cluster and team, in slots
 * per term week, with the waiting list Little's law implies for the standard.
 * @example mhst capacity trailblazer-team --clear-weeks 8
 */
export function installCapacity(program: Command, io: CliIO): void {
  program
    .command("capacity")
    .description(describeCommand("capacity"))
    .argument("<scenario>", "built-in scenario id or path of a YAML file")
    .option("--clear-weeks <weeks>", "weeks in which to bring the current list down to the standard's", positiveArg, 12)
    .option("--set <path=value>", "override a scenario field (repeatable)", collect, [])
    .option("--json", "print the analysis as JSON")
    .action((scenario: string, flags: { clearWeeks: number; set: string[]; json?: boolean }) => {
      const model = loadModel(scenario, flags.set);
      const a = analyseCapacity(model, flags.clearWeeks);
      if (flags.json) {
        io.stdout(JSON.stringify({ format: "mhst-capacity/1", scenario: model.name, ...a }) + "\n");
        return;
      }
      const rows = a.rows.map((r) => [r.scope, r.id, formatNumber(r.referrals), formatNumber(r.accepted), formatNumber(r.demandSlots), formatNumber(r.capacitySlots), formatNumber(r.ratio), formatNumber(r.standardList), String(r.currentList), formatNumber(r.extraSlots)]);
      io.stdout(
        `${model.name}: slots per term week (${formatNumber(a.termWeeks)} term weeks a year); extra capacity to reach the standard's list within ${flags.clearWeeks} weeks\n` +
          textTable(["scope", "id", "referrals", "accepted", "demand", "capacity", "ratio", "list (standard)", "list now", "extra"], rows) +
          `\nAssumptions: ${a.assumptions.join("; ")}.\n`,
      );
    });
}
