import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { UsageError } from "./errors.js";

/** Output sinks a command writes to; tests pass in-memory ones. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars draw only then). */
  isTTY: boolean;
}

/** A command module adds one sub-command to the program. */
export type CommandInstaller = (program: Command, io: CliIO) => void;

/**
 * Parses a flag value as a finite number, for commander's argParser.
 * @throws InvalidArgumentError naming the rule, which commander reports with the flag name.
 */
export function numberArg(rule: (v: number) => boolean, ruleText: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(v) || !rule(v)) {
      throw new InvalidArgumentError(`${JSON.stringify(raw)} must be ${ruleText}`);
    }
    return v;
  };
}

/** Whole number >= min. */
export const intArg = (min: number) => numberArg((v) => Number.isInteger(v) && v >= min, `a whole number >= ${min}`);
/** Whole number from min to max, e.g. `--reps` 1..100000. */
export const rangeIntArg = (min: number, max: number) =>
  numberArg((v) => Number.isInteger(v) && v >= min && v <= max, `a whole number from ${min} to ${max.toLocaleString("en-GB").replace(/,/g, "")}`);
/** A seed: a whole number from 0 to 2^53 − 1 (a safe integer, so it is the number written). */
export const seedArg = numberArg((v) => Number.isSafeInteger(v) && v >= 0, `a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (a safe integer)`);

/** Most replications a command takes. */
export const MAX_REPS = 100_000;
/** Most worker threads a command takes (before the cap at replications and cores). */
export const MAX_WORKERS = 1024;
/** Number > 0. */
export const positiveArg = numberArg((v) => v > 0, "a number > 0");
/** Number >= 0. */
export const nonNegativeArg = numberArg((v) => v >= 0, "a number >= 0");

export { Option, UsageError };

/**
 * Builds the `mhst` program over the given installers, with errors turned into exceptions
 * so that {@link runProgram} decides the exit code.
 */
export function buildProgram(io: CliIO, installers: CommandInstaller[]): Command {
  const program = new Command("mhst")
    .description("Simulate and plan the capacity of school Mental Health Support Teams")
    .version("0.1.0")
    .showSuggestionAfterError(true);
  const configure = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: () => {},
    });
  };
  configure(program);
  for (const install of installers) install(program, io);
  for (const cmd of program.commands) configure(cmd);
  return program;
}

/**
 * Runs the program on argv (without node and script) and returns the exit code: 0 on
 * success, 2 on bad usage or input (one line on stderr), 1 on an internal fault.
 */
export async function runProgram(program: Command, io: CliIO, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return 0;
      // Commander puts its "Did you mean …?" hint on a second line; keep the error to one line.
      const oneLine = err.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ").trim();
      io.stderr(`mhst: ${oneLine}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr(`mhst: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr(`mhst: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.MHST_DEBUG) io.stderr(`${err instanceof Error ? err.stack : ""}\n`);
    return 1;
  }
}
