import { buildProgram, runProgram, type CliIO, type CommandInstaller } from "./program.js";
import { installScenario } from "./commands/scenario.js";
import { installQueue } from "./commands/queue.js";
import { installValidate } from "./commands/validate.js";
import { installRun } from "./commands/run.js";
import { installCompare } from "./commands/compare.js";
import { installSweep } from "./commands/sweep.js";
import { installSolve } from "./commands/solve.js";
import { installWorker } from "./commands/worker.js";

/** Every sub-command of `mhst`, in the order `--help` lists them. */
const installers: CommandInstaller[] = [
  installScenario,
  installRun,
  installCompare,
  installSweep,
  installSolve,
  installWorker,
  installQueue,
  installValidate,
];

/**
 * Entry point of the `mhst` command.
 * @returns the process exit code.
 */
export async function main(argv: string[], io?: CliIO): Promise<number> {
  const sinks: CliIO = io ?? {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    isTTY: Boolean(process.stderr.isTTY),
  };
  const program = buildProgram(sinks, installers);
  return runProgram(program, sinks, argv);
}
