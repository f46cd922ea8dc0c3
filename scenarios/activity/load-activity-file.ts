import { readFileSync, statSync } from "node:fs";
import type { ServiceModel } from "../../sim/model/index.js";
import { readActivity, type ReadOptions } from "./read-activity.js";
import { ActivityError, type ActivityData } from "./types.js";

/** Largest activity file read (200 MB: about two million referrals). */
const MAX_BYTES = 200 * 1024 * 1024;

/**
 * Reads an activity CSV file against a scenario (see {@link readActivity}).
 * @throws ActivityError when the file cannot be read (`data.csv: cannot read it (ENOENT)`), is
 *   too large, or is not usable activity data.
 * @example loadActivityFile("activity.csv", model, { replication: 0 }).records.length
 */
export function loadActivityFile(path: string, model: ServiceModel, options: Omit<ReadOptions, "file"> = {}): ActivityData {
  let text: string;
  try {
    if (statSync(path).size > MAX_BYTES) throw new ActivityError(`${path}: the file is larger than 200 MB`);
    text = readFileSync(path, "utf8");
  } catch (err) {
    if (err instanceof ActivityError) throw err;
    throw new ActivityError(`${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return readActivity(text, model, { ...options, file: path });
}
