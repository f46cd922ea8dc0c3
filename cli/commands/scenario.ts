import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import { stringify } from "yaml";
import type { CliIO } from "../program.js";
import { UsageError } from "../errors.js";
import {
  formatIssue,
  scenarioWarnings,
  listBuiltinScenarios, loadScenario, loadScenarioFile, ScenarioError, scenarioJsonSchema,
} from "../../scenarios/index.js";
import type { ServiceModel } from "../../sim/model/config.js";

const collect = (value: string, previous: string[]) => [...previous, value];
const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** One-line shape of a loaded scenario. */
function counts(m: ServiceModel): { teams: number; schools: number; practitioners: number; pupils: number; clusters: number } {
  return {
    teams: m.teams.length,
    clusters: m.clusters.length,
    schools: m.schools.length,
    practitioners: m.practitioners.length,
    pupils: m.schools.reduce((a, s) => a + s.pupils, 0),
  };
}

/** Loads a scenario by id or path, turning scenario problems into a usage error (exit 2). */
function load(idOrPath: string, overrides: string[]): ServiceModel {
  try {
    return loadScenario(idOrPath, { overrides });
  } catch (err) {
    if (err instanceof ScenarioError) {
      // One problem is one line (a missing file, a syntax error); several get a heading.
      if (err.issues.length === 1) throw new UsageError(err.message);
      throw new UsageError(`${n(err.issues.length, "problem")} in scenario ${idOrPath}:\n${err.message}`);
    }
    throw err;
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 || c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd()).join("\n") + "\n";
}

/**
 * Installs `mhst scenario` with sub-commands list, check, show and schema.
 * @example mhst scenario check trailblazer-team --set calendar.years=3
 */
export function installScenario(program: Command, io: CliIO): void {
  const cmd = program.command("scenario").description(describeCommand("scenario"));

  cmd.command("list")
    .description("list the built-in scenarios with their teams, schools and practitioners")
    .action(() => {
      const rows = [["id", "name", "teams", "schools", "practitioners"]];
      for (const s of listBuiltinScenarios()) {
        const c = counts(loadScenarioFile(s.path));
        rows.push([s.id, s.name, String(c.teams), String(c.schools), String(c.practitioners)]);
      }
      io.stdout(table(rows));
    });

  cmd.command("check")
    .description("load a scenario (built-in id or file) and print a summary, or every problem")
    .argument("<scenario>", "built-in id or path of a YAML file")
    .option("--set <path=value>", "override a field, e.g. casework.slotsPerDay=3 (repeatable)", collect, [])
    .action((idOrPath: string, opts: { set: string[] }) => {
      const m = load(idOrPath, opts.set);
      const c = counts(m);
      const cal = m.calendar;
      io.stdout(
        `${idOrPath}: ok — ${m.name}\n` +
          `  ${n(c.teams, "team")}, ${n(c.clusters, "cluster")}, ${n(c.schools, "school")}, ${n(c.pupils, "pupil")}, ${n(c.practitioners, "practitioner")}\n` +
          `  ${horizonLine(cal)}; terms ${cal.terms.map((t) => t.name).join(", ")}\n` +
          scenarioWarnings(m).map((w) => `warning: ${formatIssue(w)}\n`).join(""),
      );
    });

  cmd.command("show")
    .description("print the scenario with every default filled in")
    .argument("<scenario>", "built-in id or path of a YAML file")
    .option("--set <path=value>", "override a field (repeatable)", collect, [])
    .option("--json", "print JSON instead of YAML")
    .action((idOrPath: string, opts: { set: string[]; json?: boolean }) => {
      const m = load(idOrPath, opts.set);
      io.stdout(opts.json ? `${JSON.stringify(m, null, 2)}\n` : stringify(m, { flowCollectionPadding: false, lineWidth: 0 }));
    });

  cmd.command("schema")
    .description("print the JSON Schema of scenario files (for editors)")
    .option("--out <file>", "write it to a file instead, e.g. scenarios/schema.json")
    .action((opts: { out?: string }) => {
      const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
      if (!opts.out) return io.stdout(text);
      try {
        writeFileSync(opts.out, text);
      } catch (err) {
        throw new UsageError(`--out: cannot write ${opts.out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    });
}

/** "1 school year from 2025-09-01", or with a horizon "26 weeks, 2025-09-01 to 2026-03-01 (calendar.horizon)". */
function horizonLine(cal: ServiceModel["calendar"]): string {
  if (cal.horizonDays === undefined) return `${n(cal.years, "school year")} from ${cal.startDate}`;
  const end = new Date(Date.parse(`${cal.startDate}T00:00:00Z`) + (cal.horizonDays - 1) * 86_400_000).toISOString().slice(0, 10);
  return `${n(cal.horizonDays / 7, "week")}, ${cal.startDate} to ${end} (calendar.horizon)`;
}
