/**
 * Errors the CLI reports as one line on stderr with exit code 2 (bad flags, bad scenario
 * files), as opposed to internal faults.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** Exit code for the process. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}
