import { Help } from "commander";
import { COMMANDS } from "./command-list.js";
import { buildProgram, runProgram, type CliIO, type CommandInstaller } from "./program.js";

/** A command as the top-level help lists it, without loading its module. */
const stub = (name: string, description: string): CommandInstaller => (program) => void program.command(name).description(description);

/**
 * Entry point of the `mhst` command. Only the module of the command named in argv is
 * imported (`mhst help <command>` too); `mhst --help`, `--version` and unknown commands load
 * none, so they answer at once.
 * @returns the process exit code.
 */
export async function main(argv: string[], io?: CliIO): Promise<number> {
  // Output piped into `head` and closed early is not an error.
  if (!io) process.stdout.on("error", (err: NodeJS.ErrnoException) => (err.code === "EPIPE" ? process.exit(0) : undefined));
  const sinks: CliIO = io ?? {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    isTTY: Boolean(process.stderr.isTTY),
  };
  const named = argv[0] === "help" ? argv[1] : argv[0];
  const entry = COMMANDS.find((c) => c.name === named);
  const installers = entry ? [await entry.load()] : COMMANDS.map((c) => stub(c.name, c.description));
  const program = buildProgram(sinks, installers);
  const terms = new Map(COMMANDS.map((c) => [c.name, c.term]));
  const plain = new Help();
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd.name()) ?? plain.subcommandTerm(cmd) });
  return runProgram(program, sinks, argv);
}
