import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import { validate, VALIDATION_CASES, type ValidationRow } from "../../sim/queueing/index.js";
import { nonNegativeArg, UsageError, type CliIO } from "../program.js";
import { alignTable } from "./queue.js";

const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(2)}%`;
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "-");

function humanTable(rows: ValidationRow[]): string {
  const lines = [["case", "quantity", "simulated", "exact", "rel. error", "95% CI", "result"]];
  for (const r of rows) {
    lines.push([r.case, r.quantity, num(r.simulated), num(r.exact), pct(r.relativeError), `${num(r.ci95[0])} .. ${num(r.ci95[1])}`, r.pass ? "PASS" : "FAIL"]);
  }
  const notes = rows.filter((r) => !r.pass).map((r) => `  ${r.case}, ${r.quantity}: ${r.note}\n`);
  return alignTable(lines, 2) + notes.join("");
}

/**
 * Installs `mhst validate`: runs the engine on fixed queues with closed forms (M/M/1, M/M/c by
 * Erlang C, M/D/1 by Pollaczek–Khinchine, two-class priority by Cobham, Little's law on each)
 * and exits with code 1 when any check fails.
 * @example mhst validate --quick
 */
export function installValidate(program: Command, io: CliIO): void {
  program
    .command("validate")
    // A suggestion ("Did you mean --seed?") would be a second line; errors here are one line.
    .showSuggestionAfterError(false)
    .description(describeCommand("validate"))
    .option("--quick", "about a tenth of the customers: a smoke run where only the 95% interval must cover the exact value")
    .option("--seed <s>", "master seed", nonNegativeArg, 1)
    .option("--json", "print one JSON object")
    .action((flags: { quick?: boolean; seed: number; json?: boolean }) => {
      const t0 = performance.now();
      let events = 0;
      const rows = validate({
        quick: flags.quick ?? false,
        seed: flags.seed,
        onCase: (c, r) => {
          events += r.events;
          if (io.isTTY && !flags.json) io.stderr(`  ${c.name}: ${r.replications} × ${r.model.customers} customers done\n`);
        },
      });
      const wallSeconds = (performance.now() - t0) / 1000;
      const failed = rows.filter((r) => !r.pass).length;
      if (flags.json) {
        io.stdout(`${JSON.stringify({ quick: flags.quick ?? false, cases: VALIDATION_CASES.length, checks: rows.length, failed, events, wallSeconds, rows })}\n`);
      } else {
        io.stdout(humanTable(rows));
        io.stdout(`${rows.length - failed} of ${rows.length} checks passed; ${(events / 1e6).toFixed(0)} M events in ${wallSeconds.toFixed(1)} s\n`);
      }
      if (failed > 0) throw new UsageError(`validate: ${failed} of ${rows.length} checks failed`, 1);
    });
}
