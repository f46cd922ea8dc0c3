import { accessSync, constants, existsSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { UsageError } from "./errors.js";

/** Kernel and device file systems: never a place for result files. */
const SPECIAL_ROOTS = ["/proc", "/sys", "/dev"];

const under = (path: string, root: string) => path === root || path.startsWith(root + sep);

/**
 * Checks, before any run, that `dir` can be a folder of result files: on an ordinary file
 * system (not under /proc, /sys or /dev, links followed), a directory if it exists, and
 * writable where it is (or would be) created.
 * @throws UsageError naming the flag, the path and the rule, e.g.
 *   `--out: /proc/self is under /proc, not an ordinary file system: give a folder on disk`.
 * @example checkOutDir("--out", "results/")
 */
export function checkOutDir(flag: string, dir: string): void {
  if (dir.trim() === "") throw new UsageError(`${flag}: "" must be a folder path`);
  const abs = resolve(dir);
  let existing = abs;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch (err) {
    throw new UsageError(`${flag}: ${dir} cannot be resolved (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const special = SPECIAL_ROOTS.find((root) => under(abs, root) || under(real, root));
  if (special) throw new UsageError(`${flag}: ${dir} is under ${special}, not an ordinary file system: give a folder on disk`);
  if (existing === abs && !statSync(real).isDirectory()) throw new UsageError(`${flag}: ${dir} exists and is not a directory`);
  if (existing !== abs && !statSync(real).isDirectory()) throw new UsageError(`${flag}: ${dir} cannot be created: ${existing} is not a directory`);
  try {
    accessSync(real, constants.W_OK);
  } catch (err) {
    throw new UsageError(`${flag}: ${dir} is not writable (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
}
