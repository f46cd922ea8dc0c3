/**
 * Reading an activity file for the commands that take `--data`: bad rows go to stderr (the
 * first few, then a count by rule); a file that cannot be used is a one-line UsageError.
 */
import { ActivityError, formatBadRow, loadActivityFile, type ActivityData } from "../scenarios/activity/index.js";
import { dayOf, type ServiceModel } from "../sim/model/index.js";
import { cutToPeriod } from "../sim/calibrate/index.js";
import { UsageError, type CliIO } from "./program.js";

/** Bad rows listed one by one before the summary line. */
const LISTED = 10;

/** Parses --until: an ISO date or a simulation day. @throws UsageError naming the flag. */
export function untilDay(raw: string | undefined, model: ServiceModel): number | undefined {
  if (raw === undefined) return undefined;
  if (/^-?\d+$/.test(raw)) return Number(raw);
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw) && new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) === raw) return dayOf(model.calendar.startDate, raw) + 1;
  throw new UsageError(`--until: ${JSON.stringify(raw)} must be an ISO date (YYYY-MM-DD) or a whole number of simulation days`);
}

/**
 * Loads `--data` against a model and reports its bad rows on stderr.
 * @throws UsageError (exit 2) when the file cannot be used at all.
 */
export function readData(path: string, model: ServiceModel, io: CliIO, options: { replication?: number; until?: string }): ActivityData {
  let data: ActivityData;
  try {
    data = loadActivityFile(path, model, { replication: options.replication, untilDay: untilDay(options.until, model) });
  } catch (err) {
    if (err instanceof ActivityError) throw new UsageError(`--data: ${err.message}`);
    throw err;
  }
  for (const b of data.badRows.slice(0, LISTED)) io.stderr(`mhst: ${formatBadRow(b)}\n`);
  const dropped = data.rowsRead - data.records.length;
  if (dropped > 0) {
    const why = Object.entries(data.dropped).map(([rule, n]) => `${n} ${rule}`).join(", ");
    const more = data.badRows.length > LISTED ? ` (the first ${LISTED} are listed above)` : "";
    io.stderr(`mhst: ${path}: dropped ${dropped} of ${data.rowsRead} rows: ${why}${more}\n`);
  }
  // With --until the records are read as they stood then: later events are not yet known.
  return options.until === undefined ? data : { ...data, records: cutToPeriod(data.records, data.period.toDay) };
}
