import { SingleBar, Presets } from "cli-progress";
import type { CliIO } from "./program.js";

/** Progress of a long run, drawn on stderr. */
export interface Progress {
  /** Reports `done` of `total` units (replications). */
  update(done: number, total: number): void;
  /** Removes the bar; call it in a `finally`. */
  stop(): void;
}

/**
 * A cli-progress bar on stderr, drawn only when stderr is a terminal and only once the run has
 * lasted `delayMs` (short runs stay quiet), so stdout (e.g. `--json`) is never touched.
 *
 * @example const p = progressBar(io, "replications"); try { ...p.update(3, 10)... } finally { p.stop(); }
 */
export function progressBar(io: CliIO, label: string, delayMs = 700): Progress {
  if (!io.isTTY) return { update() {}, stop() {} };
  const started = Date.now();
  let bar: SingleBar | null = null;
  // cli-progress writes through a stream; this one forwards to the CLI's stderr sink.
  const stream = {
    isTTY: true,
    columns: process.stderr.columns ?? 80,
    write: (s: string) => (io.stderr(s), true),
  } as unknown as NodeJS.WriteStream;
  return {
    update(done, total) {
      if (!bar && Date.now() - started >= delayMs && done < total) {
        bar = new SingleBar(
          { stream, format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`, hideCursor: true, clearOnComplete: true },
          Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar?.update(done);
      if (bar && total !== bar.getTotal()) bar.setTotal(total);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
