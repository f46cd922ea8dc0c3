import type { CommandInstaller } from "./program.js";

/** One sub-command of `mhst` as `--help` lists it, and how to load its module. */
export interface CommandEntry {
  readonly name: string;
  /** The one-line description (the command module uses the same text). */
  readonly description: string;
  /** How the top-level help shows it, e.g. `run [options] <scenario>`. */
  readonly term: string;
  /** Imports the command's module (and its dependencies) only when the command runs. */
  readonly load: () => Promise<CommandInstaller>;
}

/**
 * Every sub-command of `mhst`, in the order `--help` lists them. `mhst --help` reads only this
 * list, so it loads commander and nothing else; each command's module is imported when it runs.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: "scenario", term: "scenario", description: "list, check and show scenario files", load: async () => (await import("./commands/scenario.js")).installScenario },
  { name: "run", term: "run [options] <scenario>", description: "run replications of a scenario and print KPIs with 95 % confidence intervals", load: async () => (await import("./commands/run.js")).installRun },
  { name: "compare", term: "compare [options] <a> [b]", description: "compare two scenarios under common random numbers: KPIs of both and B − A with a paired 95 % CI", load: async () => (await import("./commands/compare.js")).installCompare },
  { name: "sweep", term: "sweep [options] <scenario>", description: "run a scenario over a grid of one or two parameters and tabulate KPIs per point", load: async () => (await import("./commands/sweep.js")).installSweep },
  { name: "solve", term: "solve [options] <scenario>", description: "find the least parameter value meeting a KPI target with 95 % confidence", load: async () => (await import("./commands/solve.js")).installSolve },
  { name: "calibrate", term: "calibrate [options] <scenario>", description: "fit a scenario's inputs to a service's activity data (CSV) and write the calibrated scenario", load: async () => (await import("./commands/calibrate.js")).installCalibrate },
  { name: "backtest", term: "backtest [options] <scenario>", description: "simulate the period of a service's activity data from its waiting list and compare month by month", load: async () => (await import("./commands/backtest.js")).installBacktest },
  { name: "capacity", term: "capacity [options] <scenario>", description: "demand against capacity per cluster and team in slots per term week, with the waiting list Little's law implies", load: async () => (await import("./commands/capacity.js")).installCapacity },
  { name: "sensitivity", term: "sensitivity [options] <scenario>", description: "rank a scenario's uncertain inputs by their effect on a KPI: one at a time, Morris screening or a Latin hypercube", load: async () => (await import("./commands/sensitivity.js")).installSensitivity },
  { name: "worker", term: "worker [options]", description: "run replication blocks from a Redis queue on this machine's worker threads", load: async () => (await import("./commands/worker.js")).installWorker },
  { name: "queue", term: "queue [options]", description: "simulate an M/M/c or M/D/c queue (optionally with priority classes) against its closed form", load: async () => (await import("./commands/queue.js")).installQueue },
  { name: "validate", term: "validate [options]", description: "check the engine against queueing closed forms (exit code 1 on any failure)", load: async () => (await import("./commands/validate.js")).installValidate },
];

/**
 * The description of a command, from {@link COMMANDS}.
 * @throws Error for a name that is not a command (a programming error).
 */
export function describeCommand(name: string): string {
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) throw new Error(`describeCommand: no command ${name}`);
  return entry.description;
}
